import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeSubstitutions } from '../../src/engine/allocate.ts';
import { candidates } from '../../src/engine/candidates.ts';
import { ClosedForm, closedShape } from '../../src/engine/closed.ts';
import { gapFilters } from '../../src/engine/gaps.ts';
import { AllocationNetwork, type Probe, type Setting } from '../../src/engine/network.ts';
import type { Facts } from '../../src/facts/facts.ts';
import type { Path } from '../../src/rules/schema.ts';
import { toFacts, worldArb } from '../helpers/worlds.ts';

/* The closed form answers every yes-or-no question the network would, with the same totals: the
 * maximum flow, the demand and what an extra supply carries, for every candidate, relaxed or not
 * (and the flow weighed like coverage where no whole steps or blocks are fixed), and the gain of every probe
 * gap finding makes. Random rules and profiles, some with jobs held at
 * the same time in part, some with recency windows. */

// Recency windows of 8, 8¼ and 9 years start among the jobs of a world (all about 8 years back).
const variantArb = fc.record({ concurrent: fc.boolean(), ftes: fc.array(fc.constantFrom(0.25, 0.5, 1), { minLength: 2, maxLength: 2 }), within: fc.option(fc.constantFrom(8, 8.25, 9), { nil: undefined }) });

// Credit hours (semester or quarter, in computing or any field, with an "of which" part in computing)
// and training hours, with pieces of each in computing or not.
const hoursArb = fc.record({
  credits: fc.option(fc.record({ hours: fc.integer({ min: 1, max: 3 }), quarter: fc.boolean(), computing: fc.boolean(), part: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }), { nil: undefined }),
  training: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
  pieces: fc.array(fc.record({ pool: fc.constantFrom<'credits' | 'training'>('credits', 'training'), hours: fc.integer({ min: 1, max: 3 }), computing: fc.boolean() }), { maxLength: 3 }),
});

const clause = 'a clause of the specification';
const computing = (yes: boolean) => (yes ? { fields: ['computing'] } : {});

type Hours = typeof hoursArb extends fc.Arbitrary<infer T> ? T : never;

function withHours(path: Path, h: Hours): Path {
  const requirements = [...path.requirements];
  if (h.credits) {
    const { hours, quarter, part } = h.credits;
    const including = part && part <= hours ? [{ id: 'cr-part', label: 'part', hours: part, fields: ['computing'], exclude: [], clause }] : [];
    requirements.push({ kind: 'credits', id: 'cr', label: 'credits', hours, system: quarter ? 'quarter' : 'semester', ...computing(h.credits.computing), exclude: [], including, clause });
  }
  if (h.training) requirements.push({ kind: 'training', id: 'tr', label: 'training', hours: h.training, exclude: [], clause });
  return { ...path, requirements };
}

const worlds = fc.tuple(worldArb, variantArb, hoursArb).map(([w, { concurrent, ftes, within }, h]) => {
  const windowed = within === undefined ? w.path : { ...w.path, requirements: w.path.requirements.map((r) => (r.kind === 'experience' ? { ...r, withinYears: within } : r)) };
  const path = withHours(windowed, h);
  const base = toFacts({ ...w, path });
  const pieces = h.pieces.map((p, i) => ({ pool: p.pool, hours: p.hours, subject: null, ids: new Set(p.computing ? ['computing'] : []), asset: { kind: p.pool, index: 10 + i }, uncertain: false, label: 'hours' }));
  const facts = { ...base, hours: [...base.hours, ...pieces] };
  // Or every job held at once, each at a share of full time.
  if (!concurrent || facts.jobs.length < 2) return { w: { ...w, path }, facts };
  const segment = { start: facts.segments[0]!.start, months: Math.max(...facts.segments.map((s) => s.months)), fte: ftes };
  return { w: { ...w, path }, facts: { ...facts, segments: [segment] } };
});

