import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPages } from '../../src/ingest/import-pages';
import { pageSources } from '../../src/ingest/page-sources';
import { writeFacts } from '../../src/ingest/write-facts';
import { CORPUS_MISSING, corpusPath, hasCorpus } from '../helpers/corpus';
import { xmlText } from '../../src/exports/xml-text';
import { parseXmlTree } from '../helpers/xsd-structure';
import { scheduleJsonSchema, scheduleXsd } from '../helpers/schedule-schemas';
import { startTestServer, type TestServer } from '../helpers/test-server';

if (!hasCorpus) console.warn(`${CORPUS_MISSING} (the exports' schema checks read the schemas there)`);

/** A title no XML or JSON writer may pass through raw: markup, a CDATA end, an entity, control characters, a lone surrogate. */
const HOSTILE = 'A <b>&amp; "talk"</b> ]]> \u0001\u0008\u000b bell\u0007 end \ud800 & \'';
const HOSTILE_NAME = 'Eve </person><person>Mallory';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { RESPONSE_CACHE_MB: '32' } });
  await server.db.transaction((_m, sql) =>
    writeFacts(sql, {
      communities: [{ slug: 'conferences', name: 'Conferences' }],
      events: [
        {
          slug: 'hostile-conf',
          title: 'Hostile <conf> & co',
          community: 'conferences',
          startsAt: '2025-03-01T09:00:00+01:00',
          timeZone: 'Europe/Berlin',
          talks: [
            {
              title: HOSTILE,
              startsAt: '2025-03-01T09:00:00+01:00',
              endsAt: '2025-03-01T09:45:00+01:00',
              room: 'Hall <1>',
              track: 'Tr&ck',
              speakers: [{ name: HOSTILE_NAME }],
            },
            {
              title: 'Second',
              startsAt: '2025-03-02T10:00:00+01:00',
              endsAt: '2025-03-02T10:30:00+01:00',
              speakers: [{ name: 'Ann' }],
              slidesUrl: 'https://example.org/s.pdf?a=1&b=2',
            },
          ],
          speakers: [{ name: HOSTILE_NAME }, { name: 'Ann' }],
        },
      ],
    }),
  );
  if (hasCorpus) {
    const sources = await pageSources([corpusPath('schedules/fosdem/2022.xml'), corpusPath('schedules/c3voc/pretalx-democon.json')]);
    const report = await importPages(server.db, sources, { community: 'conferences', timeZone: 'Europe/Brussels' });
    expect(report.pageTotals.failed).toBe(0);
  }
}, 300_000);
afterAll(() => server?.close());

const get = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('x-response-cache'),
    body: await response.text(),
  };
};

