import { parseDocument } from 'yaml';
import { MAX_FRONT_MATTER_BYTES } from './page-limit';

/**
 * How many times front matter may expand an alias, weighted by what the alias stands for (the
 * `yaml` package's `maxAliasCount`): real pages use none, a "billion laughs" needs millions.
 */
export const MAX_YAML_ALIAS_COUNT = 50;

/** A page split into its YAML front matter and markdown body. */
export interface FrontMatterSplit {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line in the page where the body starts. */
  bodyLine: number;
}

/** Why a front matter could not be read, with the 1-based page line at fault. */
export interface FrontMatterError {
  line: number;
  reason: string;
}

/**
 * Splits a page into front matter and body. Hugo accepts YAML between `---` fences and TOML
 * between `+++` fences; TOML blocks are read for their simple `key = value` lines only,
 * because the only TOML pages are section listings.
 */
export function splitFrontMatter(text: string): FrontMatterSplit | FrontMatterError {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const fence = lines[0]?.trim();
  if (fence !== '---' && fence !== '+++') return { line: 1, reason: 'page has no front matter (expected a first line of --- or +++)' };
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === fence);
  if (end < 0) return { line: 1, reason: `front matter opened with ${fence} on line 1 is never closed` };
  const source = lines.slice(1, end).join('\n');
  const size = Buffer.byteLength(source, 'utf8');
  if (size > MAX_FRONT_MATTER_BYTES)
    return { line: 2, reason: `front matter is ${size} bytes, over the ${MAX_FRONT_MATTER_BYTES}-byte limit` };
  const parsed = fence === '---' ? parseYaml(source) : parseTomlLines(source);
  if ('reason' in parsed) return { line: parsed.line + 1, reason: parsed.reason };
  return { data: parsed.data, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

function parseYaml(source: string): { data: Record<string, unknown> } | FrontMatterError {
  let data: unknown;
  try {
    const document = parseDocument(source, { prettyErrors: false });
    const [error] = document.errors;
    if (error) return { line: error.linePos?.[0]?.line ?? 1, reason: `malformed YAML front matter: ${error.message.split('\n')[0]}` };
    data = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    // An alias bomb, an alias to an anchor that is not there, or a document too deep to build.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { line: 1, reason: `YAML front matter cannot be read: ${message}` };
  }
  if (data === null || data === undefined) return { data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) return { line: 1, reason: 'front matter is not a mapping of keys to values' };
  return { data: data as Record<string, unknown> };
}

function parseTomlLines(source: string): { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  for (const line of source.split('\n')) {
    const match = /^\s*([\w-]+)\s*=(.*)$/.exec(line);
    const value = match?.[2].trim();
    if (value) data[match![1]] = value.replace(/^"(.*)"$/, '$1');
  }
  return { data };
}
