import { matchesFields } from '../facts/education.ts';
import type { Facts } from '../facts/facts.ts';
import { jobFits, windowStartOf as windowStart } from './months.ts';
import type { Path, Substitution } from '../rules/schema.ts';
import type { FieldFamily } from '../vocab/ids.ts';
import type { Candidate } from './candidates.ts';
import { FlowGraph } from './flow.ts';
import type { Credit, Shortfall, SourceRef } from './types.ts';

/** The continuous part of one candidate allocation as a flow network:
 *   source → segment (1 FTE a month) → job in that segment → use → sink
 *   source → education layer → use → sink
 * A use is a requirement (or an "of which" part) or a substitution drawing on that asset. Edges
 * open in phases so the flow leans on certain assets and stated substitutions first, and only
 * then on uncertain assets and discretionary clauses (READING.md §1). */

type Use = {
  node: number;
  requirement: string;
  part?: string;
  via?: string;
} & (
  | { draws: 'experience'; categories: readonly string[]; supervisory?: boolean | undefined; windowStart: number }
  | { draws: 'education'; fields?: readonly FieldFamily[] | undefined; beyond: number }
);

export interface NetworkResult {
  flow: number;
  demand: number;
  credits: Credit[];
  shortfalls: Shortfall[];
  uncertainUsed: Set<string>;
  substituted: Map<string, number>;
}

const EPS = 1e-9;
/** 0 certain assets, 1 stated substitutions, 2 uncertain assets, 3 discretionary clauses. */
const PHASES = 4;


function sourceUse(facts: Facts, sub: Substitution, node: number, requirement: string): Use {
  const base = { node, requirement, via: sub.id };
  if (sub.from.kind === 'experience') {
    return { ...base, draws: 'experience', categories: sub.from.categories, supervisory: sub.from.supervisory, windowStart: windowStart(facts, sub.from.withinYears) };
  }
  if (sub.from.kind === 'education') return { ...base, draws: 'education', fields: sub.from.fields, beyond: sub.from.beyondMonths };
  throw new Error(`substitution ${sub.id} draws on certifications, which are matched, not flowed`);
}

export function solveNetwork(path: Path, facts: Facts, flowSubs: readonly Substitution[], candidate: Candidate): NetworkResult {
  const g = new FlowGraph();
  const source = g.node();
  const sink = g.node();
  const staged: Array<{ edge: number; cap: number; phase: number }> = [];
  const tracked: Array<{ edge: number; use: Use; source: SourceRef; uncertain: string | null }> = [];
  const sinks: Array<{ edge: number; demand: number; requirement: string; part?: string }> = [];
  const uses: Use[] = [];
  const stage = (from: number, to: number, cap: number, phase: number): number => {
    const edge = g.edge(from, to, phase === 0 ? cap : 0);
    if (phase > 0) staged.push({ edge, cap, phase });
    return edge;
  };
  const demand = (node: number, months: number, requirement: string, part?: string): void => {
    if (months > EPS) sinks.push({ edge: g.edge(node, sink, months), demand: months, requirement, ...(part ? { part } : {}) });
  };

  const delivered = new Map<string, number>();
  for (const d of candidate.deliveries) delivered.set(d.target, (delivered.get(d.target) ?? 0) + d.months);

  const substituteInto = new Map<string, number>(); // requirement id → the node substitutions feed
  for (const r of path.requirements) {
    const already = delivered.get(r.id) ?? 0;
    if (r.kind === 'experience') {
      const partMonths = r.including.reduce((sum, p) => sum + p.months, 0);
      const general = g.node();
      demand(general, r.months - partMonths - already, r.id);
      uses.push({ node: general, requirement: r.id, draws: 'experience', categories: r.categories, supervisory: r.supervisory, windowStart: windowStart(facts, r.withinYears) });
      for (const p of r.including) {
        const node = g.node();
        demand(node, p.months, r.id, p.id);
        uses.push({
          node, requirement: r.id, part: p.id, draws: 'experience',
          categories: [...r.categories, ...p.categories],
          supervisory: r.supervisory || p.supervisory,
          windowStart: Math.max(windowStart(facts, r.withinYears), windowStart(facts, p.withinYears)),
        });
      }
      // Substitutions replace only the general part, and never the floor of actual months.
      const into = g.node();
      g.edge(into, general, Math.max(0, r.months - Math.max(r.minimumActualMonths, partMonths) - already));
      substituteInto.set(r.id, into);
    } else if (r.kind === 'education') {
      const node = g.node();
      demand(node, r.months - already, r.id);
      uses.push({ node, requirement: r.id, draws: 'education', fields: r.fields, beyond: 0 });
      substituteInto.set(r.id, node);
    }
  }
  // A stepped substitution's whole steps are fixed by the candidate: its source must supply them.
  for (const d of candidate.deliveries) {
    if (d.sub.from.kind === 'certification') continue;
    const node = g.node();
    demand(node, d.units, d.target);
    uses.push(sourceUse(facts, d.sub, node, d.target));
  }
  // A month-for-month substitution is left to the flow, within its cap.
  for (const sub of flowSubs) {
    const inNode = g.node();
    const outNode = g.node();
    stage(inNode, outNode, sub.maxMonths ?? Infinity, sub.discretionary ? 3 : 1);
    for (const target of sub.to) g.edge(outNode, substituteInto.get(target)!, Infinity);
    uses.push(sourceUse(facts, sub, inNode, sub.to.join(' or ')));
  }

  addExperience(g, facts, uses, source, stage, tracked);
  addEducation(g, facts, uses, source, stage, tracked);

  let flow = g.maxFlow(source, sink);
  for (let phase = 1; phase < PHASES; phase++) {
    for (const s of staged) if (s.phase === phase) g.open(s.edge, s.cap);
    flow += g.maxFlow(source, sink);
  }

  const credits: Credit[] = [];
  const uncertainUsed = new Set<string>();
  const substituted = new Map<string, number>();
  for (const t of tracked) {
    const months = g.flow[t.edge]!;
    if (months <= EPS) continue;
    const { requirement, part, via } = t.use;
    credits.push({ requirement, ...(part ? { part } : {}), ...(via ? { via } : {}), source: t.source, months });
    if (t.uncertain) uncertainUsed.add(t.uncertain);
    if (via) substituted.set(via, (substituted.get(via) ?? 0) + months);
  }
  const shortfalls = sinks
    .map((s) => ({ requirement: s.requirement, ...(s.part ? { part: s.part } : {}), amount: s.demand - g.flow[s.edge]! }))
    .filter((s) => s.amount > EPS);
  return { flow, demand: sinks.reduce((sum, s) => sum + s.demand, 0), credits, shortfalls, uncertainUsed, substituted };
}

