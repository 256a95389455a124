import { ProjectMatcher } from '../../project-tagger';
import { PagePerson } from './page-people';
import { credit, PageTalk } from './page-talk';

/**
 * Gives speakers to the talks that have none, from the page's guest list: a guest whose name
 * or alias stands in the slides' file name; then one whose role names a project the talk is
 * about; then, when a single talk and a single guest are left, each other; the only talk of a
 * session goes to all its guests.
 */
export function attributeSpeakers(talks: PageTalk[], guests: PagePerson[], projects: ProjectMatcher): void {
  const taken = new Set(talks.flatMap((t) => t.credits.map((c) => c.person)));
  const free = () => guests.filter((g) => !taken.has(g));
  const give = (talk: PageTalk, guest: PagePerson) => {
    credit(talk, guest);
    taken.add(guest);
  };
  for (const talk of talks.filter((t) => t.credits.length === 0 && t.slidesUrl)) {
    const file = fileName(talk.slidesUrl!);
    const guest = free().find((g) => file.includes(g.name) || (g.alias !== null && file.includes(g.alias)));
    if (guest) give(talk, guest);
  }
  for (const talk of talks.filter((t) => t.credits.length === 0)) {
    const about = new Set(projects.find(talk.title));
    const matches = free().filter((g) => projects.find(g.about ?? '').some((slug) => about.has(slug)));
    if (matches.length === 1) give(talk, matches[0]);
  }
  const open = talks.filter((t) => t.credits.length === 0);
  const left = free();
  // A session with one talk is given by everyone on its guest list.
  if (talks.length === 1 && open.length === 1) left.forEach((guest) => give(open[0], guest));
  else if (open.length === 1 && left.length === 1) give(open[0], left[0]);
}

function fileName(url: string): string {
  const last = url.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
