import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dataPath } from '../paths.ts';

let vocabularyHash: string | undefined;

/** Decisions depend on the vocabularies as much as on the rule, so both go into the hash. */
function vocabularies(): string {
  if (vocabularyHash !== undefined) return vocabularyHash;
  const hash = createHash('sha256');
  for (const file of readdirSync(dataPath()).filter((f) => f.endsWith('.yaml')).sort()) {
    hash.update(file).update(readFileSync(dataPath(file)));
  }
  return (vocabularyHash = hash.digest('hex'));
}

/** `2018-11-01+3f9a2c1b7d4e`: the effective date, then 12 hex digits of the content hash. */
export function rulesVersion(effective: string, ruleText: string): string {
  const hash = createHash('sha256').update(ruleText).update(vocabularies()).digest('hex');
  return `${effective}+${hash.slice(0, 12)}`;
}
