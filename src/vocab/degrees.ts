import { z } from 'zod';
import { fuzzyIndex } from './fuzzy.ts';
import { DegreeLevel } from './ids.ts';
import { lazy, loadVocabulary } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** Degree levels and the ways people write them (data/degrees.yaml). */

export interface DegreeMatch {
  level: DegreeLevel;
  confidence: number;
  matched: string;
}

const Vocabulary = z.strictObject({
  levels: z.record(DegreeLevel, z.strictObject({ aliases: z.array(z.string()) })),
  implied_fields: z.record(z.string(), z.string()),
});

const vocabulary = lazy(() => {
  const data = loadVocabulary('degrees.yaml', Vocabulary);
  const aliases = new Map<string, DegreeLevel>();
  for (const [level, { aliases: names }] of Object.entries(data.levels)) {
    for (const name of [level, ...names]) aliases.set(normaliseName(name), level as DegreeLevel);
  }
  const implied = new Map(Object.entries(data.implied_fields).map(([k, v]) => [normaliseName(k), v]));
  // Fuzzy only over long aliases: "bs" and "ms" are one typo apart.
  const fuzzy = fuzzyIndex([...aliases].filter(([key]) => key.length >= 8).map(([key, level]) => ({ key, item: level })));
  return { aliases, implied, fuzzy };
});

/** Words between a level and its field that say nothing ("B.Sc. (Hons) in Computing"). */
const LINKING = new Set(['in', 'of', 'hons', 'honours', 'honors', 'degree', 'with', 'major', 'majoring', 'concentration']);

/** Splits "B.S. in Computer Science", "BSc (Hons) Computing", "Ph.D., Statistics" or "MBA" into a
 * level and a field; the longest known level name at the start wins. */
export const parseDegree = memoise((text: string): { level: DegreeLevel | null; field: string | null; confidence: number } => {
  const { aliases, implied, fuzzy } = vocabulary();
  const tokens = normaliseName(text).split(' ').filter(Boolean);
  for (let k = tokens.length; k > 0; k--) {
    const prefix = tokens.slice(0, k).join(' ');
    const level = aliases.get(prefix);
    if (!level) continue;
    let rest = tokens.slice(k);
    while (rest.length > 0 && LINKING.has(rest[0]!)) rest = rest.slice(1);
    const field = rest.length > 0 ? fieldText(text, rest.length) : (implied.get(prefix) ?? null);
    return { level, field, confidence: 1 };
  }
  const hit = fuzzy(normaliseName(text));
  return hit ? { level: hit.item, field: null, confidence: hit.confidence } : { level: null, field: null, confidence: 0 };
});

/** The last `words` words of the original text, so the field keeps the applicant's spelling. */
function fieldText(text: string, words: number): string {
  const original = text.replace(/[(),]/g, ' ').trim().split(/\s+/);
  return original.slice(-words).join(' ');
}

export function matchDegreeLevel(text: string): DegreeMatch | null {
  const parsed = parseDegree(text);
  return parsed.level ? { level: parsed.level, confidence: parsed.confidence, matched: text } : null;
}
