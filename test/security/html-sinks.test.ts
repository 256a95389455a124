import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The dashboard shows data that reached the database by any path, so it builds its DOM with
// textContent; markup is written only from literals the code itself holds. (ECharts' tooltip
// formatters return HTML too: test/web/panels.test.ts shows that they escape what they insert.)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.m?ts$/.test(entry.name) ? [full] : [];
  });
}

const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML']);
const HTML_CALLS = new Set(['insertAdjacentHTML', 'write', 'writeln', 'createContextualFragment', 'setHTMLUnsafe']);

/** Each place in `file` that writes markup from anything but a literal, as `file:line code`. */
function markupFromValues(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(process.cwd(), file)}:${line + 1} ${node.getText().slice(0, 80)}`);
  };
  const visit = (node: ts.Node) => {
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      HTML_PROPERTIES.has(node.left.name.text)
    ) {
      if (!ts.isNoSubstitutionTemplateLiteral(node.right) && !ts.isStringLiteral(node.right)) report(node);
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && HTML_CALLS.has(node.expression.name.text))
      report(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the dashboard sources', () => {
  it('write markup only from literals, never from a value', () => {
    const files = sourceFiles(path.join(__dirname, '..', '..', 'web', 'dashboard'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(markupFromValues)).toEqual([]);
  });

  it('are read by this check: a value written as markup is found', () => {
    const probe = path.join(__dirname, '..', 'fixtures', 'html-sink-probe.ts');
    expect(markupFromValues(probe).map((place) => place.replace(/^.*:(\d+) /, '$1 '))).toEqual([
      '2 cell.innerHTML = `<b>${talk.title}</b>`',
      "3 row.insertAdjacentHTML('beforeend', name)",
    ]);
  });
});
