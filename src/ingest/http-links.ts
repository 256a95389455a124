import { URL_MAX } from '../graphql/input-rules';
import type { GraphFacts } from './event-facts';

/**
 * Whether a link may be stored: an absolute http(s) URL of at most `URL_MAX` characters, with
 * no control character in it. The scheme is read from the text itself and again by the WHATWG
 * parser, as a browser reads an `href`: `java\tscript:`, ` javascript:`, `JAVASCRIPT:`, `data:`,
 * `vbscript:` and scheme-relative `//host` links all fail one or the other.
 */
export function isHttpLink(value: string): boolean {
  if (value.length > URL_MAX || !/^https?:\/\//i.test(value) || /[\u0000-\u001f\u007f-\u009f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The facts with every link that is not http(s) left out (the API accepts no other, and the
 * dashboard and feeds show what is stored), and one warning per link left out. Every source's
 * facts pass through here on their way to the graph, whichever reader made them.
 */
export function keepHttpLinks(facts: GraphFacts): { facts: GraphFacts; dropped: string[] } {
  const dropped: string[] = [];
  const kept = (url: string | null | undefined, what: string): string | null => {
    if (url === null || url === undefined) return null;
    const trimmed = url.trim();
    if (isHttpLink(trimmed)) return trimmed;
    dropped.push(`${what}: link ${JSON.stringify(url.slice(0, 100))} left out, only http(s) links are kept.`);
    return null;
  };
  const keptList = <T extends { url: string }>(links: T[] | undefined, what: string): T[] | undefined =>
    links?.flatMap((link) => {
      const url = kept(link.url, what);
      return url === null ? [] : [{ ...link, url }];
    });
  return {
    facts: {
      ...facts,
      communities: facts.communities?.map((c) => ({ ...c, url: kept(c.url, `community "${c.slug}"`) })),
      projects: facts.projects?.map((p) => ({
        ...p,
        repositoryUrl: kept(p.repositoryUrl, `project "${p.slug}"`),
        homepageUrl: kept(p.homepageUrl, `project "${p.slug}"`),
      })),
      events: facts.events?.map((event) => ({
        ...event,
        coverUrl: kept(event.coverUrl, `event "${event.title}"`),
        links: keptList(event.links, `event "${event.title}"`),
        talks: event.talks?.map((talk) => ({
          ...talk,
          slidesUrl: kept(talk.slidesUrl, `"${talk.title}"`),
          videoUrl: kept(talk.videoUrl, `"${talk.title}"`),
          links: keptList(talk.links, `"${talk.title}"`),
        })),
      })),
    },
    dropped,
  };
}
