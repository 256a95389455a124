import { describe, expect, it } from 'vitest';
import { httpUrl } from '../../web/dashboard/panel';
import { coOccurrencePanel } from '../../web/dashboard/panels/co-occurrence';
import { topSpeakersPanel } from '../../web/dashboard/panels/top-speakers';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

/** The tooltip a chart option's formatter writes for `params`, as ECharts would insert it. */
const tooltip = (option: any, params: unknown): string => option.tooltip.formatter(params);

describe('topSpeakersPanel tooltip', () => {
  it('escapes the name, alias and projects it puts into the HTML', () => {
    const option = topSpeakersPanel.chart!({
      analytics: {
        topSpeakers: [
          {
            rank: 1,
            speaker: { name: HOSTILE, alias: '<script>alert(1)</script>', affiliation: null },
            talks: 2,
            events: 1,
            firstAppearance: null,
            lastAppearance: null,
            projects: [{ name: '<b onmouseover=alert(1)>x</b>' }, { name: 'Seata & co' }],
          },
        ],
      },
    });
    const html = tooltip(option, { dataIndex: 0 });
    expect(html).toBe(
      '&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; (&lt;script&gt;alert(1)&lt;/script&gt;): 2 talks<br>&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;, Seata &amp; co',
    );
  });
});

describe('coOccurrencePanel tooltip', () => {
  it('escapes both project names it puts into the HTML', () => {
    const option = coOccurrencePanel.chart!({
      analytics: {
        projectPairs: [
          {
            projects: [
              { slug: 'a', name: HOSTILE },
              { slug: 'b', name: 'MOSN' },
            ],
            events: 3,
            talks: 4,
          },
        ],
      },
    });
    const names = (option as any).xAxis.data as string[];
    const html = tooltip(option, { data: { value: [names.indexOf(HOSTILE), names.indexOf('MOSN'), 3], talks: 4 } });
    expect(html).toBe('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; + MOSN<br>3 events, 4 talks');
  });
});

describe('httpUrl', () => {
  it('keeps http and https addresses', () => {
    expect(httpUrl('https://example.org/slides.pdf')).toBe('https://example.org/slides.pdf');
    expect(httpUrl('HTTP://example.org/')).toBe('HTTP://example.org/');
  });

  it('refuses every other scheme, however it is spelled, and what is not an address', () => {
    for (const href of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/x',
      'slides.pdf',
      '',
    ]) {
      expect(httpUrl(href), href).toBeNull();
    }
    expect(httpUrl(null)).toBeNull();
  });
});
