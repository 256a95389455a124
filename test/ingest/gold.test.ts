import { join } from 'path';
import { describe, expect, it } from 'vitest';
import { CORPUS_MISSING, hasCorpus } from '../helpers/corpus';
import { readGoldSet, scoreGoldSet, scoreLine } from '../helpers/gold-set';

const goldPages = readGoldSet(join(__dirname, '..', 'fixtures', 'gold'));

describe.skipIf(!hasCorpus)('extractPage on the gold set', () => {
  it('covers at least 15 pages of varied shape', () => {
    expect(goldPages.length).toBeGreaterThanOrEqual(15);
  });

  it('finds the talks, their speakers and their projects', () => {
    const set = scoreGoldSet(goldPages);
    console.log([scoreLine('gold set', set), ...set.log].join('\n'));
    expect(set.scores.recall).toBeGreaterThanOrEqual(0.95);
    expect(set.scores.precision).toBeGreaterThanOrEqual(0.95);
    expect(set.scores.attribution).toBeGreaterThanOrEqual(0.9);
    expect(set.scores.projectF1).toBeGreaterThanOrEqual(0.9);
  });
});

if (!hasCorpus) console.warn(CORPUS_MISSING);
