import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/engine/allocate.ts';
import { bruteForce, toFacts, worldArb } from '../helpers/worlds.ts';

describe('allocation', () => {
  it('finds a qualifying assignment exactly when an exhaustive search finds one', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        expect(allocate(w.path, toFacts(w)).feasible).toBe(bruteForce(w));
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it('never uses an asset twice: credits from a job never exceed its months', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const allocation = allocate(w.path, toFacts(w));
        w.jobs.forEach((job, i) => {
          const used = allocation.credits.filter((c) => c.asset.kind === 'job' && c.asset.index === i).reduce((s, c) => s + c.amount, 0);
          expect(used).toBeLessThanOrEqual(job.months + 1e-9);
        });
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
