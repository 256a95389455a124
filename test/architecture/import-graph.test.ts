import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import graph between src/'s folders, read with the TypeScript compiler's own pre-processor
// (every import, export-from and dynamic import; `import type` too, since a type is a dependency
// a reader has to follow). No folder imports one that imports it back: what every concept uses
// (graphql/, lists/, database/) imports no concept, and what assembles them all (api/, http/,
// cli/) none imports. Types that gather what many folders add (graphql/context.ts's `Context`
// and `Loaders`) are filled by declaration merging from above, so they stay below.
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

/**
 * One cycle in each group of `nodes` that import each other (a strongly connected component of
 * the graph, found by Tarjan's algorithm, so the check stays linear however many paths the graph
 * has): the shortest loop from the group's first node in alphabetical order, printed as the path and the
 * first import line of each of its steps.
 */
function cycles(edges: Edges, nodes: readonly string[]): string[] {
  const inside = new Set(nodes);
  const next = (node: string) => [...(edges.get(node)?.keys() ?? [])].filter((to) => inside.has(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const connect = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next(node)) {
      if (!index.has(to)) connect(to);
      if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, low.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = stack.splice(stack.indexOf(node));
    if (group.length > 1) groups.push(group.sort());
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return groups.sort().map((group) => {
    // Breadth first from the group's first node, within the group, until a step leads back to it.
    const [start] = group;
    const cameFrom = new Map<string, string>();
    const queue = [start];
    let last = start;
    search: for (const node of queue) {
      for (const to of next(node).filter((n) => group.includes(n))) {
        if (to === start) {
          last = node;
          break search;
        }
        if (cameFrom.has(to)) continue;
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
    const loop = [start];
    for (let node = last; node !== start; node = cameFrom.get(node)!) loop.splice(1, 0, node);
    loop.push(start);
    const lines = loop.slice(1).map((to, i) => edges.get(loop[i])!.get(to)![0]);
    return `${loop.join(' → ')} (${lines.join('; ')})`;
  });
}

describe('the import graph of src/', () => {
  const edges = folderEdges();
  /** Every top-level folder and file of src/. */
  const everything = readdirSync(SRC).filter((name) => !name.includes('.') || name.endsWith('.ts'));

  it('has no cycle between any of the top-level folders and files of src/', () => {
    expect(everything).toEqual(expect.arrayContaining(['api', 'graphql', 'http', 'main.ts', ...CONCEPTS]));
    expect(cycles(edges, everything)).toEqual([]);
  });

  it('keeps the building blocks of the API below every concept: src/graphql imports only the data layer and config.ts', () => {
    const imported = [...(edges.get('graphql') ?? [])]
      .filter(([to]) => !['database', 'config.ts'].includes(to))
      .map(([to, lines]) => `${to}: ${lines[0]}`);
    expect(imported).toEqual([]);
  });

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
    expect(cycles(made, CONCEPTS)).toEqual([
      'projects → talks → projects (projects/b.ts imports ../talks/a; talks/a.ts imports ../projects/b)',
    ]);
  });

  it('finds a cycle through several folders and a file, beside imports that close none, and names each step', () => {
    const made: Edges = new Map([
      [
        'http',
        new Map([
          ['feeds', ['http/app.ts imports ../feeds/feed.router']],
          ['config.ts', ['http/app.ts imports ../config']],
        ]),
      ],
      ['feeds', new Map([['exports', ['feeds/feed.router.ts imports ../exports/schedule-talks.query']]])],
      ['exports', new Map([['config.ts', ['exports/x.ts imports ../config']]])],
      ['config.ts', new Map([['http', ['config.ts imports ./http/rate-limit']]])],
      ['main.ts', new Map([['http', ['main.ts imports ./http/app']]])],
    ]);
    expect(cycles(made, ['config.ts', 'exports', 'feeds', 'http', 'main.ts'])).toEqual([
      'config.ts → http → config.ts (config.ts imports ./http/rate-limit; http/app.ts imports ../config)',
    ]);
    made.get('http')!.delete('config.ts');
    expect(cycles(made, ['config.ts', 'exports', 'feeds', 'http', 'main.ts'])).toEqual([
      'config.ts → http → feeds → exports → config.ts (config.ts imports ./http/rate-limit; http/app.ts imports ../feeds/feed.router; ' +
        'feeds/feed.router.ts imports ../exports/schedule-talks.query; exports/x.ts imports ../config)',
    ]);
    made.get('config.ts')!.delete('http');
    expect(cycles(made, ['config.ts', 'exports', 'feeds', 'http', 'main.ts'])).toEqual([]);
  });
});
