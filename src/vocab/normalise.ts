/** How names are compared: lower case, without ®/™/©, dots or apostrophes, punctuation folded to
 * spaces, "&" read as "and", and spaces collapsed. `B.Sc. (Hons)` → `bsc hons`. Linear: each pattern
 * is one character class, repeated at most once (tests/text/adversarial.test.ts). */
export function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[®™©]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Longer inputs are computed each time, not kept: a name is short, and a cache of 50,000 long texts
 * would hold gigabytes. */
const MEMO_LONGEST = 1_000;

/** A cache per distinct input: batch scoring asks the same names again and again. */
export function memoise<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (text.length > MEMO_LONGEST) return fn(text);
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size > 50_000) cache.clear();
      cache.set(text, value);
    }
    return value as T;
  };
}
