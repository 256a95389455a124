import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/ingest/extract-page';
import { corpusPath, CORPUS_MISSING, hasCorpus, readCorpus } from '../helpers/corpus';
import { emptyTally, GoldTalk, scorePage, scores } from '../helpers/gold-score';

interface GoldPage {
  page: string;
  shape: string;
  knownNames?: string[];
  talks: GoldTalk[];
}

const GOLD = join(__dirname, '..', 'fixtures', 'gold');
const goldPages = readdirSync(GOLD)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, gold: JSON.parse(readFileSync(join(GOLD, f), 'utf8')) as GoldPage }));

describe.skipIf(!hasCorpus)('extractPage on the gold set', () => {
  it('covers at least 15 pages of varied shape', () => {
    expect(goldPages.length).toBeGreaterThanOrEqual(15);
  });

  it('finds the talks, their speakers and their projects', () => {
    const tally = emptyTally();
    const log: string[] = [];
    for (const { name, gold } of goldPages) {
      const result = extractPage({ path: corpusPath(gold.page), text: readCorpus(corpusPath(gold.page)), community: 'sofastack', knownNames: gold.knownNames });
      const talks = result.ok && 'event' in result ? result.event.talks ?? [] : [];
      if (!(result.ok && 'event' in result)) log.push(`${name}: no event (${JSON.stringify(result.ok ? result : result.reason)})`);
      for (const note of scorePage(gold.talks, talks, tally)) log.push(`${name}: ${note}`);
    }
    const s = scores(tally);
    console.log(
      [
        `gold set: ${goldPages.length} pages, ${tally.goldTalks} talks`,
        `talk recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  attribution ${s.attribution.toFixed(3)}  project F1 ${s.projectF1.toFixed(3)}`,
        ...log,
      ].join('\n'),
    );
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.attribution).toBeGreaterThanOrEqual(0.9);
    expect(s.projectF1).toBeGreaterThanOrEqual(0.9);
  });
});

if (!hasCorpus) console.warn(CORPUS_MISSING);
