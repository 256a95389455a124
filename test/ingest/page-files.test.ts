import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { listPages } from '../../src/ingest/list-pages';
import { readPage } from '../../src/ingest/page-reader';
import { activityPath, hasCorpus, SHARED } from '../helpers/corpus';

const scratch = () => mkdtempSync(join(tmpdir(), 'eventgraph-pages-'));

describe('listPages', () => {
  it('finds .md and .txt pages recursively, odd names included, and nothing else', async () => {
    const root = scratch();
    const odd = join(root, '[Summer-2023]welcome,to the project!');
    mkdirSync(odd, { recursive: true });
    writeFileSync(join(odd, 'index.md'), 'x');
    writeFileSync(join(root, 'seed.txt'), 'x');
    writeFileSync(join(root, 'cover.png'), 'x');
    symlinkSync(root, join(root, 'loop'));
    expect(await listPages(root)).toEqual([join(odd, 'index.md'), join(root, 'seed.txt')].sort());
  });

  it.skipIf(!hasCorpus)('lists every activity page of the corpus', async () => {
    const pages = await listPages(join(SHARED, 'corpus/sofastack.tech/content/zh/activities'));
    expect(pages).toContain(
      activityPath(
        '[Summer-2023-of-open-source-promotion-plan]welcome-to-register-for-dragonfly,kata-containers,and-nydus-community-projects!',
      ),
    );
    expect(pages.length).toBeGreaterThan(50);
  });
});

describe('readPage', () => {
  it('returns the bytes and the text of a UTF-8 page', async () => {
    const path = join(scratch(), 'a.md');
    writeFileSync(path, '活动');
    expect(await readPage(path)).toMatchObject({ ok: true, text: '活动' });
  });

  it('returns bytes without text for a binary file', async () => {
    const path = join(scratch(), 'b.md');
    writeFileSync(path, Buffer.from([1, 0, 2]));
    expect(await readPage(path)).toMatchObject({ ok: true, text: null });
  });

  it('refuses a file over the size cap without reading it', async () => {
    const path = join(scratch(), 'c.md');
    writeFileSync(path, 'x'.repeat(20));
    expect(await readPage(path, 10)).toMatchObject({ ok: false, reason: expect.stringMatching(/limit/) });
  });

  it('reports a missing file', async () => {
    expect(await readPage(join(scratch(), 'none.md'))).toMatchObject({ ok: false, reason: expect.stringMatching(/ENOENT/) });
  });
});