describe('GET /schedule.xml', () => {
  it.skipIf(!hasCorpus)('is valid against schedule.xml.xsd for one event, a project, a speaker, a community and a date range', async () => {
    const xsd = scheduleXsd();
    for (const query of [
      'event=fosdem-2022',
      'event=hostile-conf',
      'community=conferences&from=2022-02-05&to=2022-02-06',
      'speaker=Ann',
      'project=seata',
      '',
    ]) {
      const { status, type, body } = await get(`/schedule.xml?${query}`);
      expect(status, query).toBe(200);
      expect(type).toBe('application/xml; charset=utf-8');
      expect(xsd.check(body), query).toEqual([]);
    }
  });

  it.skipIf(!hasCorpus)('the checker derived from the XSD finds what the XSD forbids', async () => {
    const xsd = scheduleXsd();
    const { body } = await get('/schedule.xml?event=hostile-conf');
    expect(xsd.check(body.replace(/<version>[^<]*<\/version>/, ''))).toEqual([expect.stringMatching(/lacks <version>/)]);
    expect(xsd.check(body.replace(/ guid="[^"]*"/, ' guid="not-a-uuid"'))[0]).toMatch(/attribute guid .* does not match uuid/);
    expect(xsd.check(body.replace('<date>', '<date>x'))[0]).toMatch(/<date> .*dateTime/);
    expect(xsd.check(body.replace(/<track>[^<]*<\/track>/, '')).join()).toMatch(/lacks <track>/);
    expect(xsd.check(body.replace('<conference>', '<conference><venue>v</venue>')).join()).toMatch(/<venue> is not allowed/);
    const [, id] = /<event id="(\d+)"/.exec(body)!;
    expect(xsd.check(body.replace(/(<event id=")\d+(" guid="[^"]*">[\s\S]*<event id=")\d+/, `$1${id}$2${id}`)).join()).toMatch(/id_unique/);
  });

  it('keeps hostile text as text: markup, ]]>, quotes and entities escaped, characters XML cannot carry left out', async () => {
    const { status, body } = await get('/schedule.xml?event=hostile-conf');
    expect(status).toBe(200);
    const tree = parseXmlTree(body);
    const events = tree.children.filter((c) => c.name === 'day').flatMap((d) => d.children.flatMap((r) => r.children));
    const hostile = events.find((e) => e.children.find((c) => c.name === 'room')!.text === 'Hall <1>')!;
    const field = (name: string) => hostile.children.find((c) => c.name === name)!.text;
    // The database stored the lone surrogate as U+FFFD already.
    expect(field('title')).toBe('A <b>&amp; "talk"</b> ]]>  bell end \ufffd & \'');
    expect(field('track')).toBe('Tr&ck');
    expect(hostile.children.find((c) => c.name === 'persons')!.children.map((p) => p.text)).toEqual([HOSTILE_NAME]);
    expect(tree.children.find((c) => c.name === 'conference')!.children.find((c) => c.name === 'title')!.text).toBe('Hostile <conf> & co');
    expect(body).not.toMatch(/[\u0001\u0007\u0008\u000b]/);
  });

  it('gives every talk the same id and guid in every export', async () => {
    const ids = (body: string) => [...body.matchAll(/<event id="(\d+)" guid="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    const one = ids((await get('/schedule.xml?event=hostile-conf')).body);
    const two = ids((await get('/schedule.xml?speaker=Ann')).body);
    expect(one).toHaveLength(2);
    expect(two).toEqual([one[1]]);
  });
});

describe('xmlText', () => {
  it('escapes markup and drops what XML 1.0 cannot carry: C0 controls, lone surrogates, U+FFFE and U+FFFF', () => {
    expect(xmlText('a<b>&"\' ]]>')).toBe('a&lt;b&gt;&amp;&quot;&apos; ]]&gt;');
    expect(xmlText('x\u0000\u001f\ud800y\udc00\ufffe\uffffz')).toBe('xyz');
    expect(xmlText('tab\tline\nret\r 😀 中文')).toBe('tab\tline\nret\r 😀 中文');
  });
});

describe('GET /schedule.json', () => {
  it.skipIf(!hasCorpus)(
    'is valid against the C3VOC schedule.json schema for one event, a project, a speaker, a community and a date range',
    async () => {
      const validate = scheduleJsonSchema();
      for (const query of [
        'event=democon',
        'event=fosdem-2022',
        'event=hostile-conf',
        'community=conferences&to=2022-02-06',
        'speaker=Ann',
        'project=seata',
        '',
      ]) {
        const { status, type, body } = await get(`/schedule.json?${query}`);
        expect(status, query).toBe(200);
        expect(type).toBe('application/json; charset=utf-8');
        expect(validate(JSON.parse(body)), query).toEqual([]);
      }
    },
  );

  it.skipIf(!hasCorpus)('the schema check fails a document that breaks the schema', async () => {
    const validate = scheduleJsonSchema();
    const document = JSON.parse((await get('/schedule.json?event=hostile-conf')).body);
    delete document.schedule.conference.days[0].rooms[Object.keys(document.schedule.conference.days[0].rooms)[0]][0].guid;
    expect(validate(document).join()).toMatch(/guid/);
  });

  it('carries hostile text unchanged as JSON strings', async () => {
    const document = JSON.parse((await get('/schedule.json?event=hostile-conf')).body);
    const events = document.schedule.conference.days.flatMap((d: any) => Object.values(d.rooms).flat());
    expect(events.map((e: any) => e.title)).toEqual([HOSTILE.replace('\ud800', '\ufffd'), 'Second']);
    expect(events[0].persons).toEqual([{ name: HOSTILE_NAME, guid: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect(events[1].attachments).toEqual([{ type: 'slides', url: 'https://example.org/s.pdf?a=1&b=2', title: 'Slides' }]);
  });
});

describe('export parameters', () => {
  const BAD: [string, number, RegExp][] = [
    ['colour=red', 400, /unknown parameter "colour"/],
    ['__proto__=x', 400, /unknown parameter "__proto__"/],
    ['project[name]=seata', 400, /unknown parameter "project\[name\]"/],
    ['from=yesterday', 400, /"from" is "yesterday", not a date/],
    ['from=2024-02-30', 400, /not a date/],
    ['to=2024-01-01T10:00:00', 400, /date-time with offset/],
    ['from=2024-05-01&to=2024-04-01', 400, /"to" is not after "from"/],
    ['from=2024-01-01&from=2024-02-01', 400, /given more than once/],
    ['project=', 400, /"project" is empty/],
    [`speaker=${'x'.repeat(201)}`, 400, /longer than 200/],
    [Array.from({ length: 21 }, (_, i) => `event=e${i}`).join('&'), 400, /given 21 times; at most 20/],
    ['project=no-such-project', 404, /No dated talk matches/],
    ['event=hostile-conf&from=2030-01-01', 404, /No dated talk matches/],
  ];
  for (const [query, status, message] of BAD) {
    it(`answers ${query.slice(0, 60)} with ${status} and a message`, async () => {
      for (const path of ['/schedule.xml', '/schedule.json']) {
        const response = await get(`${path}?${query}`);
        expect(response.status, path).toBe(status);
        expect(response.type).toBe('text/plain; charset=utf-8');
        expect(response.body).toMatch(message);
      }
    });
  }

  it('takes a project by any of its names, and a speaker by ID or alias', async () => {
    const byAlias = await get('/schedule.json?project=fescar');
    const bySlug = await get('/schedule.json?project=seata');
    expect(byAlias.status).toBe(200);
    expect(JSON.parse(byAlias.body).schedule.conference.days).toEqual(JSON.parse(bySlug.body).schedule.conference.days);
    const { speaker } = await server.data(`{ speaker(name: "亦夏") { id } }`);
    const byId = JSON.parse((await get(`/schedule.json?speaker=${speaker.id}`)).body);
    const byName = JSON.parse((await get(`/schedule.json?speaker=${encodeURIComponent('王特')}`)).body);
    expect(byId.schedule.conference.days).toEqual(byName.schedule.conference.days);
  });

  it('is kept in the response cache under its parameters in any order, and forgotten when the data changes', async () => {
    const first = await get('/schedule.xml?event=hostile-conf&speaker=Ann');
    const again = await get('/schedule.xml?speaker=Ann&event=hostile-conf');
    expect([first.cache, again.cache]).toEqual(['MISS', 'HIT']);
    expect(again.body).toBe(first.body);
    await server.db.query(`UPDATE talk SET title = 'Second, renamed' WHERE title = 'Second'`);
    await expect
      .poll(async () => (await get('/schedule.xml?speaker=Ann&event=hostile-conf')).body, { timeout: 5000, interval: 20 })
      .toContain('Second, renamed');
  });
});