type Stage = (from: number, to: number, cap: number, phase: number) => number;
type Tracked = Array<{ edge: number; use: Use; source: SourceRef; uncertain: string | null }>;

/** source → segment (one FTE a month at most) → job in the segment (its FTE) → the uses it fits. */
function addExperience(g: FlowGraph, facts: Facts, uses: readonly Use[], source: number, stage: Stage, tracked: Tracked): void {
  for (const segment of facts.segments) {
    const segNode = g.node();
    g.edge(source, segNode, segment.months);
    segment.fte.forEach((fte, j) => {
      const job = facts.jobs[j]!;
      if (fte <= 0) return;
      let jobNode = -1;
      for (const use of uses) {
        if (use.draws !== 'experience' || segment.start < use.windowStart || !jobFits(job, use)) continue;
        if (jobNode < 0) {
          jobNode = g.node();
          g.edge(segNode, jobNode, segment.months * fte);
        }
        const edge = stage(jobNode, use.node, Infinity, job.uncertain ? 2 : 0);
        tracked.push({ edge, use, source: { kind: 'job', index: job.job.index }, uncertain: job.uncertain ? `job:${job.job.index}` : null });
      }
    });
  }
}

/** source → layer of education months (cut where a degree, or a "beyond" threshold, ends) → uses. */
function addEducation(g: FlowGraph, facts: Facts, uses: readonly Use[], source: number, stage: Stage, tracked: Tracked): void {
  const educationUses = uses.filter((u): u is Use & { draws: 'education' } => u.draws === 'education');
  if (facts.education.length === 0 || educationUses.length === 0) return;
  const cuts = [...new Set([0, ...facts.education.map((s) => s.months), ...educationUses.map((u) => u.beyond)])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    const covering = facts.education.filter((s) => s.months >= to);
    if (covering.length === 0) break;
    const layer = g.node();
    g.edge(source, layer, to - from);
    for (const use of educationUses) {
      if (from < use.beyond) continue;
      // Prefer a certain source to explain the layer; an uncertain one opens only in its phase.
      const best = covering.filter((s) => matchesFields(s, use.fields)).sort((a, b) => Number(a.uncertain) - Number(b.uncertain))[0];
      if (!best) continue;
      const edge = stage(layer, use.node, Infinity, best.uncertain ? 2 : 0);
      const ref = best.degree ? `education:${best.degree.index}` : 'education:credits';
      tracked.push({ edge, use, source: { kind: 'education', label: best.label, degreeIndex: best.degree?.index ?? null }, uncertain: best.uncertain ? ref : null });
    }
  }
}
