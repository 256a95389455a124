import { projectKey } from '../database/name-key';
import type { ProjectFact } from './event-facts';
import { nameIndex, type IndexedName } from './vocabulary/name-index';
import { projectSlug } from './vocabulary/project-slug';
import { repositoriesIn, repositoryKey, repositoryUrl, type RepositoryRef } from './vocabulary/repository-url';
import { urlKey, VOCABULARY, type Vocabulary, type VocabularyProject } from './vocabulary/vocabulary';

/** What a talk says, as the tagger reads it. */
export interface TalkText {
  title: string;
  abstract?: string | null;
  /** URLs the talk's block links to (repositories among them name its projects). */
  links?: readonly string[];
}

/** What a talk is about: the projects it names as projects, its topics, and projects made from its links. */
export interface ProjectTags {
  /** Slugs, the vocabulary's projects first in vocabulary order, then those created from links. */
  projects: string[];
  /** Topic names (WebAssembly, Service Mesh…): generic technology words, never projects. */
  topics: string[];
  /** Projects the vocabulary lacks, made from the repositories the talk links (named from the link). */
  created: ProjectFact[];
}

/** Finds projects and topics in what talks and speakers say. */
export interface ProjectMatcher {
  /** Slugs of the vocabulary's projects named or linked in the text, in vocabulary order. */
  find(text: string): string[];
  /** Tags a talk: its projects, its topics, and projects created from repositories it links. */
  tag(talk: TalkText): ProjectTags;
  /** The vocabulary's project of a slug. */
  project(slug: string): VocabularyProject | undefined;
}

type Target = { project: number } | { topic: number };

/**
 * Builds a matcher over a vocabulary, once: one name index over every project name, alias and
 * topic, and one map of repositories. Names from the hand-kept dictionary and topics match
 * case-insensitively; names from a registry only as the registry writes them (or in lower
 * case when camel-cased, like "OpenYurt", in any case with a digit, like "k3s"), because many
 * are ordinary words ("Helm", "Harbor", "Spark"), and not at all when shorter than three letters. Latin names match as
 * whole words. A repository link names its project, or the owner's when the vocabulary lists
 * an owner (github.com/spring-cloud).
 */
export function projectMatcher(vocabulary: Vocabulary = VOCABULARY): ProjectMatcher {
  const names: IndexedName<Target>[] = [];
  const repositories = new Map<string, Target>();
  const taken = new Set<string>();
  const add = (list: string[], target: Target, fromRegistry: boolean) => {
    for (const name of list) {
      taken.add(projectKey(name));
      if (fromRegistry && projectKey(name).replace(/[^a-z0-9]/g, '').length < 3) continue;
      names.push({ name, target, exactCase: fromRegistry });
    }
  };
  const projects = vocabulary.projects;
  projects.forEach((p, index) => p.origin === 'dictionary' && add([p.name, ...p.aliases], { project: index }, false));
  vocabulary.topics.forEach((t, index) => add([t.name, ...t.aliases], { topic: index }, false));
  // A topic's own project is found through the topic, in titles only.
  const topicProjects = new Set(vocabulary.topics.map((t) => t.titleProject));
  projects.forEach(
    (p, index) => p.origin !== 'dictionary' && !topicProjects.has(p.slug) && add([p.name, ...p.aliases], { project: index }, true),
  );
  projects.forEach(
    (p, index) =>
      !topicProjects.has(p.slug) &&
      p.repositoryUrls.forEach((url) => repositories.has(urlKey(url)) || repositories.set(urlKey(url), { project: index })),
  );
  vocabulary.topics.forEach((t, index) =>
    t.repositoryUrls.forEach((url) => repositories.has(urlKey(url)) || repositories.set(urlKey(url), { topic: index })),
  );
  const index = nameIndex(names);
  const bySlug = new Map(projects.map((p) => [p.slug, p]));

  const read = (text: string, links: readonly string[]) => {
    const found = new Set<number>();
    const topics = new Set<number>();
    const unknown: RepositoryRef[] = [];
    const note = (target: Target) => ('project' in target ? found.add(target.project) : topics.add(target.topic));
    for (const hit of index.find(text)) note(hit.target);
    for (const ref of repositoriesIn([text, ...links].join('\n'))) {
      const target = repositories.get(repositoryKey(ref)) ?? repositories.get(repositoryKey({ ...ref, repo: null }));
      if (target) note(target);
      else if (ref.repo !== null) unknown.push(ref);
    }
    return {
      projects: [...found].sort((a, b) => a - b).map((i) => projects[i].slug),
      topics: [...topics].sort((a, b) => a - b).map((i) => vocabulary.topics[i].name),
      unknown,
    };
  };

  return {
    find: (text) => read(text, []).projects,
    tag(talk) {
      const { projects: found, topics, unknown } = read([talk.title, talk.abstract ?? ''].join('\n'), talk.links ?? []);
      const titled = read(talk.title, []).topics.map((name) => vocabulary.topics.find((t) => t.name === name)?.titleProject ?? null);
      const slugs = [...found, ...titled.filter((slug): slug is string => slug !== null && !found.includes(slug))];
      const created = unknown.map((ref) => linkedProject(ref, taken)).filter((p): p is ProjectFact => p !== null);
      const createdSlugs = created.map((p) => p.slug).filter((slug, at, all) => all.indexOf(slug) === at && !slugs.includes(slug));
      return {
        projects: [...slugs, ...createdSlugs],
        topics,
        created: created.filter((p, at) => created.findIndex((q) => q.slug === p.slug) === at),
      };
    },
    project: (slug) => bySlug.get(slug),
  };
}

const defaultMatcher = projectMatcher();

/**
 * Tags a talk on the importer's vocabulary (the hand-kept dictionary, the CNCF landscape and the
 * topics list): the projects it names as projects or links, its topics, and the projects
 * created from repositories the vocabulary lacks.
 */
export function tagProjects(talk: TalkText): ProjectTags {
  return defaultMatcher.tag(talk);
}

/** The importer's matcher on its own vocabulary, built once. */
export function defaultProjectMatcher(): ProjectMatcher {
  return defaultMatcher;
}

// A project named from a repository link: the repository's name, or owner/name when the name
// alone already stands for a known project or topic (a fork, a namesake).
function linkedProject(ref: RepositoryRef, taken: ReadonlySet<string>): ProjectFact | null {
  const repo = ref.repo!;
  if (repo.startsWith('.') || /\.github\.io$/i.test(repo)) return null;
  const plain = projectSlug(repo);
  const [name, slug] =
    plain && !taken.has(projectKey(repo)) ? [repo, plain] : [`${ref.owner}/${repo}`, projectSlug(`${ref.owner}-${repo}`)];
  if (!slug) return null;
  return { slug, name, aliases: [], repositoryUrl: repositoryUrl(ref), homepageUrl: null, community: null };
}
