/** An event slug from a conference's acronym or title: lower case letters and digits joined by '-'. */
export function scheduleSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .split('-')
    .filter(Boolean)
    .join('-')
    .slice(0, 100);
}
