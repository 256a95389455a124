/** A name to find in text, standing for one target (a project or a topic). */
export interface IndexedName<T> {
  name: string;
  target: T;
  /** Found only as written ("Helm", not "helm"), or in lower case when camel-cased or with a digit ("openyurt", "K3S"): for registry names that may be ordinary words. */
  exactCase?: boolean;
}

/** One name found in a text. */
export interface NameHit<T> {
  target: T;
  name: string;
}

/** Finds many names in a text in one pass over its words. */
export interface NameIndex<T> {
  find(text: string): NameHit<T>[];
}

interface Entry<T> {
  target: T;
  name: string;
  surface: string;
  exactCase: boolean;
  anyCase: boolean;
  lowerAllowed: boolean;
}

// Words: runs of Latin letters and digits, or one CJK character each.
const WORD = /[A-Za-z0-9]+|[\u3400-\u9fff\uf900-\ufaff]/g;
// What may stand between the words of one name: "SOFA Boot", "sofa-boot", "Node.js", "mosn/holmes".
const JOINER = /^[ \t\-_.:/]{0,3}$/;
const MAX_WORDS = 16;
// "基于 OpenTracing 规范": a name followed by one of these names a standard the talk follows, not its
// subject; "协议" only after a registry name, since "SOFABolt 协议" is the hand-kept project's own.
const STANDARD_AFTER = /^[ \t]?(?:规范|标准|specification|standard)/i;
const PROTOCOL_AFTER = /^[ \t]?(?:协议|protocol)/i;

/**
 * Builds an index over names, once: each name is keyed by its words joined and lower-cased, so
 * "SOFA Boot", "sofa-boot" and "SOFABoot" are one key. Finding walks the text's words once,
 * extending a key from each word while it is the prefix of some name (at most 16 words), and
 * takes the longest name that starts there; so Latin names match only as whole words ("Ark" is
 * not found in "Dark"), and the cost grows with the text, not with the number of names.
 * Earlier names win a key that two share.
 */
export function nameIndex<T>(names: readonly IndexedName<T>[]): NameIndex<T> {
  const byKey = new Map<string, Entry<T>[]>();
  const prefixes = new Set<string>();
  for (const { name, target, exactCase = false } of names) {
    const words = name.normalize('NFKC').match(WORD) ?? [];
    const surface = words.join('');
    const key = surface.toLowerCase();
    if (!key) continue;
    const entries = byKey.get(key) ?? [];
    entries.push({ target, name, surface, exactCase, anyCase: /[0-9]/.test(surface), lowerAllowed: /[A-Z]/.test(surface.slice(1)) });
    byKey.set(key, entries);
    for (let i = 1; i < key.length; i++) prefixes.add(key.slice(0, i));
  }
  return {
    find(text: string): NameHit<T>[] {
      const normalized = text.normalize('NFKC');
      const words = [...normalized.matchAll(WORD)];
      const hits: NameHit<T>[] = [];
      for (let start = 0; start < words.length;) {
        let surface = '';
        let best: { entry: Entry<T>; end: number } | null = null;
        for (let end = start; end < words.length && end - start < MAX_WORDS; end++) {
          if (end > start) {
            const gap = normalized.slice(words[end - 1].index! + words[end - 1][0].length, words[end].index!);
            if (!JOINER.test(gap)) break;
          }
          surface += words[end][0];
          const key = surface.toLowerCase();
          const entry = byKey
            .get(key)
            ?.find((e) => !e.exactCase || e.anyCase || e.surface === surface || (e.lowerAllowed && surface === key));
          if (entry) best = { entry, end };
          if (!prefixes.has(key)) break;
        }
        const after = best ? normalized.slice(words[best.end].index! + words[best.end][0].length) : '';
        const standard =
          best && (STANDARD_AFTER.test(after.slice(0, 16)) || (best.entry.exactCase && PROTOCOL_AFTER.test(after.slice(0, 16))));
        if (best && standard) start = best.end + 1;
        else if (best) {
          hits.push({ target: best.entry.target, name: best.entry.name });
          start = best.end + 1;
        } else start++;
      }
      return hits;
    },
  };
}
