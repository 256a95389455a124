import { CommunityFact, GraphFacts, ProjectFact } from './event-facts';
import dictionary from './projects.json';

/** A dictionary entry: a project with every repository that stands for it. */
export interface DictionaryProject extends ProjectFact {
  aliases: string[];
  repositoryUrls: string[];
}

/** The projects the importer recognises, read from `projects.json`. */
export const PROJECTS: readonly DictionaryProject[] = dictionary.projects.map((p) => ({
  slug: p.slug,
  name: p.name,
  aliases: p.aliases,
  repositoryUrls: p.repositoryUrls,
  repositoryUrl: p.repositoryUrls[0] ?? null,
  community: p.community,
}));

/** The communities that run the dictionary's projects, read from `projects.json`. */
export const COMMUNITIES: readonly CommunityFact[] = dictionary.communities;

/** The dictionary as `ProjectFact`s, for a writer that stores projects. */
export function projectFacts(projects: readonly DictionaryProject[] = PROJECTS): ProjectFact[] {
  return projects.map(({ repositoryUrls: _unused, ...fact }) => fact);
}

/** The whole dictionary as a document of facts: its communities, then its projects. */
export function dictionaryFacts(): GraphFacts {
  return { communities: [...COMMUNITIES], projects: projectFacts() };
}

/** Every name a project goes by, canonical name first. */
export function namesOf(project: DictionaryProject): string[] {
  return [project.name, ...project.aliases];
}
