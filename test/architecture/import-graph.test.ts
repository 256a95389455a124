import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import graph between src/'s folders, read with the TypeScript compiler's own pre-processor
// (every import, export-from and dynamic import; `import type` too, since a type is a dependency
// a reader has to follow).
const SRC = path.join(__dirname, '..', '..', 'src');

/** The concepts of the graph, lowest first: a folder may import only folders before it. */
const CONCEPTS = ['communities', 'projects', 'speakers', 'events', 'talks'];

type Edges = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level folder of a file under src/ (a file at the top is its own node, e.g. `config.ts`). */
function folderOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

/** folder → imported folder → the import lines that make the edge. */
function folderEdges(files = sourceFiles(SRC)): Edges {
  const edges: Edges = new Map();
  for (const file of files) {
    const from = folderOf(file);
    for (const imported of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!imported.fileName.startsWith('.')) continue;
      const target = path.resolve(path.dirname(file), imported.fileName);
      if (!target.startsWith(SRC + path.sep)) continue;
      const to = folderOf(target.endsWith('.ts') || target.endsWith('.json') ? target : `${target}.ts`);
      if (to === from) continue;
      const byTarget = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, byTarget);
      byTarget.set(to, [...(byTarget.get(to) ?? []), `${path.relative(SRC, file)} imports ${imported.fileName}`]);
    }
  }
  return edges;
}

/** Every cycle among `nodes` (each printed once, as the path and the import lines that close it). */
function cycles(edges: Edges, nodes: readonly string[]): string[] {
  const inside = new Set(nodes);
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (node: string, trail: string[]) => {
    for (const [next, lines] of edges.get(node) ?? []) {
      if (!inside.has(next)) continue;
      const at = trail.indexOf(next);
      if (at >= 0) {
        const loop = [...trail.slice(at), next];
        const key = [...loop.slice(0, -1)].sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          found.push(`${loop.join(' → ')} (${lines[0]})`);
        }
      } else if (trail.length < nodes.length) walk(next, [...trail, next]);
    }
  };
  for (const node of nodes) walk(node, [node]);
  return found;
}

describe('the import graph of src/', () => {
  const edges = folderEdges();

  it('has no cycle between the concept folders, and each imports only concepts below it', () => {
    expect(cycles(edges, CONCEPTS)).toEqual([]);
    const upward = CONCEPTS.flatMap((from, rank) =>
      [...(edges.get(from) ?? [])].filter(([to]) => CONCEPTS.indexOf(to) > rank).map(([to, lines]) => `${from} → ${to}: ${lines[0]}`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the data layer at the bottom: src/database imports nothing of src/ but config.ts', () => {
    const imported = [...(edges.get('database') ?? [])].filter(([to]) => to !== 'config.ts').map(([to, lines]) => `${to}: ${lines[0]}`);
    expect(imported).toEqual([]);
  });

  it('keeps the list planner below the concepts: src/lists imports no concept folder', () => {
    const imported = [...(edges.get('lists') ?? [])].filter(([to]) => CONCEPTS.includes(to)).map(([to, lines]) => `${to}: ${lines[0]}`);
    expect(imported).toEqual([]);
  });

  // The check itself, on a made-up tree: it must see a cycle and an upward import when there is one.
  it('finds a cycle and names the import that closes it', () => {
    const made: Edges = new Map([
      ['talks', new Map([['projects', ['talks/a.ts imports ../projects/b']]])],
      ['projects', new Map([['talks', ['projects/b.ts imports ../talks/a']]])],
    ]);
    expect(cycles(made, CONCEPTS)).toEqual(['projects → talks → projects (talks/a.ts imports ../projects/b)']);
  });
});
