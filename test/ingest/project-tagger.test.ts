import { describe, expect, it } from 'vitest';
import { PROJECTS } from '../../src/ingest/project-dictionary';
import { projectMatcher } from '../../src/ingest/project-tagger';
import { isLikelyName } from '../../src/ingest/sources/hugo-event-page/person-mention';

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

  it('tags Kubernetes as a project when a title names it, and only as a topic when the abstract does', () => {
    const tag = projectMatcher().tag;
    expect(tag({ title: '深入 K8s 的调度系统' })).toMatchObject({ projects: ['kubernetes'], topics: ['Kubernetes'] });
    expect(tag({ title: '示例网格的落地', abstract: '跑在 Kubernetes 上' })).toMatchObject({ projects: [], topics: ['Kubernetes'] });
    expect(tag({ title: 'WebAssembly 的沙箱' })).toMatchObject({ projects: [], topics: ['WebAssembly'] });
  });
});

describe('standards named after a project', () => {
  it('does not tag a project named as the standard a talk follows ("基于 OpenTracing 规范")', () => {
    expect(find('基于 OpenTracing 规范实现的链路组件')).toEqual([]);
    expect(find('OpenTracing 的实现')).toEqual(['opentracing']);
    expect(find('SOFABolt 协议解析')).toEqual(['sofabolt']);
  });
});

describe('isLikelyName', () => {
  it('takes a two-character name with 云 and rejects clouds and companies', () => {
    expect(['李云', '张云飞'].map(isLikelyName)).toEqual([true, true]);
    expect(['阿里云', '金融云', '云原生', '阿里巴巴', '腾讯科技'].map(isLikelyName)).toEqual([false, false, false, false, false]);
  });
});
