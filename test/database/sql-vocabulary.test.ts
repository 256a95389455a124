import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/database/tables';

const SRC = path.join(__dirname, '../../src');

/** Every TypeScript source under src/, relative to it. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

const names = Object.keys(schema)
  .sort((a, b) => b.length - a.length)
  .join('|');
// A table where SQL names one (`FROM talk t`, `INSERT INTO talk_project`), an entity's table
// (`@Entity('talk')`), or a table name with an underscore as a whole string literal
// ('talk_project'): words like 'talk' are also field names.
const TABLE_IN_SQL = new RegExp(
  `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\\s+(${names})\\b|@Entity\\(\\s*['"\`](${names})['"\`]|['"\`](${names
    .split('|')
    .filter((n) => n.includes('_'))
    .join('|')})['"\`]`,
  'g',
);

/** Source text with its comments blanked out (prose may name tables), lines kept where they were. */
function code(source: string): string {
  const blank = (comment: string) => comment.replace(/[^\n]/g, ' ');
  return source.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|\s)\/\/.*$/gm, blank);
}

/** The table names `source` (the text of `file`) writes as text, with their lines. */
function tableLiterals(file: string, source = readFileSync(path.join(SRC, file), 'utf8')): string[] {
  const text = code(source);
  return [...text.matchAll(TABLE_IN_SQL)].map((m) => `${file}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
}

describe('one SQL vocabulary', () => {
  const files = sources().filter((file) => file !== 'database/tables.ts');

  it('finds table names written as text (the check itself), and not in comments', () => {
    const sample = [
      'const rows = await sql(`SELECT t.id FROM talk t JOIN talk_project tp ON tp.talk_id = t.id`);',
      '// Reads FROM talk, in a comment.',
      "@Entity('event')",
      "const table = 'talk_speaker';",
      "/* UPDATE speaker, in prose */ const word = 'a talk';",
    ].join('\n');
    expect(tableLiterals('sample.ts', sample)).toEqual([
      'sample.ts:1: FROM talk',
      'sample.ts:1: JOIN talk_project',
      "sample.ts:3: @Entity('event'",
      "sample.ts:4: 'talk_speaker'",
    ]);
    expect(tableLiterals('database/name-key.ts')).toEqual([]);
  });

  it('names tables only through src/database/tables.ts', () => {
    expect(files.flatMap((file) => tableLiterals(file))).toEqual([]);
  });
});
