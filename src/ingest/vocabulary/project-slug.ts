/**
 * The slug a project is stored under, by one rule for every source: lower case, every run of
 * characters other than a-z and 0-9 one '-', no '-' at either end ("Kata Containers" →
 * `kata-containers`, "gRPC" → `grpc`). Empty for a name with no Latin letter or digit.
 */
export function projectSlug(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .split('-')
    .filter(Boolean)
    .join('-');
}
