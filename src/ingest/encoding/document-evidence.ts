/**
 * Text elsewhere in the same document that survived the round trip: percent-encoded URLs
 * are plain ASCII, so the file names of slides keep the words the prose lost.
 */
export function percentDecodedRuns(text: string): string[] {
  const runs: string[] = [];
  // Whole runs of printable ASCII that hold two percent-escapes in a row; tested run by run,
  // as one pattern with a run on either side rescanned each run from every character.
  for (const [run] of text.matchAll(/[!-~]+/g)) {
    if (/%[0-9A-Fa-f]{2}%[0-9A-Fa-f]{2}/.test(run)) runs.push(safeDecode(run));
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
