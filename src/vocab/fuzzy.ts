import Fuse from 'fuse.js';

/** A fuzzy match counts only at or above this confidence (1 − the fuse.js score): "Compter
 * Science" (0.93) passes, "Certified Forklift Operator" against the catalogue does not. Below it a
 * name is reported as unrecognised, never guessed (docs/vocabularies.md). */
export const MATCH_THRESHOLD = 0.8;

export interface FuzzyHit<T> {
  item: T;
  confidence: number;
}

/** Builds a matcher over `keys` (already normalised) that returns the best hit above the threshold. */
export function fuzzyIndex<T>(entries: ReadonlyArray<{ key: string; item: T }>): (text: string) => FuzzyHit<T> | null {
  const fuse = new Fuse(entries as Array<{ key: string; item: T }>, {
    keys: ['key'],
    includeScore: true,
    threshold: 1 - MATCH_THRESHOLD,
    ignoreLocation: true,
  });
  return (text) => {
    const best = fuse.search(text, { limit: 1 })[0];
    if (!best || best.score === undefined) return null;
    const confidence = 1 - best.score;
    return confidence >= MATCH_THRESHOLD ? { item: best.item.item, confidence } : null;
  };
}
