import { DictionaryProject, namesOf, PROJECTS } from './project-dictionary';

/** Finds projects by name, alias or repository URL in free text. */
export interface ProjectMatcher {
  /** Slugs of the projects mentioned in the text, in dictionary order. */
  find(text: string): string[];
}

/**
 * Builds a matcher over a dictionary. Latin names match case-insensitively and only as whole
 * words, so "Ark" is not found in "Dark" nor "Seata" inside a longer word; repository URLs
 * match by their path.
 */
export function projectMatcher(projects: readonly DictionaryProject[] = PROJECTS): ProjectMatcher {
  const patterns = projects.map((project) => ({
    slug: project.slug,
    names: namesOf(project).map(namePattern),
    repositories: project.repositoryUrls.map((url) => url.replace(/^https?:\/\//, '').toLowerCase()),
  }));
  return {
    find(text: string): string[] {
      const lower = text.toLowerCase();
      return patterns
        .filter((p) => p.repositories.some((repo) => repositoryMentioned(lower, repo)) || p.names.some((re) => re.test(text)))
        .map((p) => p.slug);
    },
  };
}

function namePattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[\s-]+/g, '[\\s-]*');
  return /[A-Za-z]/.test(name) ? new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'i') : new RegExp(escaped);
}

function repositoryMentioned(lowerText: string, repository: string): boolean {
  const at = lowerText.indexOf(repository);
  return at >= 0 && !/[a-z0-9_.-]/.test(lowerText[at + repository.length] ?? '');
}
