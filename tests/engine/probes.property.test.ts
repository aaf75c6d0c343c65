import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CertificationFact } from '../../src/facts/certifications.ts';
import type { Facts } from '../../src/facts/facts.ts';
import { activeSubstitutions, allocate, qualifies, relaxedFlow } from '../../src/engine/allocate.ts';
import { gapFilters } from '../../src/engine/gaps.ts';
import { AllocationNetwork, type Probe } from '../../src/engine/network.ts';
import { bruteForce, toFacts, worldArb } from '../helpers/worlds.ts';

/* The shortcuts gap finding takes, checked on small random rules and profiles: the yes-or-no solve
 * answers as the full allocation and the exhaustive search do, and an addition whose supply, added
 * to the relaxed maximum flow, gains less than that flow lacks never qualifies when tried in full. */

type Addition = { kind: 'study'; months: number; computing: boolean } | { kind: 'certificate'; categories: string[] } | { kind: 'degree' };

const additionArb: fc.Arbitrary<Addition> = fc.oneof(
  fc.record({ kind: fc.constant('study' as const), months: fc.integer({ min: 1, max: 4 }), computing: fc.boolean() }),
  fc.record({ kind: fc.constant('certificate' as const), categories: fc.subarray(['it', 'system-specific'], { minLength: 1 }) }),
  fc.record({ kind: fc.constant('degree' as const) }),
);

function withAddition(facts: Facts, a: Addition): Facts {
  if (a.kind === 'study') return { ...facts, education: [...facts.education, { months: a.months, ids: a.computing ? ['computing'] : [], asset: { kind: 'degree', index: -1 }, uncertain: false, label: 'study' }] };
  if (a.kind === 'degree') return { ...facts, held: [...facts.held, { rank: 1, uncertain: false, degree: { index: -1, level: 'bachelor', levelText: 'degree', fieldText: null, field: null, fieldIds: [], unevaluatedForeign: false, credits: [] } }] };
  const cert: CertificationFact = { cert: { index: -1, name: 'new', match: null, issued: null, expires: null }, categories: new Set(a.categories), uncertain: false };
  return { ...facts, certifications: [...facts.certifications, cert] };
}

describe('gap finding shortcuts', () => {
  it('answer whether a path is met as the full allocation and the exhaustive search do', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const facts = toFacts(w);
        const met = qualifies(w.path, facts);
        expect(met).toBe(allocate(w.path, facts).feasible);
        expect(met).toBe(bruteForce(w));
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('rule out only additions that would not qualify', () => {
    let ruledOut = 0;
    fc.assert(
      fc.property(worldArb.filter((w) => w.reading === 'strict'), additionArb, (w, addition) => {
        const facts = toFacts(w);
        const network = new AllocationNetwork(w.path, facts, activeSubstitutions(w.path, facts), gapFilters(w.path));
        const relaxed = relaxedFlow(facts, network);
        const shortfall = relaxed.demand - relaxed.flow;
        const cert = w.path.substitutions.filter((s) => s.from.kind === 'certification' && s.from.categories.some((c) => addition.kind === 'certificate' && addition.categories.includes(c)));
        const credential = w.path.requirements.find((r) => r.kind === 'credential');
        const probe: Probe | null =
          addition.kind === 'study' ? { study: addition.computing ? ['computing'] : [], months: addition.months }
          : addition.kind === 'certificate' ? { certificate: cert.map((s) => ({ substitution: s.id, months: s.monthsEach ?? 0, most: s.maxMonths ?? Infinity })) }
          : credential ? { credential: credential.id, months: credential.kind === 'credential' ? (credential.months ?? 0) : 0 }
          : null;
        const gain = probe ? network.probeGain(relaxed.snapshot, probe) : 0;
        if (shortfall > 1e-9 && gain < shortfall - 1e-9) {
          ruledOut++;
          expect(qualifies(w.path, withAddition(facts, addition))).toBe(false);
        }
      }),
      { numRuns: 400, seed: 11 },
    );
    expect(ruledOut).toBeGreaterThan(20);
  });
});
