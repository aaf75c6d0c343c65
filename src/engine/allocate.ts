import type { Facts } from '../facts/facts.ts';
import type { Path } from '../rules/schema.ts';
import { candidates, isEnumerated, type Candidate } from './candidates.ts';
import { FlowGraph } from './flow.ts';
import { solveNetwork } from './network.ts';
import type { Allocation, Credit, Shortfall } from './types.ts';

/** Months a certification weighs in `coverage`, so a missing credential counts like a missing year. */
export const CERTIFICATION_WEIGHT = 12;
const EPS = 1e-9;

/** Finds an assignment of the profile's assets to the path's requirements that meets them all,
 * whenever one exists, using each asset once (READING.md §1). Returns the cheapest qualifying
 * assignment, or else the one that covers most of the demand. */
export function allocate(path: Path, facts: Facts): Allocation {
  const subs = path.substitutions.filter((s) => facts.reading === 'generous' || !s.discretionary);
  const flowSubs = subs.filter((s) => !isEnumerated(s));
  const totalDemand = path.requirements.reduce((sum, r) => sum + (r.kind === 'certification' ? r.count * CERTIFICATION_WEIGHT : r.months), 0);
  let best: Allocation | null = null;
  for (const candidate of candidates(path, subs, facts.certifications.length)) {
    if (!fitsRoom(path, candidate)) continue;
    const certs = matchCertifications(path, facts, candidate);
    const net = solveNetwork(path, facts, flowSubs, candidate);
    const feasible = certs.shortfalls.length === 0 && net.flow >= net.demand - EPS;
    const substituted = new Map(net.substituted);
    for (const c of certs.credits) if (c.via) substituted.set(c.via, (substituted.get(c.via) ?? 0) + c.months);
    const allocation: Allocation = {
      feasible,
      coverage: totalDemand === 0 ? 1 : Math.min(1, (net.flow + certs.covered) / totalDemand),
      credits: [...net.credits, ...certs.credits],
      shortfalls: [...net.shortfalls, ...certs.shortfalls],
      substituted,
      uncertainUsed: new Set([...net.uncertainUsed, ...certs.uncertainUsed]),
    };
    if (feasible) return allocation;
    if (!best || allocation.coverage > best.coverage + EPS) best = allocation;
  }
  return best ?? emptyAllocation(path);
}

function emptyAllocation(path: Path): Allocation {
  const shortfalls = path.requirements.map((r) => ({ requirement: r.id, amount: r.kind === 'certification' ? r.count : r.months }));
  return { feasible: false, coverage: 0, credits: [], shortfalls, substituted: new Map(), uncertainUsed: new Set() };
}

/** Deliveries into a requirement may not exceed what substitutions are allowed to replace. */
function fitsRoom(path: Path, candidate: Candidate): boolean {
  const into = new Map<string, number>();
  for (const d of candidate.deliveries) into.set(d.target, (into.get(d.target) ?? 0) + d.months);
  return path.requirements.every((r) => {
    const months = into.get(r.id) ?? 0;
    if (r.kind === 'experience') return months <= r.months - Math.max(r.minimumActualMonths, r.including.reduce((s, p) => s + p.months, 0)) + EPS;
    return r.kind === 'education' ? months <= r.months + EPS : months === 0;
  });
}

interface CertMatch {
  credits: Credit[];
  shortfalls: Shortfall[];
  /** Months of demand the matched certifications cover, for coverage. */
  covered: number;
  uncertainUsed: Set<string>;
}

/** Bipartite matching of current certifications to the uses that need one each: certification
 * requirements, and the credentials a candidate gives to certification substitutions. */
function matchCertifications(path: Path, facts: Facts, candidate: Candidate): CertMatch {
  const uses: Array<{ requirement: string; via?: string; categories: readonly string[]; count: number; monthsEach: number }> = [];
  for (const r of path.requirements) {
    if (r.kind === 'certification') uses.push({ requirement: r.id, categories: r.categories, count: r.count, monthsEach: CERTIFICATION_WEIGHT });
  }
  for (const d of candidate.deliveries) {
    if (d.sub.from.kind === 'certification') uses.push({ requirement: d.target, via: d.sub.id, categories: d.sub.from.categories, count: d.units, monthsEach: d.months / d.units });
  }
  const result: CertMatch = { credits: [], shortfalls: [], covered: 0, uncertainUsed: new Set() };
  if (uses.length === 0) return result;
  const g = new FlowGraph();
  const source = g.node();
  const sink = g.node();
  const useNodes = uses.map((u) => {
    const node = g.node();
    return { node, edge: g.edge(node, sink, u.count) };
  });
  const uncertainEdges: number[] = [];
  const tracked: Array<{ edge: number; use: number; cert: number }> = [];
  facts.certifications.forEach((fact, c) => {
    const node = g.node();
    g.edge(source, node, 1);
    uses.forEach((use, u) => {
      if (!use.categories.some((cat) => fact.categories.has(cat as never))) return;
      const edge = g.edge(node, useNodes[u]!.node, fact.uncertain ? 0 : 1);
      if (fact.uncertain) uncertainEdges.push(edge);
      tracked.push({ edge, use: u, cert: c });
    });
  });
  g.maxFlow(source, sink);
  for (const edge of uncertainEdges) g.open(edge, 1); // lean on recognised certifications first
  g.maxFlow(source, sink);
  for (const t of tracked) {
    if (g.flow[t.edge]! < 0.5) continue;
    const use = uses[t.use]!;
    const fact = facts.certifications[t.cert]!;
    result.credits.push({ requirement: use.requirement, ...(use.via ? { via: use.via } : {}), source: { kind: 'certification', index: fact.cert.index }, months: use.via ? use.monthsEach : 1 });
    result.covered += use.monthsEach;
    if (fact.uncertain) result.uncertainUsed.add(`certification:${fact.cert.index}`);
  }
  uses.forEach((use, u) => {
    const missing = use.count - Math.round(g.flow[useNodes[u]!.edge]!);
    if (missing <= 0) return;
    // A credential missing from a substitution leaves its months missing from the target requirement.
    result.shortfalls.push({ requirement: use.requirement, amount: use.via ? missing * use.monthsEach : missing });
  });
  return result;
}
