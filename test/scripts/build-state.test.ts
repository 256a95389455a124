import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAMP, staleReason, writeStamp } from '../../scripts/build-state.cjs';

// `npm start` runs what was built and rebuilds only when a source is newer than the last complete build.
describe('the build state npm start asks before running', () => {
  let base = '';
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  function project(): string {
    base = mkdtempSync(join(tmpdir(), 'build-state-'));
    mkdirSync(join(base, 'src', 'talks'), { recursive: true });
    writeFileSync(join(base, 'src', 'talks', 'talk.ts'), 'export {};\n');
    writeFileSync(join(base, 'package.json'), '{}\n');
    return base;
  }
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('asks for a build when none has completed, even if dist/ exists', () => {
    const dir = project();
    mkdirSync(join(dir, 'dist', 'src'), { recursive: true });
    expect(staleReason(dir)).toBe('no complete build yet');
  });

  it('is current after a build, and stale once a source deep in a folder is newer', () => {
    const dir = project();
    at(join(dir, 'src', 'talks', 'talk.ts'), 1_000);
    at(join(dir, 'src', 'talks'), 1_000);
    at(join(dir, 'src'), 1_000);
    at(join(dir, 'package.json'), 1_000);
    writeStamp(dir);
    at(join(dir, STAMP), 2_000);
    expect(staleReason(dir)).toBeNull();
    at(join(dir, 'src', 'talks', 'talk.ts'), 3_000);
    expect(staleReason(dir)).toBe('sources changed since the last build');
  });

  it('counts a deleted source (its folder changes) and a changed lock file', () => {
    const dir = project();
    for (const path of ['src/talks/talk.ts', 'src/talks', 'src', 'package.json']) at(join(dir, path), 1_000);
    writeStamp(dir);
    at(join(dir, STAMP), 2_000);
    rmSync(join(dir, 'src', 'talks', 'talk.ts'));
    expect(staleReason(dir)).toBe('sources changed since the last build');
    at(join(dir, 'src', 'talks'), 1_000);
    expect(staleReason(dir)).toBeNull();
    writeFileSync(join(dir, 'package-lock.json'), '{}\n');
    expect(staleReason(dir)).toBe('sources changed since the last build');
  });
});
