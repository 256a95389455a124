import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { extractPage } from '../../src/ingest/extract-page';
import { corpusPath, readCorpus } from './corpus';
import { emptyTally, GoldTalk, GoldTally, scorePage, scores } from './gold-score';

/** One hand-checked page of a gold set, as its fixture file holds it. */
export interface GoldPage {
  page: string;
  shape: string;
  knownNames?: string[];
  /** Community slug the page is read for (default sofastack): pages of other communities' sites name theirs. */
  community?: string;
  /** IANA zone to read the page's times in, when its community is not in the importer's data. */
  timeZone?: string;
  talks: GoldTalk[];
}

/** A gold set scored: counts, the four scores and one note per miss. */
export interface GoldSetScore {
  pages: number;
  talks: number;
  tally: GoldTally;
  scores: ReturnType<typeof scores>;
  log: string[];
}

/** The fixture files of a gold set folder, by file name. */
export function readGoldSet(folder: string): { name: string; gold: GoldPage }[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f, gold: JSON.parse(readFileSync(join(folder, f), 'utf8')) as GoldPage }));
}

/** Runs the page importer on every page of a gold set (read under `root`, the corpus by default) and scores what it extracts. */
export function scoreGoldSet(pages: { name: string; gold: GoldPage }[], root?: string): GoldSetScore {
  const pathOf = (page: string) => (root === undefined ? corpusPath(page) : join(root, page));
  const tally = emptyTally();
  const log: string[] = [];
  for (const { name, gold } of pages) {
    const result = extractPage({
      path: pathOf(gold.page),
      text: readCorpus(pathOf(gold.page)),
      community: gold.community ?? 'sofastack',
      timeZone: gold.timeZone,
      knownNames: gold.knownNames,
    });
    const talks = result.ok && 'event' in result ? (result.event.talks ?? []) : [];
    if (!(result.ok && 'event' in result)) log.push(`${name}: no event (${JSON.stringify(result.ok ? result : result.reason)})`);
    for (const note of scorePage(gold.talks, talks, tally)) log.push(`${name}: ${note}`);
  }
  return { pages: pages.length, talks: tally.goldTalks, tally, scores: scores(tally), log };
}

/** One line of a gold set's size and scores, for the test log. */
export function scoreLine(label: string, set: GoldSetScore): string {
  const s = set.scores;
  return `${label}: ${set.pages} pages, ${set.talks} talks — talk recall ${s.recall.toFixed(3)}  precision ${s.precision.toFixed(3)}  attribution ${s.attribution.toFixed(3)}  project F1 ${s.projectF1.toFixed(3)}`;
}
