import type { KeysetPosition, KeysetWindow, SortKey } from './keyset-page';
import { badInput } from '../graphql/bad-input';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageArgs } from '../graphql/page-args';

/**
 * Encodes a row's position in a list ordered by `order` as an opaque cursor. The order's name
 * travels inside, so a cursor cannot silently be reused under another order.
 */
export function encodeCursor(order: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([order, ...position.keys, position.id])).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same order, or throws BAD_USER_INPUT. */
export function decodeCursor(cursor: string, order: string, sort: SortKey[], argument: string): KeysetPosition {
  let parts: unknown;
  try {
    parts = /^[A-Za-z0-9_-]{1,2000}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString()) : null;
  } catch {
    parts = null;
  }
  const invalid = () =>
    badInput(`\`${argument}\` is not a cursor of this list: pass a \`cursor\` or \`pageInfo\` value this list returned.`, argument);
  if (!Array.isArray(parts) || typeof parts[0] !== 'string') throw invalid();
  const [name, ...rest] = parts as unknown[];
  if (name !== order) {
    throw badInput(
      `\`${argument}\` was made for a list ordered by ${String(name).slice(0, 40)}, not ${order}: paginate with the same orderBy.`,
      argument,
    );
  }
  if (rest.length !== sort.length + 1) throw invalid();
  const id = rest.pop();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw invalid();
  const keys = rest.map((key, i) => {
    if (typeof key !== 'string' || !validKey(key, sort[i].type)) throw invalid();
    return key;
  });
  return { keys, id };
}

function validKey(key: string, type: SortKey['type']): boolean {
  switch (type) {
    case 'int':
      return /^-?\d{1,15}$/.test(key);
    case 'timestamptz':
      return key === '-infinity' || key === 'infinity' || validTimestamp(key);
    case 'text':
      return key.length <= 1000;
  }
}

/** Whether `key` is a real instant in PostgreSQL's text form, e.g. `2024-04-20 05:30:00.123+00`. */
function validTimestamp(key: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/.exec(key);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** Validates page arguments and turns them into a database window. */
export function pageWindow(args: PageArgs, order: string, sort: SortKey[]): KeysetWindow {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('Pass either `first` or `last`, not both.', 'first');
  for (const [name, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw badInput(`\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}, not ${value}.`, name);
    }
  }
  return {
    limit: first ?? last ?? DEFAULT_PAGE_SIZE,
    backward: last != null,
    after: args.after != null ? decodeCursor(args.after, order, sort, 'after') : undefined,
    before: args.before != null ? decodeCursor(args.before, order, sort, 'before') : undefined,
  };
}
