import { z } from 'zod';
import { parseDegree } from './degrees.ts';
import { fuzzyIndex } from './fuzzy.ts';
import { FieldFamily } from './ids.ts';
import { lazy, loadVocabulary } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** Fields of study in families (data/fields.yaml, READING.md §7). */

export interface FieldMatch {
  /** The canonical name, or null when the field is not recognised. */
  field: string | null;
  families: FieldFamily[];
  confidence: number;
}

const Vocabulary = z.strictObject({
  families: z.record(FieldFamily, z.record(z.string(), z.array(z.string()))),
  abbreviations: z.record(z.string(), z.string()),
  unrelated: z.array(z.string()),
});

type Entry = { field: string; families: FieldFamily[] };

const vocabulary = lazy(() => {
  const data = loadVocabulary('fields.yaml', Vocabulary);
  const names = new Map<string, Entry>();
  for (const [family, fields] of Object.entries(data.families)) {
    for (const [field, aliases] of Object.entries(fields)) {
      for (const name of [field, ...aliases]) names.set(normaliseName(name), { field, families: [family as FieldFamily] });
    }
  }
  for (const field of data.unrelated) names.set(normaliseName(field), { field, families: [] });
  const fuzzy = fuzzyIndex([...names].filter(([key]) => key.length >= 5).map(([key, item]) => ({ key, item })));
  return { names, fuzzy, abbreviations: new Map(Object.entries(data.abbreviations)) };
});

/** "Comp. Sci.", "M.I.S.", "Info Tech", "B.S. in Computer Sciences": exact names and aliases first,
 * then a tolerant match; an unrecognised field belongs to no family (READING.md §7). */
export const matchField = memoise((text: string): FieldMatch => {
  const { names, fuzzy, abbreviations } = vocabulary();
  const withoutLevel = parseDegree(text).field ?? text;
  const written = normaliseName(withoutLevel).replace(/^(in|of) /, '').replace(/ (degree|studies)$/, '');
  const expanded = written.split(' ').map((w) => abbreviations.get(w) ?? w).join(' ');
  const key = names.has(written) ? written : expanded;
  const exact = names.get(key) ?? names.get(key.replace(/s$/, ''));
  if (exact) return { ...exact, confidence: 1 };
  const hit = fuzzy(key);
  return hit ? { ...hit.item, confidence: hit.confidence } : { field: null, families: [], confidence: 0 };
});
