import { readFileSync, writeFileSync } from 'fs';
import { join, relative, resolve } from 'path';
import anniversary from '../src/dataset/sofa-6th-anniversary.json';
import type { EventFact, GraphFacts, ProjectFact, SpeakerFact, TalkFact } from '../src/ingest/event-facts';
import { knownTimeZone } from '../src/ingest/community-time-zone';
import { eventIdentity } from '../src/ingest/event-identity';
import { extractPage } from '../src/ingest/extract-page';
import { listPages } from '../src/ingest/list-pages';
import { COMMUNITIES } from '../src/ingest/project-dictionary';

const OUT = 'src/dataset/sofastack-events.json';

/**
 * `npm run dataset:generate [-- <folder>...]`: runs the page extractor over the corpus's event
 * pages (default ../shared/corpus/sofastack.tech and its seed document; its schedules are
 * another community's) and writes the built-in SOFAStack dataset as facts only: titles,
 * dates, places, names, aliases, roles, links, project tags and topics, and the projects the
 * pages name beyond the hand-kept dictionary. Abstracts, biographies and
 * descriptions are prose of the pages' authors and stay out. An event the hand-written
 * anniversary dataset (or an earlier page) already holds, by slug or by day and title, is
 * left out, so the built-in dataset never holds one event twice.
 */
async function main(): Promise<void> {
  const corpus = resolve('../shared/corpus');
  const roots =
    process.argv.length > 2
      ? process.argv.slice(2).map((folder) => resolve(folder))
      : [join(corpus, 'sofastack.tech'), join(corpus, 'seed')];
  const seen = new Map<string, string>();
  for (const event of (anniversary as GraphFacts).events ?? []) remember(seen, event, 'the hand-written anniversary dataset');
  const events: EventFact[] = [];
  // Projects the pages name beyond the hand-kept dictionary (the landscape's, and those made from links).
  const projects = new Map<string, ProjectFact>();
  for (const path of await listPages(...roots)) {
    const page = relative(corpus, path);
    const result = extractPage({ path, text: readFileSync(path), community: 'sofastack', timeZone: knownTimeZone('sofastack') });
    if (!result.ok) throw new Error(`${page}:${result.line ?? ''} ${result.reason}`);
    if ('skipped' in result) {
      console.log(`skipped ${page}: ${result.skipped}`);
      continue;
    }
    const twin = [result.event.slug, eventIdentity(result.event)].map((key) => key && seen.get(key)).find(Boolean);
    if (twin) {
      console.log(`left out ${page}: same event as ${twin}`);
      continue;
    }
    remember(seen, result.event, page);
    events.push(factsOnly(result.event));
    for (const { fact } of result.projects) if (!projects.has(fact.slug)) projects.set(fact.slug, fact);
  }
  const facts: GraphFacts = { communities: [...COMMUNITIES], projects: [...projects.values()], events };
  writeFileSync(join(process.cwd(), OUT), `${JSON.stringify(facts, null, 1)}\n`);
  console.log(
    `wrote ${OUT}: ${events.length} events, ${events.reduce((n, e) => n + (e.talks?.length ?? 0), 0)} talks, ${projects.size} projects beyond the dictionary`,
  );
}

function remember(seen: Map<string, string>, event: EventFact, where: string): void {
  seen.set(event.slug, where);
  const identity = eventIdentity(event);
  if (identity) seen.set(identity, where);
}

/** An event without its prose (description, abstracts, biographies) or page locators. */
function factsOnly(event: EventFact): EventFact {
  const { description: _description, at: _at, talks, speakers, ...rest } = event;
  return {
    ...rest,
    talks: (talks ?? []).map(({ abstract: _abstract, at: _talkAt, ...talk }): TalkFact => talk),
    speakers: (speakers ?? []).map(({ bio: _bio, at: _speakerAt, ...speaker }): SpeakerFact => speaker),
  };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
