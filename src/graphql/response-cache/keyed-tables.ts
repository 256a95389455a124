import { tables } from '../../database/tables';

/**
 * The tables whose writes name the keys they touched (migration ChangedKeys): a talk, its links
 * and its card. A changed row announces `talk:<id>` of its talk and `project:`, `event:` and
 * `speaker:<id>` of everything linked to that talk before and after the change.
 */
export const KEYED_TABLES: ReadonlySet<string> = new Set([
  tables.talk.name,
  tables.talk_project.name,
  tables.talk_speaker.name,
  tables.talk_card.name,
]);

/** The kinds of key a read may be confined to, each named by what the talk tables' triggers announce. */
export type KeyKind = 'talk' | 'project' | 'event' | 'speaker';

/** Keys one transaction may name before its changes name only their tables (migration ChangedKeys' bound). */
export const MAX_KEYS_PER_TRANSACTION = 256;

/** The tag of the key `id` of `kind`: what a change of a row about it announces. */
export const keyTag = (kind: KeyKind, id: number): string => `${kind}:${id}`;

/**
 * The tag an answer carries for a keyed table it read only by key: forgotten by a change of that
 * table that could not name its keys, never by one that did.
 */
export const byKeysTag = (table: string): string => `${table}#keys`;

/** The key tags of `ids`, for `SqlRunner`'s `keys`. */
export const keyTags =
  (kind: KeyKind) =>
  (ids: readonly number[]): string[] =>
    ids.map((id) => keyTag(kind, id));

/**
 * What a statement read that was confined to keys, as tags: its words (`tablesRead`), with each
 * keyed table replaced by its `byKeysTag`, and the keys if it read a keyed table at all (a
 * project's kept count, read from `project_tally`, changes with no talk's title).
 */
export function keyedTagsRead(words: readonly string[], keys: readonly string[]): string[] {
  const tags = words.map((word) => (KEYED_TABLES.has(word) ? byKeysTag(word) : word));
  return words.some((word) => KEYED_TABLES.has(word)) ? [...tags, ...keys] : tags;
}

const KEY = /^(talk|project|event|speaker):[0-9]{1,10}$/;

/** Whether `tag` is a key as the triggers write them. */
export const isKey = (tag: string): boolean => KEY.test(tag);
