import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { matchCertification, parseDegree, matchField } = bundledVocabulary();

type Degrees = Array<[string, string, string | null]>;
type Certs = Array<[string, string | null]>;
const corpus = parse(readFileSync(`${projectRoot}/tests/fixtures/names.yaml`, 'utf8')) as {
  degrees: Degrees;
  certifications: Certs;
  fresh_degrees: Degrees;
  fresh_certifications: Certs;
};

/** Share of names read as expected, on the tuning (even) or held-out (odd) positions. */
export function nameAccuracy(part: 'tune' | 'heldout' | 'fresh') {
  const pick = <T>(list: T[]) => list.filter((_, i) => (i % 2 === 0) === (part === 'tune'));
  const misses: string[] = [];
  let right = 0;
  const degrees = part === 'fresh' ? corpus.fresh_degrees : pick(corpus.degrees);
  for (const [text, level, field] of degrees) {
    const parsed = parseDegree(text);
    const gotField = parsed.field ? matchField(parsed.field).field : null;
    if (parsed.level === level && gotField === field) right += 1;
    else misses.push(`degree "${text}": expected ${level}/${field}, got ${parsed.level}/${gotField}`);
  }
  const certs = part === 'fresh' ? corpus.fresh_certifications : pick(corpus.certifications);
  for (const [text, id] of certs) {
    const got = matchCertification(text)?.id ?? null;
    if (got === id) right += 1;
    else misses.push(`certification "${text}": expected ${id}, got ${got}`);
  }
  return { n: degrees.length + certs.length, accuracy: right / (degrees.length + certs.length), misses };
}

it('reads degree and certification names as expected on the held-out part at least 98% of the time', () => {
  expect(corpus.degrees.length).toBeGreaterThanOrEqual(60);
  expect(corpus.certifications.length).toBeGreaterThanOrEqual(80);
  const tune = nameAccuracy('tune');
  const held = nameAccuracy('heldout');
  console.log(`names, tuning part (${tune.n}): ${(100 * tune.accuracy).toFixed(1)}%\n  ${tune.misses.join('\n  ')}`);
  console.log(`names, held-out part (${held.n}): ${(100 * held.accuracy).toFixed(1)}%\n  ${held.misses.join('\n  ')}`);
  const later = nameAccuracy('fresh');
  console.log(`names, fresh held-out part (${later.n}): ${(100 * later.accuracy).toFixed(1)}%\n  ${later.misses.join('\n  ')}`);
  expect(held.accuracy).toBeGreaterThanOrEqual(0.98);
  expect(later.accuracy).toBeGreaterThanOrEqual(0.98);
});
