/**
 * Text elsewhere in the same document that survived the round trip: percent-encoded URLs
 * are plain ASCII, so the file names of slides keep the words the prose lost.
 */
export function percentDecodedRuns(text: string): string[] {
  const runs: string[] = [];
  for (const match of text.matchAll(/[!-~]*(?:%[0-9A-Fa-f]{2}){2,}[!-~]*/g)) {
    runs.push(safeDecode(match[0]));
  }
  return runs;
}

function safeDecode(run: string): string {
  return run.replace(/(?:%[0-9A-Fa-f]{2})+/g, (encoded) => {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return ' ';
    }
  });
}

/** Counts how often a short string occurs in a body of evidence. */
export function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
