export declare const BUILD_INPUTS: string[];
export declare const STAMP: string;
export declare function newestChange(base: string, paths: string[]): number;
export declare function staleReason(base?: string): string | null;
export declare function writeStamp(base?: string): void;
