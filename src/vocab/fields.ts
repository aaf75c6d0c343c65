import { z } from 'zod';
import { fuzzyIndex } from './fuzzy.ts';
import { slug, vocabularyId } from './load.ts';
import { memoise, normaliseName } from './normalise.ts';

/** Fields of study in families (data/fields.yaml). Rules name a family id or a field id. */

export const FieldsFile = z.strictObject({
  families: z.record(vocabularyId, z.strictObject({ label: z.string().min(1), fields: z.record(z.string(), z.array(z.string())) })),
  abbreviations: z.record(z.string(), z.string()),
  unrelated: z.array(z.string()),
});

export interface FieldMatch {
  /** The canonical name, or null when the field is not recognised. */
  field: string | null;
  /** The field's id and its family's: what a rule's `fields` list is compared with. */
  ids: string[];
  confidence: number;
}

export interface Fields {
  /** Family id → label. */
  families: ReadonlyMap<string, string>;
  /** Field id → canonical name and family. */
  fields: ReadonlyMap<string, { name: string; family: string | null }>;
  /** "Comp. Sci.", "M.I.S.", "Info Tech": exact names and aliases first, then a tolerant match. */
  matchField: (text: string) => FieldMatch;
  /** Ids of every field (and its family) whose name or alias the text says as whole words:
   * "Discrete Mathematics (computer science curriculum)" mentions mathematics and computer science. */
  mentioned: (text: string) => Set<string>;
}

type Entry = { field: string; ids: string[] };

/** `stripLevel` takes the degree level off "B.S. in Computer Science" before the field is looked up. */
export function createFields(data: z.output<typeof FieldsFile>, stripLevel: (text: string) => string | null): Fields {
  const names = new Map<string, Entry>();
  const fields = new Map<string, { name: string; family: string | null }>();
  for (const [family, { fields: members }] of Object.entries(data.families)) {
    for (const [field, aliases] of Object.entries(members)) {
      fields.set(slug(field), { name: field, family });
      for (const name of [field, ...aliases]) names.set(normaliseName(name), { field, ids: [slug(field), family] });
    }
  }
  for (const field of data.unrelated) {
    fields.set(slug(field), { name: field, family: null });
    names.set(normaliseName(field), { field, ids: [slug(field)] });
  }
  const fuzzy = fuzzyIndex([...names].filter(([key]) => key.length >= 5).map(([key, item]) => ({ key, item })));
  const abbreviations = new Map(Object.entries(data.abbreviations));
  const matchField = memoise((text: string): FieldMatch => {
    const written = normaliseName(stripLevel(text) ?? text).replace(/^(in|of) /, '').replace(/ (degree|studies)$/, '');
    const expanded = written.split(' ').map((w) => abbreviations.get(w) ?? w).join(' ');
    const key = names.has(written) ? written : expanded;
    const exact = names.get(key) ?? names.get(key.replace(/s$/, ''));
    if (exact) return { ...exact, confidence: 1 };
    const hit = fuzzy(key);
    return hit ? { ...hit.item, confidence: hit.confidence } : { field: null, ids: [], confidence: 0 };
  });
  // Longer names first, and only names of three letters or more: "is" and "it" are words too.
  const phrases = [...names].filter(([key]) => key.length >= 3).sort((a, b) => b[0].length - a[0].length);
  const mentioned = memoise((text: string): Set<string> => {
    const words = ` ${normaliseName(text)} `;
    const out = new Set<string>();
    for (const [key, entry] of phrases) if (words.includes(` ${key} `)) entry.ids.forEach((id) => out.add(id));
    return out;
  });
  return { families: new Map(Object.entries(data.families).map(([id, f]) => [id, f.label])), fields, matchField, mentioned };
}
