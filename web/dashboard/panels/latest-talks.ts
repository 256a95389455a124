import type { DashboardFilter } from '../filter';
import { analyticsFilter } from '../filter';
import { httpUrl, type Panel } from '../panel';

interface Talk {
  title: string;
  startsAt: string | null;
  slidesUrl: string | null;
  videoUrl: string | null;
  event: { title: string; startsAt: string | null; timeZone: string; city: string | null };
  speakers: { name: string; alias: string | null }[];
  projects: { name: string }[];
}

interface LatestTalks {
  talks: { nodes: Talk[] };
}

/** The day of the talk in its event's time zone: a talk at 00:30 on 1 January in Shanghai is on 1 January. */
function when(talk: Talk): string {
  const at = talk.startsAt ?? talk.event.startsAt;
  return at
    ? new Intl.DateTimeFormat('en-CA', { timeZone: talk.event.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
        new Date(at),
      )
    : '';
}

/** A link to an http(s) address; any other address as plain text, so it can be seen but not followed. */
function link(href: string | null, text: string): Node {
  if (!href) return document.createTextNode('—');
  const url = httpUrl(href);
  if (!url) return document.createTextNode(href);
  return Object.assign(document.createElement('a'), { href: url, textContent: text, target: '_blank', rel: 'noopener noreferrer' });
}

/** The latest talks, with their slides and recordings. */
export const latestTalksPanel: Panel<LatestTalks> = {
  id: 'latest-talks',
  title: 'Latest talks · 最新议题',
  note: 'The ten latest talks, with slides and recordings.',
  query: `query LatestTalks($filter: TalkFilter) {
  talks(filter: $filter, first: 10, orderBy: { field: DATE, direction: DESC }) {
    nodes {
      title
      startsAt
      slidesUrl
      videoUrl
      event { title startsAt timeZone city }
      speakers { name alias }
      projects { name }
    }
  }
}`,
  variables: (filter: DashboardFilter) => ({ filter: analyticsFilter(filter) }),
  table: ({ talks }) => {
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const name of ['Date', 'Talk', 'Speakers', 'Projects', 'Slides', 'Video'])
      head.append(Object.assign(document.createElement('th'), { textContent: name }));
    const body = table.createTBody();
    for (const talk of talks.nodes) {
      const row = body.insertRow();
      row.insertCell().textContent = when(talk);
      const title = row.insertCell();
      title.append(
        Object.assign(document.createElement('strong'), { textContent: talk.title }),
        document.createElement('br'),
        talk.event.title,
      );
      row.insertCell().textContent = talk.speakers.map((s) => s.name).join(', ');
      row.insertCell().textContent = talk.projects.map((p) => p.name).join(', ');
      row.insertCell().append(link(talk.slidesUrl, 'slides'));
      row.insertCell().append(link(talk.videoUrl, 'video'));
    }
    if (!talks.nodes.length) body.insertRow().insertCell().textContent = 'No talks match the filter.';
    return table;
  },
  csv: ({ talks }) => [
    ['date', 'title', 'event', 'city', 'speakers', 'projects', 'slides', 'video'],
    ...talks.nodes.map((t) => [
      when(t),
      t.title,
      t.event.title,
      t.event.city,
      t.speakers.map((s) => s.name).join('; '),
      t.projects.map((p) => p.name).join('; '),
      t.slidesUrl,
      t.videoUrl,
    ]),
  ],
};
