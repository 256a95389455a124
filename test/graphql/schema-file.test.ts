import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaSdl } from '../../src/api/schema';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing the schema)', async () => {
    const committed = readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(await schemaSdl());
  });

  it('describes every type and field', async () => {
    const sdl = await schemaSdl();
    const undocumented = sdl
      .split('\n')
      .map((line, i, lines) => ({ line: line.trim(), previous: lines[i - 1]?.trim() ?? '' }))
      .filter(({ line }) => /^(type|input|enum|interface|union|scalar) /.test(line) || /^[a-zA-Z_]+(\(|:)/.test(line))
      .filter(({ previous }) => !previous.endsWith('"""') && !previous.endsWith('"'));
    expect(undocumented.map(({ line }) => line)).toEqual([]);
  });
});
