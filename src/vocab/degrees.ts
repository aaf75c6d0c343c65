import { z } from 'zod';
import { fuzzyIndex } from './fuzzy.ts';
import { vocabularyId } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** Degree levels and the ways people write them (data/degrees.yaml). */

export const DegreesFile = z.strictObject({
  creditHoursPerYear: z.number().positive(),
  levels: z.record(
    vocabularyId,
    z.strictObject({ label: z.string().min(1), years: z.number().min(0), majorHours: z.number().min(0), aliases: z.array(z.string()) }),
  ),
  implied_fields: z.record(z.string(), z.string()),
});

export interface Level {
  id: string;
  label: string;
  /** Position in the file, lowest first: a degree holds every level of a lower rank. */
  rank: number;
  years: number;
  majorHours: number;
}

export interface ParsedDegree {
  level: string | null;
  field: string | null;
  confidence: number;
}

export interface Degrees {
  levels: ReadonlyMap<string, Level>;
  creditHoursPerYear: number;
  /** Splits "B.S. in Computer Science", "BSc (Hons) Computing", "Ph.D., Statistics" or "MBA" into a level and a field. */
  parseDegree: (text: string) => ParsedDegree;
}

/** Words between a level and its field that say nothing ("B.Sc. (Hons) in Computing"). */
const LINKING = new Set(['in', 'of', 'hons', 'honours', 'honors', 'degree', 'with', 'major', 'majoring', 'concentration']);

export function createDegrees(data: z.output<typeof DegreesFile>): Degrees {
  const levels = new Map(Object.entries(data.levels).map(([id, l], rank) => [id, { id, label: l.label, rank, years: l.years, majorHours: l.majorHours }]));
  const aliases = new Map<string, string>();
  for (const [level, { aliases: names }] of Object.entries(data.levels)) {
    for (const name of [level, ...names]) aliases.set(normaliseName(name), level);
  }
  const implied = new Map(Object.entries(data.implied_fields).map(([k, v]) => [normaliseName(k), v]));
  // Fuzzy only over long aliases: "bs" and "ms" are one typo apart.
  const fuzzy = fuzzyIndex([...aliases].filter(([key]) => key.length >= 8).map(([key, level]) => ({ key, item: level })));
  // The longest known level name at the start wins.
  const parseDegree = memoise((text: string): ParsedDegree => {
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
  return { levels, creditHoursPerYear: data.creditHoursPerYear, parseDegree };
}

/** The original words that spell the last `words` normalised tokens, so the field keeps the
 * applicant's spelling; null when those tokens start inside a written word ("mM&" reads as
 * "mm and": no words spell "and" alone). */
function fieldText(text: string, words: number): string | null {
  const original = text.replace(/[(),]/g, ' ').trim().split(/\s+/);
  let tokens = 0;
  for (let i = original.length - 1; i >= 0; i--) {
    tokens += normaliseName(original[i]!).split(' ').filter(Boolean).length;
    if (tokens === words) return original.slice(i).join(' ');
    if (tokens > words) return null;
  }
  return null;
}
