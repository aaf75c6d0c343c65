import { matchesFields } from '../facts/education.ts';
import type { CertificationFact } from '../facts/certifications.ts';
import type { Facts } from '../facts/facts.ts';
import type { Path, Substitution } from '../rules/schema.ts';
import { closeCategories, type ExperienceCategory, type FieldFamily } from '../vocab/ids.ts';
import type { Candidate } from './candidates.ts';
import { FlowGraph } from './flow.ts';
import { jobFits, windowStartOf, type ExperienceFilter } from './months.ts';
import type { Credit, Shortfall, SourceRef } from './types.ts';

/** The continuous part of an allocation as one flow network, built once per path and reading and
 * solved again for each candidate by setting capacities:
 *   source → segment (1 FTE a month) → job in that segment → use → sink
 *   source → education layer → use → sink
 * A use is a requirement (or an "of which" part) or a substitution drawing on that asset. Edges
 * open in phases so that the flow leans on certain assets and stated substitutions first, then
 * on uncertain assets and discretionary clauses (READING.md §1), and on an extra supply last. */

type Use = { node: number; requirement: string; part?: string; via?: string } & (
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
  /** Months the extra supply carried. */
  extra: number;
}

/** How to solve: the candidate's fixed deliveries, or the relaxed problem (every substitution as
 * plain flow, a certification credited to each use it fits: an upper bound); and which extra
 * supply, if any, to open last. */
export interface Setting {
  candidate: Candidate;
  relaxed: boolean;
  extra?: number;
  /** The certifications to count for relaxed certification substitutions (default: the facts'). */
  certifications?: readonly CertificationFact[];
}

const EPS = 1e-9;
/** 0 certain assets, 1 stated substitutions, 2 uncertain assets, 3 discretionary clauses, 4 the extra supply. */
const LAST_PHASE = 4;
const substitutionPhase = (sub: Substitution): number => (sub.discretionary ? 3 : 1);

interface Capacity {
  edge: number;
  phase: number;
  cap: (s: Setting, delivered: Map<string, number>) => number;
}

export class AllocationNetwork {
  private readonly g = new FlowGraph();
  private readonly source = this.g.node();
  private readonly sink = this.g.node();
  private readonly uses: Use[] = [];
  private readonly capacities: Capacity[] = [];
  private readonly sinks: Array<{ edge: number; requirement: string; part?: string }> = [];
  private readonly tracked: Array<{ edge: number; use: Use; source: SourceRef; uncertain: string | null }> = [];
  private readonly extraEdges: number[] = [];

  /** `extras`: filters of the extra supplies that gap finding may open, by index. */
  constructor(path: Path, private readonly facts: Facts, subs: readonly Substitution[], extras: readonly ExperienceFilter[] = []) {
    const into = this.requirements(path);
    for (const sub of subs) this.substitution(sub, into);
    this.experience();
    this.education();
    for (const filter of extras) this.extraSupply(filter);
  }

  private settable(edge: number, phase: number, cap: Capacity['cap']): void {
    this.capacities.push({ edge, phase, cap });
  }

  private demand(node: number, requirement: string, cap: Capacity['cap'], part?: string): void {
    const edge = this.g.edge(node, this.sink, 0);
    this.settable(edge, 0, cap);
    this.sinks.push({ edge, requirement, ...(part ? { part } : {}) });
  }

