import { tables } from '../../database/tables';
/**
 * The views a query may read, with the tables they read: a change names the table written, never
 * the view.
 */
const VIEW_TABLES: Record<string, readonly string[]> = {
  [tables.project_key.name]: [tables.project.name, tables.project_alias.name],
};

/** Statement texts seen, with their words; texts are the data layer's and few, but bounded all the same. */
const wordsOfText = new Map<string, readonly string[]>();
const MAX_TEXTS = 2000;

/**
 * What a statement may read, as tags for the response cache: every word of its text, and the
 * tables behind the views it names. A word that is no table (a column, an alias, a keyword) only
 * makes the answer forgotten on a change it did not need; a table it reads is always among the
 * words, so no change it depends on is missed.
 */
export function tablesRead(text: string): readonly string[] {
  let words = wordsOfText.get(text);
  if (!words) {
    const found = new Set<string>();
    for (const [word] of text.toLowerCase().matchAll(/[a-z_][a-z0-9_]*/g)) {
      found.add(word);
      for (const table of VIEW_TABLES[word] ?? []) found.add(table);
    }
    words = [...found];
    if (wordsOfText.size >= MAX_TEXTS) wordsOfText.clear();
    wordsOfText.set(text, words);
  }
  return words;
}
