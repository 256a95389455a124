import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('project(slug:)', () => {
  it("answers which talks covered Seata, with the seed's slides and speaker", async () => {
    const data = await server.data(`{
      project(slug: "seata") { name talks { totalCount nodes { title slidesUrl speakers { name alias } event { title city format } } } }
    }`);
    expect(data.project.name).toBe('Seata');
    expect(data.project.talks.totalCount).toBe(1);
    const [talk] = data.project.talks.nodes;
    expect(talk.title).toBe('Apache Seata(incubating) 新征程');
    expect(talk.slidesUrl).toMatch(/^https:\/\/mdn\.alipayobjects\.com\/.+\.pdf$/);
    expect(talk.speakers).toEqual([{ name: '王特', alias: '亦夏' }]);
    expect(talk.event).toEqual({ title: 'SOFA 六周年，Hello SOFA World', city: '上海', format: 'HYBRID' });
  });

  it('resolves former names and aliases case-insensitively', async () => {
    for (const name of ['fescar', 'FESCAR', 'Apache Seata']) {
      const data = await server.data(`query($s: String!) { project(slug: $s) { slug } }`, { s: name });
      expect(data.project?.slug, name).toBe('seata');
    }
    const data = await server.data(`{ project(slug: "sofa serverless") { slug } }`);
    expect(data.project.slug).toBe('koupleless');
  });

  it('is null, not an error, for a project that does not exist', async () => {
    const response = await server.gql(`{ project(slug: "no-such-project") { name } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data.project).toBeNull();
  });

  it('lists the speakers and events of a project, and its related projects', async () => {
    const data = await server.data(`{
      project(slug: "mosn") {
        speakers { nodes { name } }
        events { nodes { slug } }
        relatedProjects { slug }
      }
    }`);
    expect(data.project.speakers.nodes.map((s: { name: string }) => s.name).sort()).toEqual(['朱德江', '杜鑫'].sort());
    expect(data.project.events.nodes).toEqual([{ slug: 'sofastack-6th-anniversary' }]);
    expect(data.project.relatedProjects).toEqual([{ slug: 'envoy' }]);
  });
});