  /** Requirement nodes; returns, per requirement, the node that substitutions feed. */
  private requirements(path: Path): Map<string, number> {
    const { g, facts } = this;
    const into = new Map<string, number>();
    for (const r of path.requirements) {
      if (r.kind === 'experience') {
        const partMonths = r.including.reduce((sum, p) => sum + p.months, 0);
        const general = g.node();
        this.demand(general, r.id, (s, d) => Math.max(0, r.months - partMonths - (s.relaxed ? 0 : (d.get(r.id) ?? 0))));
        this.uses.push({ node: general, requirement: r.id, draws: 'experience', categories: r.categories, supervisory: r.supervisory, windowStart: windowStartOf(facts, r.withinYears) });
        for (const p of r.including) {
          const node = g.node();
          this.demand(node, r.id, () => p.months, p.id);
          this.uses.push({
            node, requirement: r.id, part: p.id, draws: 'experience',
            categories: [...r.categories, ...p.categories],
            supervisory: r.supervisory || p.supervisory,
            windowStart: Math.max(windowStartOf(facts, r.withinYears), windowStartOf(facts, p.withinYears)),
          });
        }
        // Substitutions replace only the general part, and never the floor of actual months.
        const node = g.node();
        const room = r.months - Math.max(r.minimumActualMonths, partMonths);
        this.settable(g.edge(node, general, 0), 0, (s, d) => Math.max(0, room - (s.relaxed ? 0 : (d.get(r.id) ?? 0))));
        into.set(r.id, node);
      } else if (r.kind === 'education') {
        const node = g.node();
        this.demand(node, r.id, (s, d) => Math.max(0, r.months - (s.relaxed ? 0 : (d.get(r.id) ?? 0))));
        this.uses.push({ node, requirement: r.id, draws: 'education', fields: r.fields, beyond: 0 });
        into.set(r.id, node);
      }
    }
    return into;
  }

  private substitution(sub: Substitution, into: Map<string, number>): void {
    const { g } = this;
    if (sub.from.kind === 'certification') {
      // Relaxed only: each certification fitting the source credits its months, up to the cap.
      const categories = sub.from.categories;
      const count = (certs: readonly CertificationFact[]) => certs.filter((c) => categories.some((cat) => c.categories.has(cat))).length;
      const node = g.node();
      this.settable(g.edge(this.source, node, 0), 0, (s) => (s.relaxed ? Math.min(sub.maxMonths ?? Infinity, count(s.certifications ?? this.facts.certifications) * (sub.monthsEach ?? 0)) : 0));
      for (const target of sub.to) g.edge(node, into.get(target)!, Infinity);
      return;
    }
    // Plain flow within the cap: always for month-for-month, only when relaxed for stepped ones.
    const inNode = g.node();
    const outNode = g.node();
    const stepped = sub.step > 1;
    this.settable(g.edge(inNode, outNode, 0), substitutionPhase(sub), (s) => (!stepped || s.relaxed ? (sub.maxMonths ?? Infinity) : 0));
    for (const target of sub.to) g.edge(outNode, into.get(target)!, Infinity);
    this.uses.push(this.sourceUse(sub, inNode, sub.to.join(' or ')));
    if (!stepped) return;
    // Exact: the candidate fixes whole steps, which the source must supply.
    const fixed = g.node();
    this.demand(fixed, sub.to.join(' or '), (s) => (s.relaxed ? 0 : s.candidate.deliveries.reduce((sum, d) => sum + (d.sub === sub ? d.units : 0), 0)));
    this.uses.push(this.sourceUse(sub, fixed, sub.to.join(' or ')));
  }

  private sourceUse(sub: Substitution, node: number, requirement: string): Use {
    const base = { node, requirement, via: sub.id };
    if (sub.from.kind === 'experience') {
      return { ...base, draws: 'experience', categories: sub.from.categories, supervisory: sub.from.supervisory, windowStart: windowStartOf(this.facts, sub.from.withinYears) };
    }
    if (sub.from.kind === 'education') return { ...base, draws: 'education', fields: sub.from.fields, beyond: sub.from.beyondMonths };
    throw new Error(`substitution ${sub.id}: certifications are matched, not flowed`);
  }

  /** source → segment (one FTE a month at most) → job in the segment (its FTE) → the uses it fits. */
  private experience(): void {
    const { g, facts } = this;
    for (const segment of facts.segments) {
      const segNode = g.node();
      g.edge(this.source, segNode, segment.months);
      segment.fte.forEach((fte, j) => {
        const job = facts.jobs[j]!;
        if (fte <= 0) return;
        let jobNode = -1;
        for (const use of this.uses) {
          if (use.draws !== 'experience' || segment.start < use.windowStart || !jobFits(job, use)) continue;
          if (jobNode < 0) {
            jobNode = g.node();
            g.edge(segNode, jobNode, segment.months * fte);
          }
          const edge = g.edge(jobNode, use.node, job.uncertain ? 0 : Infinity);
          if (job.uncertain) this.settable(edge, 2, () => Infinity);
          this.tracked.push({ edge, use, source: { kind: 'job', index: job.job.index }, uncertain: job.uncertain ? `job:${job.job.index}` : null });
        }
      });
    }
  }

