import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';

describe('migrations/index.ts', () => {
  it('lists every migration file, oldest first', () => {
    const files = readdirSync(path.join(__dirname, '../../migrations'))
      .filter((f) => /^\d+-.+\.ts$/.test(f))
      .sort();
    const names = migrations.map((m) => new m().name);
    expect(names).toEqual(files.map((f) => f.replace(/^(\d+)-(.+)\.ts$/, '$2$1')));
  });
});
