import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/ingest/front-matter';
import { oversizedFrontMatter, yamlAliasBomb } from '../helpers/hostile-pages';

describe('splitFrontMatter', () => {
  it('splits YAML front matter from the body and says where the body starts', () => {
    const split = splitFrontMatter('---\ntitle: "A"\ndate: 2024-04-20T15:00:00+08:00\n---\n\n## 概要\n');
    expect(split).toEqual({ data: { title: 'A', date: '2024-04-20T15:00:00+08:00' }, body: '\n## 概要\n', bodyLine: 5 });
  });

  it('reports malformed YAML with the page line at fault', () => {
    expect(splitFrontMatter('---\ntitle: "A"\ntags: [a, b\ndate: x\n---\n')).toMatchObject({
      line: expect.any(Number),
      reason: expect.stringMatching(/malformed YAML/),
    });
  });

  it('reports a page without front matter at line 1', () => {
    expect(splitFrontMatter('## 概要\n')).toEqual({ line: 1, reason: expect.stringMatching(/no front matter/) });
  });

  it('reports front matter that is never closed', () => {
    expect(splitFrontMatter('---\ntitle: A\n')).toMatchObject({ line: 1, reason: expect.stringMatching(/never closed/) });
  });

  it('reads the simple key = value lines of TOML front matter', () => {
    expect(splitFrontMatter('+++\ntitle = "活动"\n+++\nbody')).toMatchObject({ data: { title: '活动' }, body: 'body' });
  });
});

describe('splitFrontMatter on hostile YAML', () => {
  it('refuses an alias bomb (billion laughs) as a user error, at once', () => {
    const started = performance.now();
    expect(splitFrontMatter(yamlAliasBomb())).toEqual({
      line: 2,
      reason: 'YAML front matter cannot be read: Excessive alias count indicates a resource exhaustion attack',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses an alias to an anchor that is not there', () => {
    expect(splitFrontMatter('---\ntitle: *nowhere\n---\n')).toMatchObject({
      line: expect.any(Number),
      reason: expect.stringMatching(/YAML/),
    });
  });

  it('refuses front matter over 64 KiB before parsing it', () => {
    expect(splitFrontMatter(oversizedFrontMatter(100_000))).toEqual({
      line: 2,
      reason: expect.stringMatching(/^front matter is \d+ bytes, over the 65536-byte limit$/),
    });
  });

  it('reads front matter that uses an alias or two', () => {
    expect(splitFrontMatter('---\ncity: &c 杭州\nvenue: *c\n---\n')).toMatchObject({ data: { city: '杭州', venue: '杭州' } });
  });
});
