import type { EventFact, ProjectFact } from './event-facts';
import { defaultProjectMatcher, type ProjectMatcher } from './project-tagger';
import { vocabularyFact } from './vocabulary/vocabulary';

/** A project a page names that the hand-kept dictionary lacks: from a registry, or made from a link. */
export interface PageProject {
  fact: ProjectFact;
  /** `landscape`: a registry's entry; `link`: created from a repository the page links, for an editor to review. */
  origin: 'landscape' | 'link';
}

/**
 * The projects an event's talks and speakers are tagged with that the dictionary does not
 * write (registry entries, and `created` projects made from the page's links), each once, so
 * that the page's facts carry every project they name.
 */
export function pageProjects(
  event: EventFact,
  created: readonly ProjectFact[],
  matcher: ProjectMatcher = defaultProjectMatcher(),
): PageProject[] {
  const named = new Set([
    ...(event.talks ?? []).flatMap((t) => t.projects ?? []),
    ...(event.speakers ?? []).flatMap((s) => (s.projects ?? []).map((r) => r.project)),
  ]);
  const out: PageProject[] = [];
  for (const slug of named) {
    const known = matcher.project(slug);
    if (known) {
      if (known.origin !== 'dictionary') out.push({ fact: vocabularyFact(known), origin: 'landscape' });
      continue;
    }
    const made = created.find((p) => p.slug === slug);
    if (made) out.push({ fact: made, origin: 'link' });
  }
  return out;
}
