import { certificationFits, countFitting, type CertificationFact } from '../facts/certifications.ts';
import type { Facts } from '../facts/facts.ts';
import type { Path, Substitution } from '../rules/schema.ts';
import { candidates, type Candidate } from './candidates.ts';
import { ClosedForm, closedShape } from './closed.ts';
import { FlowGraph } from './flow.ts';
import { attached, once } from './once.ts';
import { AllocationNetwork, type Setting, type Snapshot } from './network.ts';
import { HOUR_WEIGHT } from './supplies.ts';
import { isRefused } from './resolve.ts';
import { assumptionKey, type Allocation, type Assumption, type Credit, type Shortfall } from './types.ts';

/** Months a certification weighs in `coverage`, so a missing credential counts like a missing year. */
export const CERTIFICATION_WEIGHT = 12;
const EPS = 1e-9;

const NO_DELIVERIES: Candidate = { deliveries: [], cost: 0 };

const stated = once((path: Path) => path.substitutions.filter((s) => !s.discretionary));
/** The substitutions a reading applies: discretionary clauses in the generous reading only. */
export const activeSubstitutions = (path: Path, facts: Facts): readonly Substitution[] => (facts.reading === 'generous' ? path.substitutions : stated(path));

/** Finds an assignment of the profile's assets to the path's requirements that meets them all,
 * whenever one exists, using each asset once. Returns the cheapest qualifying assignment, or else
 * the one that covers most of the demand. `coverage` is that of the relaxed problem (every
 * substitution as plain flow), which only grows as the profile gains assets. Candidates are tried
 * by their totals alone; only the one returned is read in full. */
export function allocate(path: Path, facts: Facts, network = new AllocationNetwork(path, facts, activeSubstitutions(path, facts))): Allocation {
  // Most profiles qualify, if at all, without an enumerated substitution: try that first.
  const plain = solveCandidate(path, facts, network, { candidate: NO_DELIVERIES, relaxed: false });
  if (plain.feasible) return plain.read(1);
  const plainFlow = network.snapshot();
  const bound = relaxedBound(path, facts, network);
  let best = plain;
  let last: typeof plain | null = null;
  // Where the closed form covers the path, candidates are compared by its totals, and only the one
  // returned is solved.
  const byTotals = network.comparesByTotals;
  if (bound.feasible) {
    for (const candidate of candidates(path, activeSubstitutions(path, facts), facts)) {
      if (candidate.deliveries.length === 0) continue;
      const tried = (last = solveCandidate(path, facts, network, { candidate, relaxed: false }, byTotals));
      if (tried.feasible) return (byTotals ? solveCandidate(path, facts, network, tried.setting) : tried).read(1);
      if (tried.exact > best.exact + EPS) best = tried;
    }
  }
  // The network holds the flow of the last solve: plain's is put back, another candidate's solved again.
  if (best === plain) network.restore(plainFlow);
  return (best === plain || (best === last && !byTotals) ? best : solveCandidate(path, facts, network, best.setting)).read(bound.coverage);
}

/** Whether the path is met: `allocate`'s answer without reading any allocation. */
export function qualifies(path: Path, facts: Facts, network?: Totals): boolean {
  if (!requisitesMet(path, facts)) return false;
  network ??= totalsFor(path, facts);
  if (!relaxedBound(path, facts, network).feasible) return false;
  // The relaxed problem's flow bounds every candidate's: plain (no deliveries) is among them.
  return candidates(path, activeSubstitutions(path, facts), facts).some((candidate) => meets(path, facts, network, { candidate, relaxed: false }) !== null);
}

/** What a yes-or-no question asks of a network: a solve's totals. */
type Totals = Pick<AllocationNetwork, 'flows' | 'totals'>;

/** The closed form alone where it covers the path (no network is built), else the network. */
function totalsFor(path: Path, facts: Facts): Totals {
  const subs = activeSubstitutions(path, facts);
  const shape = closedShape(path, subs);
  return shape ? new ClosedForm(shape, facts, []) : new AllocationNetwork(path, facts, subs);
}

