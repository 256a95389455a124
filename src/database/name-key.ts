/**
 * The key a project name is matched by: NFKC, lower case, without spaces, dots, dashes or
 * underscores, so "SOFA Serverless", "sofa-serverless" and "SOFAServerless" are one name.
 * The `project_key` view folds stored names the same way.
 */
export function projectKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._-]+/g, '');
}

/** The key a person's name is matched by: NFKC, lower case, single spaces. */
export function personKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The key a talk title is matched by within its event: NFKC, lower case, single spaces, no trailing punctuation. */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\s。.!！?？]+$/u, '')
    .toLowerCase();
}
