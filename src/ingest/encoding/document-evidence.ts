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

/** How often two characters stand side by side in a body of evidence. */
export type BigramCount = (first: string, second: string) => number;

/**
 * Counts, in one pass, the adjacent pairs of characters in `evidence` of which at least one is
 * in `chars`: the only pairs a lost character's neighbours are looked up in. Searching the whole
 * evidence once per candidate instead is quadratic in the page.
 */
export function bigramCounter(evidence: string, chars: ReadonlySet<string>): BigramCount {
  const counts = new Map<string, number>();
  let previous = '';
  for (const char of evidence) {
    if (previous && (chars.has(char) || chars.has(previous))) {
      const pair = previous + char;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    previous = char;
  }
  return (first, second) => counts.get(first + second) ?? 0;
}