/** Whether a candidate meets the path, solved for its totals only (unphased); null if it does not,
 * else the months of extra supply it used. Certifications and conditions are checked first: a
 * candidate they rule out needs no solve. */
function meets(path: Path, facts: Facts, network: Totals, setting: Setting): number | null {
  if (!enoughCertifications(path, facts, setting.candidate) || !certificationsMatch(path, facts, setting.candidate) || conditions(path, facts).shortfalls.length > 0) return null;
  const net = network.flows(setting);
  return net.flow >= net.demand - EPS ? net.extra : null;
}

/** The relaxed problem's maximum flow, kept for gap finding to add to: an addition that cannot
 * raise it by what it lacks of the demand cannot make the path met. */
export interface RelaxedFlow {
  flow: number;
  demand: number;
  /** Where the network's own probes start (none where the closed form answers them). */
  snapshot: Snapshot | null;
}

export function relaxedFlow(facts: Facts, network: AllocationNetwork): RelaxedFlow {
  const net = network.totals({ candidate: NO_DELIVERIES, relaxed: true, certifications: facts.certifications });
  return { flow: net.flow, demand: net.demand, snapshot: network.probeStart() };
}

/** The fewest months of the network's extra supply `extra` (experience of a gap-finding filter)
 * that would make the path met; null when no amount would (another requirement stands in the
 * way). Its bound is found by adding the extra supply to the relaxed flow rather than solving again. */
export function fewestExtraMonths(path: Path, facts: Facts, shared: { network: AllocationNetwork; extra: number; relaxed: RelaxedFlow }): number | null {
  const subs = activeSubstitutions(path, facts);
  const { network, extra } = shared;
  const bound = relaxedWithExtra(path, facts, shared);
  if (!bound.feasible) return null;
  let fewest = Infinity;
  for (const candidate of candidates(path, subs, facts)) {
    const extraUsed = meets(path, facts, network, { candidate, relaxed: false, extra });
    if (extraUsed !== null) fewest = Math.min(fewest, extraUsed);
    if (fewest <= bound.extra + EPS) break; // the relaxed problem's need is a lower bound
  }
  return fewest === Infinity ? null : fewest;
}

/** `relaxedBound` with the extra supply open, from the relaxed flow without it: the extra carries
 * exactly what the flow gains once it opens. */
function relaxedWithExtra(path: Path, facts: Facts, { network, extra, relaxed }: { network: AllocationNetwork; extra: number; relaxed: RelaxedFlow }) {
  if (!requisitesMet(path, facts)) return { feasible: false, extra: 0 };
  const gain = network.probeGain(relaxed.snapshot, { extra });
  return { feasible: relaxed.flow + gain >= relaxed.demand - EPS, extra: gain };
}

/** The certification requirements can be matched and no condition is unmet: without them no
 * candidate meets the path, whatever the flow. */
const requisitesMet = (path: Path, facts: Facts): boolean => certificationsMatch(path, facts, NO_DELIVERIES) && conditions(path, facts).shortfalls.length === 0;

const conditionsOf = once((path: Path) => path.requirements.filter((r) => r.kind === 'condition'));
const NO_CONDITIONS: { shortfalls: Shortfall[]; assumed: Assumption[] } = { shortfalls: [], assumed: [] };

/** Conditions only a person can decide: assumed met in the generous reading, unmet in the strict;
 * one a reviewer refused is unmet in both. */