const close = (a: number, b: number) => (a === Infinity ? b === Infinity : Math.abs(a - b) < 1e-9);

/** The network (always solved) and the closed form of a world the closed form covers; null otherwise. */
function bothOf({ w, facts }: { w: { path: Path }; facts: Facts }) {
  const subs = activeSubstitutions(w.path, facts);
  const shape = closedShape(w.path, subs);
  if (!shape) return null;
  const filters = gapFilters(w.path);
  return { subs, filters, network: new AllocationNetwork(w.path, facts, subs, filters, false), closed: new ClosedForm(shape, facts, filters) };
}

describe('the closed form', () => {
  it('adds up to what the network solves, for every candidate and extra supply', () => {
    let compared = 0;
    fc.assert(
      fc.property(worlds, ({ w, facts }) => {
        const both = bothOf({ w, facts });
        if (!both) return;
        const { subs, filters, network, closed } = both;
        const settings: Setting[] = [{ candidate: { deliveries: [], cost: 0 }, relaxed: true, certifications: facts.certifications }, ...candidates(w.path, subs, facts).map((candidate) => ({ candidate, relaxed: false }))];
        for (const base of settings) {
          for (const extra of [undefined, ...filters.keys()]) {
            const setting = extra === undefined ? base : { ...base, extra };
            const net = network.solve(setting, false);
            const ours = closed.flows(setting);
            compared++;
            const shown = JSON.stringify({ setting: { ...setting, candidate: setting.candidate.deliveries.map((d) => [d.sub.id, d.target, d.months]) }, ours, net });
            expect([ours.flow, ours.demand, ours.extra].every((x, i) => close(x, [net.flow, net.demand, net.extra][i]!)), shown).toBe(true);
            // Weighed like coverage wherever no whole steps or blocks of hours are fixed in the flow.
            if (setting.relaxed || !setting.candidate.deliveries.some((d) => d.sub.step > 1 || d.sub.rate)) {
              const totals = closed.totals(setting);
              expect(close(totals.weightedFlow, net.weightedFlow) && close(totals.fixedMonths, net.fixedMonths), shown).toBe(true);
            }
          }
        }
      }),
      { numRuns: 400, seed: 20261125 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('gains what the network gains from each probe of gap finding', () => {
    fc.assert(
      fc.property(worlds, fc.integer({ min: 1, max: 4 }), fc.boolean(), ({ w, facts }, months, computing) => {
        const both = bothOf({ w, facts });
        if (!both) return;
        const { subs, filters, network, closed } = both;
        network.solve({ candidate: { deliveries: [], cost: 0 }, relaxed: true, certifications: facts.certifications }, false);
        const snapshot = network.snapshot();
        const probes: Probe[] = [
          ...filters.map((_, extra) => ({ extra })),
          { study: computing ? ['computing'] : [], months },
          ...w.path.requirements.flatMap((r) => (r.kind === 'credential' ? [{ credential: r.id, months: r.months ?? 0 }] : [])),
          { certificate: subs.filter((s) => s.from.kind === 'certification').map((s) => ({ substitution: s.id, months: s.monthsEach ?? 0, most: s.maxMonths ?? Infinity })) },
        ];
        for (const probe of probes) expect(closed.probeGain(probe), JSON.stringify(probe)).toSatisfy((gain: number) => close(gain, network.probeGain(snapshot, probe)));
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });

  it('covers every construct, and leaves to the network a path with too many choices to enumerate', () => {
    const sample = fc.sample(worldArb, { numRuns: 300, seed: 7 });
    for (const w of sample) expect(closedShape(w.path, w.path.substitutions)).not.toBeNull();
    const { path } = sample[0]!;
    const many = { ...path, requirements: Array.from({ length: 11 }, (_, i) => ({ ...path.requirements[0]!, id: `exp-${i}` })), substitutions: [] };
    expect(closedShape(many, [])).toBeNull();
  });
});
