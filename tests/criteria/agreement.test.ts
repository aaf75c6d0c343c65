import { describe, expect, it } from 'vitest';
import { assessCriteria } from '../../src/criteria/evidence.ts';
import { agreement, labelled, summary } from './agreement.ts';
import { councilCriteria } from './council.ts';

/** The labelled statements (tests/fixtures/statements/README.md): the held-out half is never used
 * to tune the matcher; the tuning half and the first twelve are. */
describe.each([
  ['held-out.yaml', 0.95],
  ['tuning.yaml', 0.95],
  ['council.yaml', 0.9],
])('evidence against the hand labels of %s', (file, threshold) => {
  const statements = labelled(file);
  const result = agreement(statements, councilCriteria, assessCriteria);

  it(`agrees on at least ${threshold * 100}% of criterion-level decisions`, () => {
    if (result.agree / result.total < threshold) console.log(summary(result));
    expect(result.agree / result.total).toBeGreaterThanOrEqual(threshold);
  });

  it('finds no evidence at all in negated mentions', () => {
    expect(result.negatedEvidence).toEqual([]);
  });
});
