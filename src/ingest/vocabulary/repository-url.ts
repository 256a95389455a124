import { trimWhere } from '../inline-markup';

/** A repository on a code host, as a page or a registry links it. */
export interface RepositoryRef {
  host: 'github.com' | 'gitee.com';
  owner: string;
  /** Null for a link to an owner (an organisation or a person) rather than to one repository. */
  repo: string | null;
}

// Paths under the host that are the host's own pages, not an owner.
const HOST_PAGES = new Set([
  'about',
  'apps',
  'collections',
  'contact',
  'enterprise',
  'explore',
  'features',
  'login',
  'marketplace',
  'notifications',
  'orgs',
  'pricing',
  'search',
  'settings',
  'signup',
  'site',
  'sponsors',
  'topics',
  'trending',
  'users',
]);
// One pass, no nested quantifiers: linear in the text.
const LINK = /\b(github\.com|gitee\.com)\/([A-Za-z0-9_.-]{1,100})(?:\/([A-Za-z0-9_.-]{1,100}))?/g;

/** Reads a repository URL (`https://github.com/owner/repo/...`), or null when it is not one. */
export function parseRepositoryUrl(url: string): RepositoryRef | null {
  const match = new RegExp(LINK.source).exec(url.slice(0, 'https://www.'.length + 220));
  return match && match.index <= 'https://www.'.length ? toRef(match) : null;
}

/** Every repository a text links to, in order, each once. */
export function repositoriesIn(text: string): RepositoryRef[] {
  const seen = new Set<string>();
  const refs: RepositoryRef[] = [];
  for (const match of text.matchAll(LINK)) {
    const ref = toRef(match);
    if (!ref) continue;
    const key = repositoryKey(ref);
    if (!seen.has(key)) {
      seen.add(key);
      refs.push(ref);
    }
  }
  return refs;
}

/** The key two links to one repository share: host, owner and name, lower case. */
export function repositoryKey(ref: RepositoryRef): string {
  return `${ref.host}/${ref.owner}${ref.repo === null ? '' : `/${ref.repo}`}`.toLowerCase();
}

/** The canonical URL of a repository or owner. */
export function repositoryUrl(ref: RepositoryRef): string {
  return `https://${ref.host}/${ref.owner}${ref.repo === null ? '' : `/${ref.repo}`}`;
}

function toRef(match: RegExpMatchArray): RepositoryRef | null {
  const owner = match[2];
  if (HOST_PAGES.has(owner.toLowerCase()) || /^[.-]|\.$/.test(owner)) return null;
  const repo = (match[3] === undefined ? '' : trimWhere(match[3].replace(/\.git$/i, ''), (c) => c === '.', 'end')) || null;
  return { host: match[1].toLowerCase() as RepositoryRef['host'], owner, repo: repo && /^[.]+$/.test(repo) ? null : repo };
}
