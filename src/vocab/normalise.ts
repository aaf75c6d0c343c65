/** How names are compared: lower case, without ®/™/©, dots or apostrophes, punctuation folded to
 * spaces, "&" read as "and", and spaces collapsed. `B.Sc. (Hons)` → `bsc hons`. */
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

/** A cache per distinct input: batch scoring asks the same names again and again. */
export function memoise<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size > 50_000) cache.clear();
      cache.set(text, value);
    }
    return value as T;
  };
}
