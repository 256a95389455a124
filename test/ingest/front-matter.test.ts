import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/ingest/front-matter';

describe('splitFrontMatter', () => {
  it('splits YAML front matter from the body and says where the body starts', () => {
    const split = splitFrontMatter('---\ntitle: "A"\ndate: 2024-04-20T15:00:00+08:00\n---\n\n## 概要\n');
    expect(split).toEqual({ data: { title: 'A', date: '2024-04-20T15:00:00+08:00' }, body: '\n## 概要\n', bodyLine: 5 });
  });

  it('reports malformed YAML with the page line at fault', () => {
    expect(splitFrontMatter('---\ntitle: "A"\ntags: [a, b\ndate: x\n---\n')).toMatchObject({ line: expect.any(Number), reason: expect.stringMatching(/malformed YAML/) });
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
