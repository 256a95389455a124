/** A JSON document parsed, or why it could not be, with the line at fault. */
export type JsonDocument = { ok: true; value: unknown; bom: boolean } | { ok: false; line: number; reason: string };

/**
 * Parses a JSON document's bytes: UTF-8 only (a byte order mark is allowed and reported, bytes
 * that are not UTF-8 are refused with their line), and a syntax error says its line.
 */
export function parseJsonDocument(bytes: Buffer): JsonDocument {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    return {
      ok: false,
      line: lineAt(body.subarray(0, bad).toString('latin1'), bad),
      reason: `byte ${bad} is not UTF-8 (a wrong encoding?): JSON must be UTF-8`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(text), bom };
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAt(text, +position[1]) : text.trimEnd().split('\n').length;
    return { ok: false, line, reason: `malformed JSON: ${message.replace(/^JSON\.parse: /, '').slice(0, 200)}` };
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by halving: each probe decodes at most the whole buffer once.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      // Streaming: a prefix that ends inside a character is not an error, only a byte that breaks one.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** A JSON pointer (RFC 6901) from its reference tokens. */
export function jsonPointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
