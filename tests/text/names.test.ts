import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';
import { matchCertification } from '../../src/vocab/certifications.ts';
import { parseDegree } from '../../src/vocab/degrees.ts';
import { matchField } from '../../src/vocab/fields.ts';

const corpus = parse(readFileSync(`${projectRoot}/tests/fixtures/names.yaml`, 'utf8')) as {
  degrees: Array<[string, string, string | null]>;
  certifications: Array<[string, string | null]>;
};

/** Share of names read as expected, on the tuning (even) or held-out (odd) positions. */
export function nameAccuracy(part: 'tune' | 'heldout') {
  const pick = <T>(list: T[]) => list.filter((_, i) => (i % 2 === 0) === (part === 'tune'));
  const misses: string[] = [];
  let right = 0;
  const degrees = pick(corpus.degrees);
  for (const [text, level, field] of degrees) {
    const parsed = parseDegree(text);
    const gotField = parsed.field ? matchField(parsed.field).field : null;
    if (parsed.level === level && gotField === field) right += 1;
    else misses.push(`degree "${text}": expected ${level}/${field}, got ${parsed.level}/${gotField}`);
  }
  const certs = pick(corpus.certifications);
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
});
