import { projectKey } from '../../database/name-key';
import { trimWhere } from '../inline-markup';
import type { ProjectFact } from '../event-facts';
import { PROJECTS, type DictionaryProject } from '../project-dictionary';
import landscape from './cncf-landscape.json';
import { projectSlug } from './project-slug';
import { parseRepositoryUrl, repositoryKey } from './repository-url';
import topicData from './topics.json';
import type { VocabularyEntry } from './vocabulary-entry';

/** Where a project of the vocabulary comes from: the hand-kept dictionary, or a registry. */
export type VocabularyOrigin = 'dictionary' | 'landscape';

/** A project the tagger knows, with where it was listed. */
export interface VocabularyProject extends DictionaryProject {
  homepageUrl: string | null;
  origin: VocabularyOrigin;
}

/** A technology topic: a generic word, never a project. */
export interface Topic {
  name: string;
  aliases: string[];
  /** Repositories of registry projects that go by the topic's name (kubernetes/kubernetes). */
  repositoryUrls: string[];
  /** The registry's project of the topic's name, which a talk is about when its title names the topic. */
  titleProject: string | null;
}

/** Every project and topic the tagger knows. */
export interface Vocabulary {
  projects: VocabularyProject[];
  topics: Topic[];
}

/**
 * Joins the hand-kept dictionary, the registry's projects and the topics into one vocabulary.
 * The dictionary wins: a registry entry with one of its repositories or names is left out
 * (SOFAStack's own projects, former names and community stay as kept by hand). A registry
 * entry named like a topic is the topic: its repositories name the topic, not a project; but
 * where the topic is `projectInTitle`, the entry stays a project too, which the tagger gives
 * to talks whose title names the topic.
 */
export function buildVocabulary(
  dictionary: readonly DictionaryProject[],
  registry: readonly VocabularyEntry[],
  topicList: readonly { name: string; aliases: string[]; projectInTitle?: boolean }[],
): Vocabulary {
  const names = new Set(dictionary.flatMap((p) => [p.slug, p.name, ...p.aliases].map(projectKey)));
  const repositories = new Set(dictionary.flatMap((p) => p.repositoryUrls.map(urlKey)));
  const topics: Topic[] = topicList.map((t) => ({ name: t.name, aliases: [...t.aliases], repositoryUrls: [], titleProject: null }));
  const inTitle = new Set(topicList.filter((t) => t.projectInTitle).map((t) => t.name));
  const topicByKey = new Map(topics.flatMap((t) => [t.name, ...t.aliases].map((n) => [projectKey(n), t] as const)));
  const projects: VocabularyProject[] = dictionary.map((p) => ({ ...p, homepageUrl: p.homepageUrl ?? null, origin: 'dictionary' }));
  const slugs = new Set(projects.map((p) => p.slug));
  for (const entry of registry) {
    if (repositories.has(urlKey(entry.repositoryUrls[0] ?? '')) || entry.repositoryUrls.some((u) => repositories.has(urlKey(u)))) continue;
    const entryNames = [entry.name, ...entry.aliases];
    if (entryNames.some((n) => names.has(projectKey(n))) || slugs.has(entry.slug)) continue;
    const topic = entryNames.map((n) => topicByKey.get(projectKey(n))).find(Boolean);
    if (topic) topic.repositoryUrls.push(...entry.repositoryUrls);
    if (topic && (!inTitle.has(topic.name) || topic.titleProject !== null)) continue;
    if (topic) topic.titleProject = entry.slug;
    slugs.add(entry.slug);
    projects.push({
      slug: entry.slug,
      name: entry.name,
      aliases: entry.aliases,
      repositoryUrls: entry.repositoryUrls,
      repositoryUrl: entry.repositoryUrls[0] ?? null,
      homepageUrl: entry.homepageUrl,
      community: null,
      origin: 'landscape',
    });
  }
  return { projects, topics };
}

/** The importer's vocabulary: `projects.json`, the CNCF landscape and `topics.json`. */
export const VOCABULARY: Vocabulary = buildVocabulary(PROJECTS, landscape.projects, topicData.topics);

/** A vocabulary project as the fact a writer stores. */
export function vocabularyFact(project: VocabularyProject): ProjectFact {
  const { repositoryUrls: _repositories, origin: _origin, ...fact } = project;
  return fact;
}

/** The key a repository URL is compared by: host, owner and name, lower case. */
export function urlKey(url: string): string {
  const ref = parseRepositoryUrl(url);
  return ref ? repositoryKey(ref) : trimWhere(url.toLowerCase().replace(/^https?:\/\/(www\.)?/, ''), (c) => c === '/', 'end');
}

export { projectSlug };
