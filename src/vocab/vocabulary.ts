import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { QualifyError, nearestName } from '../errors.ts';
import { dataPath } from '../paths.ts';
import { CapacitiesFile, CategoriesFile, createExperience, type Experience } from './categories.ts';
import { CertificationsFile, createCertifications, type Certifications } from './certifications.ts';
import { createDegrees, DegreesFile, type Degrees } from './degrees.ts';
import { createFields, FieldsFile, type Fields } from './fields.ts';
import { readVocabularyFile } from './load.ts';

/** Every vocabulary of a data folder, loaded and validated once by each entry point (CLI, API,
 * batch worker) and passed down: categories, capacities, fields, degree levels and certifications
 * are data, so adding one to data/ needs no code. */
export interface Vocabulary extends Experience, Fields, Degrees, Certifications {
  /** Content hash of the vocabulary files: decisions depend on them as much as on the rules. */
  hash: string;
}

/** The kinds of id a rule or profile may name, for validation messages. */
export type IdKind = 'category' | 'capacity' | 'field' | 'certification category' | 'certification' | 'degree level';

/** The vocabulary file that defines each kind of id. */
const DEFINED_IN: Record<IdKind, string> = {
  category: 'categories.yaml',
  capacity: 'capacities.yaml',
  field: 'fields.yaml',
  'certification category': 'certifications.yaml',
  certification: 'certifications.yaml',
  'degree level': 'degrees.yaml',
};

/** Why `value` is refused: `"acounting" is not a known field; did you mean "accounting"?`. A short
 * vocabulary is listed whole; a long one is named by its file. */
export function unknownId(value: string, kind: IdKind, known: readonly string[]): string {
  const near = nearestName(value, known);
  const help = near ? `did you mean "${near}"?` : known.length <= 12 ? `known: ${known.join(', ')}` : `the ${known.length} known are in data/${DEFINED_IN[kind]}`;
  return `"${value}" is not a known ${kind}; ${help}`;
}

export function knownIds(vocab: Vocabulary, kind: IdKind): string[] {
  switch (kind) {
    case 'category': return [...vocab.categories.keys()];
    case 'capacity': return [...vocab.capacities.keys()];
    case 'field': return [...vocab.families.keys(), ...vocab.fields.keys()];
    case 'certification category': return [...vocab.certificationCategories.keys()];
    case 'certification': return vocab.entries.map((e) => e.id);
    case 'degree level': return [...vocab.levels.keys()];
  }
}

export function loadVocabulary(dir: string = dataPath()): Vocabulary {
  const files = {
    categories: readVocabularyFile(dir, 'categories.yaml', CategoriesFile),
    capacities: readVocabularyFile(dir, 'capacities.yaml', CapacitiesFile),
    fields: readVocabularyFile(dir, 'fields.yaml', FieldsFile),
    degrees: readVocabularyFile(dir, 'degrees.yaml', DegreesFile),
    certifications: readVocabularyFile(dir, 'certifications.yaml', CertificationsFile),
  };
  checkCategoryReferences(dir, files.categories.data);
  const degrees = createDegrees(files.degrees.data);
  const hash = createHash('sha256');
  for (const [name, file] of Object.entries(files).sort()) hash.update(name).update(file.text);
  return {
    ...createExperience(files.categories.data, files.capacities.data),
    ...createFields(files.fields.data, (text) => degrees.parseDegree(text).field),
    ...degrees,
    ...createCertifications(files.certifications.data),
    hash: hash.digest('hex'),
  };
}

function checkCategoryReferences(dir: string, data: z.output<typeof CategoriesFile>): void {
  const known = Object.keys(data.categories);
  for (const [id, c] of Object.entries(data.categories)) {
    for (const ref of [...c.implies, ...Object.keys(c.underTitle), ...Object.values(c.underTitle)]) {
      if (!known.includes(ref)) throw new QualifyError('QUAL_ERR_INVALID_RULE', `${dir}/categories.yaml: categories.${id}: names "${ref}", which is not a category; known: ${known.join(', ')}`);
    }
  }
}

let bundled: Vocabulary | undefined;
/** The project's own vocabularies (data/), loaded on first use by an entry point. */
export const bundledVocabulary = (): Vocabulary => (bundled ??= loadVocabulary());