  /** source → layer of education months (cut where a degree, or a "beyond" threshold, ends) → uses. */
  private education(): void {
    const { g, facts } = this;
    const uses = this.uses.filter((u): u is Use & { draws: 'education' } => u.draws === 'education');
    if (facts.education.length === 0 || uses.length === 0) return;
    const cuts = [...new Set([0, ...facts.education.map((s) => s.months), ...uses.map((u) => u.beyond)])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i]!, cuts[i + 1]!];
      const covering = facts.education.filter((s) => s.months >= to);
      if (covering.length === 0) break;
      const layer = g.node();
      g.edge(this.source, layer, to - from);
      for (const use of uses) {
        if (from < use.beyond) continue;
        // Explain the layer by a certain source where there is one; an uncertain one opens in its phase.
        const eligible = covering.filter((s) => matchesFields(s, use.fields));
        const best = eligible.find((s) => !s.uncertain) ?? eligible[0];
        if (!best) continue;
        const edge = g.edge(layer, use.node, best.uncertain ? 0 : Infinity);
        if (best.uncertain) this.settable(edge, 2, () => Infinity);
        const ref = best.degree ? `education:${best.degree.index}` : 'education:credits';
        this.tracked.push({ edge, use, source: { kind: 'education', label: best.label, degreeIndex: best.degree?.index ?? null }, uncertain: best.uncertain ? ref : null });
      }
    }
  }

  /** An unlimited supply of experience fitting the filter, as a job of that kind would bring. */
  private extraSupply(filter: ExperienceFilter): void {
    const { g } = this;
    const supply = g.node();
    const edge = g.edge(this.source, supply, 0);
    const index = this.extraEdges.push(edge) - 1;
    this.settable(edge, LAST_PHASE, (s) => (s.extra === index ? Infinity : 0));
    const job = { categories: closeCategories(filter.categories as ExperienceCategory[]), supervisory: filter.supervisory === true };
    for (const use of this.uses) if (use.draws === 'experience' && jobFits(job, use)) g.edge(supply, use.node, Infinity);
  }

  solve(setting: Setting): NetworkResult {
    const { g } = this;
    const delivered = new Map<string, number>();
    for (const d of setting.candidate.deliveries) delivered.set(d.target, (delivered.get(d.target) ?? 0) + d.months);
    g.reset();
    const caps = this.capacities.map((c) => c.cap(setting, delivered));
    this.capacities.forEach((c, i) => g.open(c.edge, c.phase === 0 ? caps[i]! : 0));
    let flow = g.maxFlow(this.source, this.sink);
    for (let phase = 1; phase <= LAST_PHASE; phase++) {
      this.capacities.forEach((c, i) => c.phase === phase && g.open(c.edge, caps[i]!));
      flow += g.maxFlow(this.source, this.sink);
    }
    return this.read(flow, setting);
  }

  private read(flow: number, setting: Setting): NetworkResult {
    const { g } = this;
    const credits: Credit[] = [];
    const uncertainUsed = new Set<string>();
    const substituted = new Map<string, number>();
    for (const t of this.tracked) {
      const months = g.flow[t.edge]!;
      if (months <= EPS) continue;
      const { requirement, part, via } = t.use;
      credits.push({ requirement, ...(part ? { part } : {}), ...(via ? { via } : {}), source: t.source, months });
      if (t.uncertain) uncertainUsed.add(t.uncertain);
      if (via) substituted.set(via, (substituted.get(via) ?? 0) + months);
    }
    let demand = 0;
    const shortfalls: Shortfall[] = [];
    for (const s of this.sinks) {
      const cap = g.cap[s.edge]!;
      demand += cap;
      const missing = cap - g.flow[s.edge]!;
      if (missing > EPS) shortfalls.push({ requirement: s.requirement, ...(s.part ? { part: s.part } : {}), amount: missing });
    }
    const extra = setting.extra === undefined ? 0 : g.flow[this.extraEdges[setting.extra]!]!;
    return { flow, demand, credits, shortfalls, uncertainUsed, substituted, extra };
  }
}
