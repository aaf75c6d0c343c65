import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { QualifyError } from '../errors.ts';
import { dataPath } from '../paths.ts';

/** Reads and validates one vocabulary file of data/; a bad file fails naming the file and field. */
export function loadVocabulary<T extends z.ZodType>(file: string, schema: T): z.output<T> {
  const path = dataPath(file);
  const parsed = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${path}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Loads once, on first use. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}
