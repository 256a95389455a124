import { parse } from 'yaml';
import { trimWhere } from '../inline-markup';
import { projectSlug } from './project-slug';
import { parseRepositoryUrl, repositoryKey } from './repository-url';
import type { VocabularyEntry } from './vocabulary-entry';

interface LandscapeItem {
  name?: unknown;
  homepage_url?: unknown;
  repo_url?: unknown;
  additional_repos?: { repo_url?: unknown }[];
}

/**
 * The open-source projects of a CNCF landscape (`landscape.yml`), in the landscape's order:
 * every item with a `repo_url` (products without one are left out), named as listed without a
 * trailing qualifier such as "(Wasm)". A project listed twice (one repository) is one entry;
 * a later listing's name becomes an alias only when it is a longer form of the name ("Apache
 * Flink" for Flink), since distinct products sometimes share a repository. Of two projects
 * with one slug but different repositories the first is kept: the name cannot tell them apart.
 * "Apache X" is also known as "X", and so is "Owner X" when its repository is owner/x
 * ("Grafana Loki" at github.com/grafana/loki is Loki, slug loki).
 */
export function vocabularyFromLandscape(yamlText: string): VocabularyEntry[] {
  const document = parse(yamlText, { maxAliasCount: 100 }) as { landscape?: { subcategories?: { items?: LandscapeItem[] }[] }[] } | null;
  const entries: VocabularyEntry[] = [];
  const byRepository = new Map<string, VocabularyEntry>();
  const bySlug = new Map<string, VocabularyEntry>();
  const items = (document?.landscape ?? []).flatMap((c) => (c.subcategories ?? []).flatMap((s) => s.items ?? []));
  // Slugs of the names as listed: a short slug another listed project has is not taken.
  const listedSlugs = new Set(items.map((item) => (typeof item.name === 'string' ? projectSlug(withoutTrailingNote(item.name)) : '')));
  for (const category of document?.landscape ?? []) {
    for (const subcategory of category.subcategories ?? []) {
      for (const item of subcategory.items ?? []) {
        const listed = typeof item.name === 'string' ? withoutTrailingNote(item.name) : '';
        const repositories = [item.repo_url, ...(item.additional_repos ?? []).map((r) => r.repo_url)]
          .filter((u): u is string => typeof u === 'string')
          .map(cleanUrl);
        // "Grafana Loki" at grafana/loki is the project Loki of its owner: its slug is loki.
        const short = projectSlug(ownerless(listed, repositories[0] ?? ''));
        const slug = short && !listedSlugs.has(short) ? short : projectSlug(listed);
        if (!slug || !repositories.length) continue;
        const keys = repositories.map(keyOf);
        const same = keys.map((k) => byRepository.get(k)).find(Boolean);
        if (!same && bySlug.has(slug)) continue;
        const entry = same ?? {
          slug,
          name: listed,
          // A short name another listed project has is that project's, not an alias of this one.
          aliases: shortForms(listed, slug === short ? repositories[0] : ''),
          repositoryUrls: [],
          homepageUrl: homepageOf(item),
        };
        if (!same) {
          entries.push(entry);
          bySlug.set(slug, entry);
        } else if (listed !== entry.name && projectSlug(listed).includes(entry.slug) && !entry.aliases.includes(listed))
          entry.aliases.push(listed);
        for (const [at, url] of repositories.entries()) {
          if (byRepository.has(keys[at])) continue;
          byRepository.set(keys[at], entry);
          entry.repositoryUrls.push(url);
        }
      }
    }
  }
  return entries;
}

// "Kuma (Kong)" → "Kuma": a trailing parenthesis without parentheses inside; by hand, as
// `\s*\([^()]*\)\s*$` rescans every run of spaces.
function withoutTrailingNote(name: string): string {
  const text = name.trim();
  const open = text.endsWith(')') ? text.lastIndexOf('(') : -1;
  return open < 0 || text.slice(open + 1, -1).includes(')') ? text : text.slice(0, open).trim();
}

function shortForms(name: string, repository: string): string[] {
  const apache = /^Apache\s/.exec(name);
  const short = apache ? name.slice(apache[0].length).trim() : ownerless(name, repository);
  return short && projectSlug(short).length >= 3 ? [short] : [];
}

// Words that name a kind of software, not one project: "Traefik Mesh" is not known as "Mesh".
const KIND_WORDS = new Set(
  ['mesh', 'compose', 'pipelines', 'pipeline', 'engine', 'operator', 'management', 'gateway', 'proxy', 'server', 'agent'].concat([
    'controller',
    'dashboard',
    'registry',
    'cloud',
    'platform',
    'runtime',
    'operators',
    'functions',
    'serverless',
    'service',
  ]),
);

// "Grafana Loki" with its repository at grafana/loki: one word after the owner's name, the
// repository's name, is the project's short name.
function ownerless(name: string, repository: string): string {
  const ref = parseRepositoryUrl(repository);
  const space = name.indexOf(' ');
  if (!ref || ref.repo === null || space < 0) return '';
  const [owner, rest] = [name.slice(0, space), name.slice(space + 1).trim()];
  // "Apache X" keeps its slug apache-x: the rule above names its short form.
  if (owner === 'Apache' || rest.includes(' ') || KIND_WORDS.has(rest.toLowerCase())) return '';
  return projectSlug(owner) === projectSlug(ref.owner) && projectSlug(rest) === projectSlug(ref.repo) ? rest : '';
}

function cleanUrl(url: string): string {
  return trimWhere(url.trim(), (c) => c === '/', 'end').replace(/\.git$/i, '');
}

function keyOf(url: string): string {
  const ref = parseRepositoryUrl(url);
  return ref ? repositoryKey(ref) : url.toLowerCase().replace(/^https?:\/\/(www\.)?/, '');
}

function homepageOf(item: LandscapeItem): string | null {
  return typeof item.homepage_url === 'string' && /^https?:\/\//.test(item.homepage_url) ? item.homepage_url.trim() : null;
}