function conditions(path: Path, facts: Facts): { shortfalls: Shortfall[]; assumed: Assumption[] } {
  const all = conditionsOf(path);
  if (all.length === 0) return NO_CONDITIONS;
  // Pushed into literals, as the facts' lists are (facts.ts): one hidden class, empty or not.
  const result: { shortfalls: Shortfall[]; assumed: Assumption[] } = { shortfalls: [], assumed: [] };
  for (const r of all) {
    if (facts.reading === 'strict' || isRefused(r)) result.shortfalls.push({ requirement: r.id, part: undefined, amount: 1 });
    else result.assumed.push({ kind: 'condition', requirement: r.id });
  }
  return result;
}

/** The path's whole demand in months, an hour of credit or training weighing as a month of study
 * and a certification as a year: what coverage is a share of, the same for every candidate. */
const pathDemand = once((path: Path): number =>
  path.requirements.reduce((sum, r) => {
    switch (r.kind) {
      case 'experience': case 'education': case 'credential': return sum + (r.months ?? 0);
      case 'credits': return sum + r.hours * (r.system === 'quarter' ? 2 / 3 : 1) * HOUR_WEIGHT;
      case 'training': return sum + r.hours * HOUR_WEIGHT;
      case 'certification': return sum + r.count * CERTIFICATION_WEIGHT;
      default: return sum;
    }
  }, 0),
);

/** Every substitution as plain flow, certifications counted for each use they fit: if even this
 * cannot meet the demand, no assignment can. */
function relaxedBound(path: Path, facts: Facts, network: Totals) {
  const net = network.totals({ candidate: NO_DELIVERIES, relaxed: true, certifications: facts.certifications });
  const certs = matchCertifications(path, facts, NO_DELIVERIES);
  const demand = pathDemand(path);
  return {
    feasible: certs.shortfalls.length === 0 && conditions(path, facts).shortfalls.length === 0 && net.flow >= net.demand - EPS,
    coverage: demand === 0 ? 1 : Math.min(1, (net.weightedFlow + certs.covered) / demand),
  };
}

/** One candidate solved for its totals: whether it qualifies and how much it covers. `read` gives
 * the whole allocation with the coverage it is told, while the network still holds this
 * candidate's flow (never `byTotals`, which only adds up the closed form's totals: the same when
 * the closed form covers the path). Every allocation is built by the one literal there, so the
 * code reading allocations sees a single shape. */
function solveCandidate(path: Path, facts: Facts, network: AllocationNetwork, setting: Setting, byTotals = false) {
  const certs = matchCertifications(path, facts, setting.candidate);
  const net = byTotals ? network.totals(setting) : network.solve(setting);
  const cond = conditions(path, facts);
  const demand = pathDemand(path);
  return {
    setting,
    feasible: certs.shortfalls.length === 0 && cond.shortfalls.length === 0 && net.flow >= net.demand - EPS,
    exact: demand === 0 ? 1 : (net.weightedFlow + net.fixedMonths + certs.covered) / demand,
    read: (coverage: number): Allocation => {
      // The network's result is made afresh for this call: its maps take the certifications' part.
      const full = network.result(setting, net);
      const { substituted, into, assumed } = full;
      for (const c of certs.credits) {
        if (!c.via) continue;
        substituted.set(c.via, (substituted.get(c.via) ?? 0) + c.amount);
        into.set(c.requirement, (into.get(c.requirement) ?? 0) + c.amount);
      }
      for (const [key, a] of certs.assumed) assumed.set(key, a);
      for (const a of cond.assumed) assumed.set(assumptionKey(a), a);
      return {
        feasible: certs.shortfalls.length === 0 && cond.shortfalls.length === 0 && net.flow >= net.demand - EPS,
        coverage,
        credits: [...full.credits, ...certs.credits],
        shortfalls: [...full.shortfalls, ...certs.shortfalls, ...cond.shortfalls],
        substituted,
        into,
        assumed,
      };
    },
  };
}

/** What every matching needs, checked without making one: as many certifications as all uses
 * take together, and as many fitting each use as it takes alone. */
