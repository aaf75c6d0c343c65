import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useful } from '../../src/criteria/terms.ts';
import { dataPath } from '../../src/paths.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { tokenize } from '../../src/text/tokens.ts';

const table = (JSON.parse(readFileSync(dataPath('synonyms.json'), 'utf8')) as { synonyms: Record<string, string[]> }).synonyms;

describe('the WordNet synonyms table', () => {
  it('has looked up every word of every bundled criterion (run scripts/synonyms.mjs after changing criteria)', () => {
    const missing = new Set<string>();
    for (const { rule } of bundledRules().values()) {
      const requirements = [...rule.paths.flatMap((p) => p.requirements), ...rule.preferred];
      for (const r of requirements) {
        if (r.kind !== 'criteria') continue;
        for (const c of r.criteria) for (const t of tokenize(c.text).filter((t) => useful(t) && !t.acronym)) if (/^[a-z]+$/.test(t.raw.toLowerCase()) && !(t.raw.toLowerCase() in table)) missing.add(t.raw.toLowerCase());
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('holds single lower-case words, never the word itself', () => {
    for (const [word, list] of Object.entries(table)) for (const s of list) expect(s === word || !/^[a-z-]+$/.test(s)).toBe(false);
  });
});
