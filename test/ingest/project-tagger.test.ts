import { describe, expect, it } from 'vitest';
import { PROJECTS } from '../../src/ingest/project-dictionary';
import { projectMatcher } from '../../src/ingest/project-tagger';

const find = projectMatcher().find;

describe('projectMatcher', () => {
  it('finds projects by former names', () => {
    expect(find('SOFAServerless 与 Fescar')).toEqual(['seata', 'koupleless']);
  });

  it('matches Latin names as whole words, case-insensitively', () => {
    expect(find('Dark mode for seatable')).toEqual([]);
    expect(find('sofa ark and SEATA')).toEqual(expect.arrayContaining(['sofaark', 'seata']));
  });

  it('finds projects by repository URL', () => {
    expect(find('<https://github.com/sofastack/sofa-registry>')).toEqual(['sofaregistry']);
    expect(find('https://github.com/mosn/mosn')).toEqual(['mosn']);
  });

  it('knows SOFAStack projects as sofastack and neighbours as no community', () => {
    const community = (slug: string) => PROJECTS.find((p) => p.slug === slug)?.community;
    expect([community('sofaboot'), community('koupleless'), community('envoy'), community('istio')]).toEqual([
      'sofastack',
      'sofastack',
      null,
      null,
    ]);
  });
});
