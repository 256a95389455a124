import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const INGEST = join(ROOT, 'src', 'ingest');

/** Every regular expression literal in the importer's sources, with where it stands. */
function regexLiterals(): { at: string; source: string; flags: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk(INGEST);
  const found: { at: string; source: string; flags: string }[] = [];
  for (const file of files) {
    const tree = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const end = text.lastIndexOf('/');
        const line = tree.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ at: `${relative(ROOT, file)}:${line}`, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  return found;
}

describe("the importer's regular expressions", () => {
  it('are all free of super-linear backtracking, as the ReDoS checker recheck proves', () => {
    const literals = regexLiterals();
    expect(literals.length).toBeGreaterThan(100);
    const unsafe = literals
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags, { timeout: 10_000 }) }))
      .filter((r) => r.result.status !== 'safe')
      .map(
        (r) =>
          `${r.at} /${r.source}/${r.flags}: ${r.result.status}${r.result.status === 'vulnerable' ? ` (${r.result.complexity.summary}, e.g. ${r.result.attack.pattern})` : ''}`,
      );
    expect(unsafe).toEqual([]);
  }, 120_000);
});
