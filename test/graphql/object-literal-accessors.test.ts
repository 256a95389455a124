import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// An object literal with a getter or setter gets a hidden class of its own each time it is made,
// and V8 (Node 20) keeps that class, with what the accessors' closures reach, until its next full
// collection: a page's pageInfo made that way kept every row of every page alive through the
// young-generation collections in between (bench/results/optimizations.md). Classes carry their
// accessors on the prototype and have no such cost.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Each accessor written in an object literal in `file`, as `file:line name`. */
function literalAccessors(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && ts.isObjectLiteralExpression(node.parent)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${path.relative(process.cwd(), file)}:${line + 1} ${node.name.getText()}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('object literals in src', () => {
  it('have no getters or setters (a class carries them on its prototype)', () => {
    const files = sourceFiles(path.join(__dirname, '..', '..', 'src'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(literalAccessors)).toEqual([]);
  });

  it('are checked: a literal getter is found', () => {
    const dir = path.join(__dirname, '..', 'fixtures');
    const sample = path.join(dir, 'literal-accessor.sample.ts');
    expect(literalAccessors(sample)).toEqual([`${path.relative(process.cwd(), sample)}:3 cursor`]);
  });
});
