import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/engine/allocate.ts';
import type { Facts } from '../../src/facts/facts.ts';
import type { Allocation } from '../../src/engine/types.ts';
import { toFacts, worldArb } from '../helpers/worlds.ts';

/* The timeline makes one segment of the months a job is held alone at the same credit (timeline.ts).
 * That must change nothing: cut into single months, the same facts are allocated alike, to the
 * credit each asset gives each use, not only the total. Random rules and profiles, each job held
 * alone for one to three months, some at part time. */

/** The facts with every segment of a single job cut into months. */
function cutIntoMonths(facts: Facts): Facts {
  const segments = facts.segments.flatMap((s) =>
    s.fte.filter((f) => f > 0).length === 1 ? Array.from({ length: s.months }, (_, m) => ({ start: s.start + m, months: 1, fte: s.fte })) : [s],
  );
  return { ...facts, segments };
}

/** What an allocation shows, credits totalled per requirement, part, substitution and asset. */
function shown(a: Allocation) {
  const credits = new Map<string, number>();
  for (const c of a.credits) {
    const key = `${c.requirement}|${c.part ?? ''}|${c.via ?? ''}|${c.asset.kind}:${c.asset.index}`;
    credits.set(key, (credits.get(key) ?? 0) + c.amount);
  }
  const rounded = (m: Map<string, number>) => [...m].map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]).sort();
  return { feasible: a.feasible, coverage: a.coverage.toFixed(9), credits: rounded(credits), shortfalls: a.shortfalls.map((s) => [s.requirement, s.part ?? '', s.amount.toFixed(9)]), substituted: rounded(a.substituted), into: rounded(a.into), assumed: [...a.assumed.keys()].sort() };
}

const parts = fc.array(fc.constantFrom(0.5, 1), { minLength: 2, maxLength: 2 });

describe('segments of a job held alone', () => {
  it('allocate alike when cut into single months', () => {
    fc.assert(
      fc.property(worldArb, parts, (w, ftes) => {
        const whole = toFacts(w);
        // Some jobs at part time: each job's segment credits it alone, at its share.
        const facts = { ...whole, segments: whole.segments.map((s) => ({ ...s, fte: s.fte.map((f, j) => f * ftes[j % 2]!) })) };
        expect(shown(allocate(w.path, cutIntoMonths(facts)))).toEqual(shown(allocate(w.path, facts)));
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });
});
