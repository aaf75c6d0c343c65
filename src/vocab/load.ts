import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { QualifyError, placedIssues } from '../errors.ts';
import { cachedYaml, invalidFile, syntaxError, yamlDocument } from '../yaml.ts';

/** Reads and validates one vocabulary file of a data folder; a bad file fails naming the file and field. */
export function readVocabularyFile<T extends z.ZodType>(dir: string, file: string, schema: T): { data: z.output<T>; text: string } {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${path}: cannot read the vocabulary: ${(error as Error).message}`);
  }
  const data = cachedYaml('vocabulary', text, () => {
    const document = yamlDocument(text);
    const error = syntaxError(path, document);
    if (error) throw error;
    return document.doc.toJS();
  });
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw invalidFile(path, yamlDocument(text), placedIssues(parsed.error));
  return { data: parsed.data, text };
}

/** An id of the vocabularies: lower-case letters, digits and hyphens. */
export const vocabularyId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an id of lower-case letters, digits and hyphens');

/** `Computer Science` → `computer-science`: the id a field's canonical name gives. */
export const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
