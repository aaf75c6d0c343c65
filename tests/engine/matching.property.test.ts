import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pairsOf } from '../../src/engine/allocate.ts';
import type { CertificationFact } from '../../src/facts/certifications.ts';

/* Certifications meet a single use in order, recognised ones first, exactly as the matching network
 * would match them: same certifications, same order. */

const certArb = fc.record({ categories: fc.subarray(['it', 'system-specific', 'advanced']), uncertain: fc.boolean() });

const factOf = ({ categories, uncertain }: { categories: string[]; uncertain: boolean }, index: number): CertificationFact => ({
  cert: { index, name: `c${index}`, match: null, issued: null, expires: null },
  categories: new Set(categories),
  uncertain,
});

describe('matching certifications to one use', () => {
  it('takes what the matching network takes', () => {
    fc.assert(
      fc.property(fc.array(certArb, { maxLength: 7 }), fc.subarray(['it', 'system-specific']), fc.integer({ min: 1, max: 4 }), (certs, categories, count) => {
        const facts = certs.map(factOf);
        const use = { filter: { categories, certifications: [] }, count };
        expect(pairsOf([use], facts, false)).toEqual(pairsOf([use], facts, true));
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });
});
