import { describe, expect, it } from 'vitest';
import { chooseFact, type FactCandidate, sourceSpecificity, Specificity } from '../../src/facts/fact-choice';

const at = (iso: string) => new Date(iso);
const source = (sourceId: number, specificity: number, value: string, recordedAt: string): FactCandidate => ({
  sourceId,
  editor: null,
  specificity,
  value,
  recordedAt: at(recordedAt),
});

describe('chooseFact', () => {
  it("takes an editor's value over every source's, a cleared one included", () => {
    const editor: FactCandidate = { sourceId: null, editor: 'ed', specificity: 2, value: null, recordedAt: at('2020-01-01T00:00:00Z') };
    expect(chooseFact([source(1, Specificity.EVENT, 'a', '2024-01-01T00:00:00Z'), editor])).toBe(editor);
  });

  it("takes an event's own document over a listing, however recent the listing", () => {
    const page = source(1, Specificity.EVENT, 'page', '2020-01-01T00:00:00Z');
    expect(chooseFact([source(2, Specificity.LISTING, 'feed', '2024-01-01T00:00:00Z'), page])).toBe(page);
  });

  it('takes the most recently recorded of equally specific sources, then the lower source id', () => {
    const later = source(2, Specificity.EVENT, 'b', '2024-01-02T00:00:00Z');
    expect(chooseFact([source(1, Specificity.EVENT, 'a', '2024-01-01T00:00:00Z'), later])).toBe(later);
    const first = source(3, Specificity.EVENT, 'c', '2024-01-01T00:00:00Z');
    expect(chooseFact([source(4, Specificity.EVENT, 'd', '2024-01-01T00:00:00Z'), first])).toBe(first);
  });

  it('chooses nothing among no values', () => {
    expect(chooseFact([])).toBeUndefined();
  });
});

describe('sourceSpecificity', () => {
  it('ranks a document of one event above a feed and above a document of several events', () => {
    expect(sourceSpecificity(false, 1)).toBe(Specificity.EVENT);
    expect(sourceSpecificity(true, 1)).toBe(Specificity.LISTING);
    expect(sourceSpecificity(false, 3)).toBe(Specificity.LISTING);
  });
});