function enoughCertifications(path: Path, facts: Facts, candidate: Candidate): boolean {
  const certs = facts.certifications;
  let wanted = certificationsRequired(path);
  for (const d of candidate.deliveries) {
    if (d.sub.from.kind !== 'certification') continue;
    wanted += d.units;
    if (wanted > certs.length || countFitting(certs, d.sub.from) < d.units) return false;
  }
  return wanted <= certs.length;
}

/** Whether every use of a certification a candidate needs gets its count: `matchCertifications`
 * would leave no shortfall. */
const certificationsMatch = (path: Path, facts: Facts, candidate: Candidate): boolean => everyUseMet(certificationUses(path, candidate), facts.certifications);

/** More uses than this and `everyUseMet` makes the matching instead of counting subsets. */
const MOST_SUBSETS_USES = 8;

/** Whether a matching of certifications to uses can give every use its count. By Hall's theorem it
 * can exactly when every set of uses has at least as many certifications fitting one of them as the
 * set takes together: a few counts answer a yes-or-no question without making the matching. */
export function everyUseMet(uses: readonly CertUse[], certs: readonly CertificationFact[]): boolean {
  if (uses.length === 0) return true;
  if (uses.length > MOST_SUBSETS_USES) return pairsOf(uses, certs).length === uses.reduce((n, u) => n + u.count, 0);
  // Per certification, the uses it fits, as bits, pushed into a literal as lists made per profile
  // are (facts.ts); plain loops, as the sets are many and a closure for each would be garbage.
  const fits: number[] = [];
  for (const c of certs) {
    let mask = 0;
    for (let i = 0; i < uses.length; i++) if (certificationFits(c, uses[i]!.filter)) mask |= 1 << i;
    fits.push(mask);
  }
  for (let set = 1; set < 1 << uses.length; set++) {
    let wanted = 0;
    for (let i = 0; i < uses.length; i++) if (set & (1 << i)) wanted += uses[i]!.count;
    let fitting = 0;
    for (const mask of fits) if (mask & set) fitting++;
    if (fitting < wanted) return false;
  }
  return true;
}

/** The uses of a certification a candidate needs filled: the path's certification requirements and
 * the credentials its certification substitutions deliver, as `matchedCertifications` fills them. */
function certificationUses(path: Path, candidate: Candidate): CertUseOf[] {
  const uses: CertUseOf[] = [];
  for (const r of path.requirements) {
    if (r.kind === 'certification') uses.push({ requirement: r.id, filter: r, count: r.count, monthsEach: CERTIFICATION_WEIGHT });
  }
  for (const d of candidate.deliveries) {
    if (d.sub.from.kind === 'certification') uses.push({ requirement: d.target, via: d.sub.id, filter: d.sub.from, count: d.units, monthsEach: d.months / d.units });
  }
  return uses;
}

const certificationsRequired = once((path: Path): number => path.requirements.reduce((n, r) => n + (r.kind === 'certification' ? r.count : 0), 0));

interface CertMatch {
  credits: Credit[];
  shortfalls: Shortfall[];
  /** Months of demand the matched certifications cover, for coverage. */
  covered: number;
  assumed: Map<string, Assumption>;
}

/** Kept on the certifications matched: per path, per set of uses. */
const matches = attached<readonly CertificationFact[], Path, Map<string, CertMatch>>('certification matches');

/** Bipartite matching of current certifications to the uses that need one each: certification
 * requirements, and the credentials a candidate gives to certification substitutions. The same
 * certifications and uses always match alike, so each matching is made once. */
function matchCertifications(path: Path, facts: Facts, candidate: Candidate): CertMatch {
  let uses = '';
  for (const d of candidate.deliveries) if (d.sub.from.kind === 'certification') uses += `${d.sub.id}>${d.target}:${d.units}:${d.months};`;
  const byUses = matches(facts.certifications, path, () => new Map());
  let match = byUses.get(uses);
  if (!match) byUses.set(uses, (match = matchedCertifications(path, facts, candidate)));
  return match;
}

