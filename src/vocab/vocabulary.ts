import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { QualifyError } from '../errors.ts';
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
