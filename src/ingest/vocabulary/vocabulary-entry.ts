/** A project as a public registry lists it: facts only, no descriptions. */
export interface VocabularyEntry {
  slug: string;
  name: string;
  /** Other names the registry lists the same project under. */
  aliases: string[];
  /** Every repository that stands for the project, the main one first. */
  repositoryUrls: string[];
  homepageUrl: string | null;
}
