import { describe, expect, it } from 'vitest';
import { gapCandidateFinder } from '../../src/ingest/encoding/gap-candidates';
import { repairEncoding } from '../../src/ingest/encoding-repair';
import { extractPage } from '../../src/ingest/extract-page';
import { deadlineIn, OverBudget } from '../../src/ingest/page-budget';
import { mojibakeGaps } from '../helpers/hostile-pages';

// The GraphQL body limit (MAX_BODY_BYTES): the largest page an editor can send.
const BODY_LIMIT = 100_000;
const extract = (text: string, budgetMs?: number) => extractPage({ path: 'hostile.md', text, community: 'sofastack', budgetMs });

describe('encoding repair of a page full of lost four-byte sequences', () => {
  it('repairs a page of the body limit size in well under a second (it took minutes)', () => {
    const text = mojibakeGaps(BODY_LIMIT);
    const started = performance.now();
    const { report } = repairEncoding(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(report.error).toBeNull();
    // Every ñ/ó gap stays a reported guess: no character fits three lost bytes from likely-lost ones.
    expect(report.uncertain.length).toBeGreaterThan(5000);
    expect(report.uncertain[0]).toMatchObject({ chosen: '\ufffd', reason: 'no character fits the surviving bytes' });
  });

  it('tries each shape of gap once per page', () => {
    const find = gapCandidateFinder([0x81, 0x8d], 4);
    const gap = { kind: 'gap' as const, lead: 0xe4, present: [0xb8], missing: 1 };
    const first = find(gap);
    expect(first).not.toBeNull();
    // The budget is spent, but the same shape again costs nothing.
    expect(find({ ...gap })).toBe(first);
    expect(find({ ...gap, present: [0xb9] })).toBeNull();
  });

  it('reports a page whose lost bytes would take too many tries as beyond repair, with its line', () => {
    // Six thousand shapes of four-byte sequences with one byte lost: 21 likely fillings each.
    const shapes = Array.from(
      { length: 6000 },
      (_, i) => Buffer.from([0xf0 + (i >> 12), 0x80 + ((i >> 6) & 0x3f), 0x80 + (i & 0x3f)]).toString('latin1') + ' ',
    );
    const text = `---\ntitle: "x"\n---\n${Buffer.from('中文'.repeat(4000)).toString('latin1')}\n${shapes.join('')}`;
    const result = extract(text, 60_000);
    expect(result).toMatchObject({
      ok: false,
      file: 'hostile.md',
      line: 5,
      reason: expect.stringMatching(/beyond repair: filling them would take more than 100000 tries/),
    });
  });
});

describe('the time budget of one page', () => {
  it('fails a page that runs past it like any bad page: file, line and reason', () => {
    const result = extract(mojibakeGaps(2 * BODY_LIMIT), 1);
    expect(result).toMatchObject({
      ok: false,
      file: 'hostile.md',
      reason: expect.stringMatching(/^over the 1 ms time budget for one page while /),
    });
    // The line being worked on when time ran out, or none when it ran out between steps.
    expect(result.ok === false && (result.line === null || result.line >= 1)).toBe(true);
  });

  it('lets a page within it through', () => {
    expect(extract(mojibakeGaps(BODY_LIMIT), 60_000)).toMatchObject({ ok: true });
  });

  it('is a deadline that throws only once passed', async () => {
    const deadline = deadlineIn(20);
    expect(() => deadline.check('reading', 3)).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(() => deadline.check('reading', 3)).toThrow(OverBudget);
  });
});
