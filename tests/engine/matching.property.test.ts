import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyUseMet, pairsOf } from '../../src/engine/allocate.ts';
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

describe('whether certifications can meet every use', () => {
  it('answers as the matching network does, for any uses and certifications', () => {
    const useArb = fc.record({ categories: fc.subarray(['it', 'system-specific', 'advanced'], { minLength: 1 }), count: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(certArb, { maxLength: 8 }), fc.array(useArb, { minLength: 1, maxLength: 4 }), (certs, picked) => {
        const facts = certs.map(factOf);
        const uses = picked.map(({ categories, count }) => ({ filter: { categories, certifications: [] }, count }));
        const matched = pairsOf(uses, facts, true).length === uses.reduce((n, u) => n + u.count, 0);
        expect(everyUseMet(uses, facts)).toBe(matched);
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});
