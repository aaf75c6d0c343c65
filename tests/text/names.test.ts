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
  abbreviated_degrees: Degrees;
  vendor_certifications: Certs;
};
/** Sets written after tuning and labelled before any run: held out, never tuned on. */
const LATER = { fresh: ['fresh_degrees', 'fresh_certifications'], vendor: ['abbreviated_degrees', 'vendor_certifications'] } as const;

/** Share of names read as expected, on the tuning (even) or held-out (odd) positions. */
export function nameAccuracy(part: 'tune' | 'heldout' | keyof typeof LATER) {
  const pick = <T>(list: T[]) => list.filter((_, i) => (i % 2 === 0) === (part === 'tune'));
  const misses: string[] = [];
  let right = 0;
  const later = part === 'tune' || part === 'heldout' ? null : LATER[part];
  const degrees = later ? corpus[later[0]] : pick(corpus.degrees);
  for (const [text, level, field] of degrees) {
    const parsed = parseDegree(text);
    const gotField = parsed.field ? matchField(parsed.field).field : null;
    if (parsed.level === level && gotField === field) right += 1;
    else misses.push(`degree "${text}": expected ${level}/${field}, got ${parsed.level}/${gotField}`);
  }
  const certs = later ? corpus[later[1]] : pick(corpus.certifications);
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
  expect(held.accuracy).toBeGreaterThanOrEqual(0.98);
  for (const set of Object.keys(LATER) as Array<keyof typeof LATER>) {
    const later = nameAccuracy(set);
    console.log(`names, ${set} held-out set (${later.n}): ${(100 * later.accuracy).toFixed(1)}%\n  ${later.misses.join('\n  ')}`);
    expect(later.accuracy).toBeGreaterThanOrEqual(0.98);
  }
});
