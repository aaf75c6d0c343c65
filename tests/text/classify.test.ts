import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { inferExperience } = bundledVocabulary();

/* The labelled job corpus (tests/fixtures/jobs): even positions tune the vocabulary, odd positions
 * are held out and only measured. */
/** A fifth element, when present, names a capacity the title gives. */
type Entry = [title: string, duties: string, categories: string, supervisory: 'y' | 'n', capacity?: string];
const dir = `${projectRoot}/tests/fixtures/jobs`;
/** The corpus is labelled for these categories only; others the vocabulary knows are left out of the comparison. */
const LABELLED = new Set(['information-technology', 'it-infrastructure', 'project-management']);
const LABEL: Record<string, string[]> = { infra: ['information-technology', 'it-infrastructure'], it: ['information-technology'], pm: ['project-management'], 'it+pm': ['information-technology', 'project-management'], '': [] };

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('fresh-')).sort();
const corpus = files.flatMap((f) => parse(readFileSync(`${dir}/${f}`, 'utf8')) as Entry[]);
/** Written after tuning and labelled before any run: held out, never tuned on. */
const freshFiles = readdirSync(dir).filter((f) => f.startsWith('fresh-')).sort();
const fresh = freshFiles.flatMap((f) => parse(readFileSync(`${dir}/${f}`, 'utf8')) as Entry[]);

export function measure(part: 'tune' | 'heldout' | 'fresh', chosen = part === 'fresh' ? fresh : corpus.filter((_, i) => (i % 2 === 0) === (part === 'tune'))) {
  let categories = 0;
  let supervision = 0;
  let capacity = 0;
  const misses: string[] = [];
  for (const [title, duties, cats, sup, held] of chosen) {
    const inferred = inferExperience(title, duties);
    const expected = LABEL[cats]!;
    const read = inferred.categories.filter((c) => LABELLED.has(c));
    if ([...read].sort().join() === [...expected].sort().join()) categories += 1;
    else misses.push(`categories of "${title}: ${duties}": expected [${expected}], got [${inferred.categories}] (${inferred.evidence.join(', ')})`);
    if (inferred.capacities.includes('supervisory') === (sup === 'y')) supervision += 1;
    else misses.push(`supervision of "${title}: ${duties}": expected ${sup}`);
    if (!held || inferred.capacities.includes(held)) capacity += 1;
    else misses.push(`capacity of "${title}": expected ${held}, got [${inferred.capacities}]`);
  }
  return { n: chosen.length, categories: categories / chosen.length, supervision: supervision / chosen.length, capacity: capacity / chosen.length, misses };
}

describe('reading job titles and duties', () => {
  it('has a corpus of at least 300 labelled entries', () => {
    expect(corpus.length + fresh.length).toBeGreaterThanOrEqual(300);
  });

  it('infers categories and supervision on the held-out part at least 95% of the time', () => {
    const tune = measure('tune');
    const held = measure('heldout');
    const later = freshFiles.map((f) => {
      const m = measure('fresh', parse(readFileSync(`${dir}/${f}`, 'utf8')) as Entry[]);
      console.log(`jobs, ${f} (${m.n}): categories ${(100 * m.categories).toFixed(1)}%, supervision ${(100 * m.supervision).toFixed(1)}%, capacities named ${(100 * m.capacity).toFixed(1)}%\n  ${m.misses.join('\n  ')}`);
      return m;
    });
    console.log(`jobs, tuning part (${tune.n}): categories ${(100 * tune.categories).toFixed(1)}%, supervision ${(100 * tune.supervision).toFixed(1)}%`);
    console.log(`jobs, held-out part (${held.n}): categories ${(100 * held.categories).toFixed(1)}%, supervision ${(100 * held.supervision).toFixed(1)}%\n  ${held.misses.join('\n  ')}`);
    for (const part of [held, ...later]) {
      expect(part.categories).toBeGreaterThanOrEqual(0.95);
      expect(part.supervision).toBeGreaterThanOrEqual(0.95);
      expect(part.capacity).toBeGreaterThanOrEqual(0.95);
    }
  });
});