function matchedCertifications(path: Path, facts: Facts, candidate: Candidate): CertMatch {
  const uses = certificationUses(path, candidate);
  const result: CertMatch = { credits: [], shortfalls: [], covered: 0, assumed: new Map() };
  if (uses.length === 0) return result;
  const matched = new Array<number>(uses.length).fill(0);
  for (const { use: u, cert } of pairsOf(uses, facts.certifications)) {
    const use = uses[u]!;
    const fact = facts.certifications[cert]!;
    const asset = { kind: 'certification' as const, index: fact.cert.index };
    matched[u]!++;
    result.credits.push({ requirement: use.requirement, part: undefined, via: use.via, asset, amount: use.via ? use.monthsEach : 1 });
    result.covered += use.monthsEach;
    if (fact.uncertain) {
      const a: Assumption = { kind: 'asset', asset };
      result.assumed.set(assumptionKey(a), a);
    }
  }
  uses.forEach((use, u) => {
    const missing = use.count - matched[u]!;
    if (missing <= 0) return;
    // A credential missing from a substitution leaves its months missing from the target requirement.
    result.shortfalls.push({ requirement: use.requirement, part: undefined, amount: use.via ? missing * use.monthsEach : missing });
  });
  return result;
}

export type CertUse = { filter: { categories: readonly string[]; certifications: readonly string[] }; count: number };
/** A use a path or candidate has: the requirement it fills, the substitution it is for, and the months each certification gives it. */
type CertUseOf = CertUse & { requirement: string; via?: string; monthsEach: number };

/** A maximum matching of certifications to uses, each use taking up to its count, recognised
 * certifications first: the pairs, in the order of the certifications and then of the uses. A
 * single use is matched in order without a network (`byFlow: true` solves one anyway, for tests). */
export function pairsOf(uses: readonly CertUse[], certs: readonly CertificationFact[], byFlow = uses.length > 1): Array<{ use: number; cert: number }> {
  // Lists pushed into literals, as the facts' are (facts.ts): one hidden class whatever the profile.
  const pairs: Array<{ use: number; cert: number }> = [];
  if (!byFlow) {
    // One use: the first recognised certifications that fit it, then the first uncertain ones.
    const { filter, count } = uses[0]!;
    let certain = 0;
    for (const c of certs) if (!c.uncertain && certificationFits(c, filter)) certain++;
    const left = { certain: Math.min(count, certain), uncertain: Math.max(0, count - certain) };
    for (let cert = 0; cert < certs.length; cert++) {
      const c = certs[cert]!;
      const kind = c.uncertain ? 'uncertain' : 'certain';
      if (left[kind] === 0 || !certificationFits(c, filter)) continue;
      left[kind]--;
      pairs.push({ use: 0, cert });
    }
    return pairs;
  }
  const g = new FlowGraph();
  const source = g.node();
  const sink = g.node();
  const useNodes: number[] = [];
  for (const u of uses) {
    const node = g.node();
    g.edge(node, sink, u.count);
    useNodes.push(node);
  }
  const uncertainEdges: number[] = [];
  const tracked: Array<{ edge: number; use: number; cert: number }> = [];
  certs.forEach((fact, cert) => {
    const node = g.node();
    g.edge(source, node, 1);
    uses.forEach((use, u) => {
      if (!certificationFits(fact, use.filter)) return;
      const edge = g.edge(node, useNodes[u]!, fact.uncertain ? 0 : 1);
      if (fact.uncertain) uncertainEdges.push(edge);
      tracked.push({ edge, use: u, cert });
    });
  });
  g.maxFlow(source, sink);
  if (uncertainEdges.length > 0) {
    for (const edge of uncertainEdges) g.open(edge, 1); // lean on recognised certifications first
    g.maxFlow(source, sink);
  }
  for (const { edge, use, cert } of tracked) if (g.flow[edge]! >= 0.5) pairs.push({ use, cert });
  return pairs;
}
