import { describe, expect, it } from 'vitest';
import type { SortKey } from '../../src/lists/keyset-page';
import { decodeCursor, encodeCursor, pageWindow } from '../../src/lists/cursor';

// The cursor codec on its own: what round-trips, and the error each forged or stale cursor gets.
const NEWEST: SortKey[] = [
  { sql: 't.date_key', type: 'timestamptz' },
  { sql: 't.position', type: 'int' },
];
const BY_NAME: SortKey[] = [{ sql: 's.name', type: 'text' }];
const forge = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    const e = error as { message: string; extensions: Record<string, unknown> };
    return { message: e.message, ...e.extensions };
  }
  throw new Error('expected a refusal');
};
const NOT_A_CURSOR = /^`after` is not a cursor of this list: pass a `cursor` or `pageInfo` value this list returned\.$/;

describe('cursors', () => {
  it('round-trip a position under the order they were made for, in URL-safe text', () => {
    const position = { keys: ['2024-04-20 05:30:00.123+00', '3'], id: 42 };
    const cursor = encodeCursor('NEWEST', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'NEWEST', NEWEST, 'after')).toEqual(position);
    for (const edge of ['-infinity', 'infinity']) {
      expect(decodeCursor(encodeCursor('NEWEST', { keys: [edge, '-7'], id: 1 }), 'NEWEST', NEWEST, 'after').keys).toEqual([edge, '-7']);
    }
    const text = { keys: ['王 "quoted" \\ name'], id: 9 };
    expect(decodeCursor(encodeCursor('NAME', text), 'NAME', BY_NAME, 'before')).toEqual(text);
  });

  it('made for another order are refused, naming both orders (the foreign name cut to 40 characters)', () => {
    const cursor = encodeCursor('NAME', { keys: ['a'], id: 1 });
    expect(refusal(() => decodeCursor(cursor, 'NEWEST', NEWEST, 'after'))).toEqual({
      message: '`after` was made for a list ordered by NAME, not NEWEST: paginate with the same orderBy.',
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
    const long = forge(['x'.repeat(500), 'a', 1]);
    expect(refusal(() => decodeCursor(long, 'NAME', BY_NAME, 'after')).message).toBe(
      `\`after\` was made for a list ordered by ${'x'.repeat(40)}, not NAME: paginate with the same orderBy.`,
    );
  });

  it.each([
    ['empty text', ''],
    ['characters outside base64url', 'abc+/='],
    ['more than 2,000 characters', 'A'.repeat(2001)],
    ['base64 of no JSON', Buffer.from('not json').toString('base64url')],
    ['JSON that is no array', forge({ order: 'NEWEST' })],
    ['an array without an order name', forge([1, 2, 3])],
    ['too few keys', forge(['NEWEST', '2024-01-01 00:00:00+00', 1])],
    ['too many keys', forge(['NEWEST', '2024-01-01 00:00:00+00', '1', '2', 1])],
    ['an id that is text', forge(['NEWEST', '2024-01-01 00:00:00+00', '1', '1'])],
    ['an id of 0', forge(['NEWEST', '2024-01-01 00:00:00+00', '1', 0])],
    ['a fractional id', forge(['NEWEST', '2024-01-01 00:00:00+00', '1', 1.5])],
    ['an id past 2^53', forge(['NEWEST', '2024-01-01 00:00:00+00', '1', 2 ** 60])],
    ['a key that is a number', forge(['NEWEST', '2024-01-01 00:00:00+00', 1, 1])],
    ['an int key with letters', forge(['NEWEST', '2024-01-01 00:00:00+00', '1e3', 1])],
    ['an int key of 16 digits', forge(['NEWEST', '2024-01-01 00:00:00+00', '1234567890123456', 1])],
    ['February 30th', forge(['NEWEST', '2024-02-30 00:00:00+00', '1', 1])],
    ['hour 24', forge(['NEWEST', '2024-02-01 24:00:00+00', '1', 1])],
    ['a timestamp without a zone', forge(['NEWEST', '2024-02-01 10:00:00', '1', 1])],
    ['SQL in a timestamp key', forge(['NEWEST', "2024-02-01 10:00:00+00'; DROP TABLE talk; --", '1', 1])],
  ])('refuse %s as not a cursor of this list', (_what, cursor) => {
    expect(refusal(() => decodeCursor(cursor, 'NEWEST', NEWEST, 'after'))).toEqual({
      message: expect.stringMatching(NOT_A_CURSOR),
      code: 'BAD_USER_INPUT',
      argument: 'after',
    });
  });

  it('refuse a text key over 1,000 characters', () => {
    expect(refusal(() => decodeCursor(forge(['NAME', 'a'.repeat(1001), 1]), 'NAME', BY_NAME, 'before')).message).toMatch(
      /^`before` is not a cursor/,
    );
  });
});

describe('page windows', () => {
  it('default to the first 20, read backwards for `last`, and decode both cursors', () => {
    expect(pageWindow({}, 'NAME', BY_NAME)).toEqual({ limit: 20, backward: false, after: undefined, before: undefined });
    const after = encodeCursor('NAME', { keys: ['a'], id: 1 });
    const before = encodeCursor('NAME', { keys: ['m'], id: 7 });
    expect(pageWindow({ last: 5, after, before }, 'NAME', BY_NAME)).toEqual({
      limit: 5,
      backward: true,
      after: { keys: ['a'], id: 1 },
      before: { keys: ['m'], id: 7 },
    });
  });

  it.each([
    [{ first: 2, last: 2 }, 'Pass either `first` or `last`, not both.', 'first'],
    [{ first: 0 }, '`first` must be between 1 and 100, not 0.', 'first'],
    [{ first: 101 }, '`first` must be between 1 and 100, not 101.', 'first'],
    [{ last: -1 }, '`last` must be between 1 and 100, not -1.', 'last'],
  ])('refuse %j', (args, message, argument) => {
    expect(refusal(() => pageWindow(args, 'NAME', BY_NAME))).toEqual({ message, code: 'BAD_USER_INPUT', argument });
  });
});
