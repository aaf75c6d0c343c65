import { matchesFields, type HoursPiece } from '../facts/education.ts';
import { countFitting, type CertificationFact } from '../facts/certifications.ts';
import type { Facts } from '../facts/facts.ts';
import type { HoursFilter, Path, Requirement, Substitution } from '../rules/schema.ts';
import { roomsOf, type Candidate } from './candidates.ts';
import { FlowGraph } from './flow.ts';
import { memo, once } from './once.ts';
import { jobFits, narrowed, windowsStart, type JobFilter } from './months.ts';
import { assumptionKey, type AssetRef, type Assumption, type Credit, type Shortfall } from './types.ts';
import { ClosedForm, closedShape } from './closed.ts';
import { deliveredOf, educationLayers, extraJob, fittingDegree, HOUR_WEIGHT, hoursFitting, unitsOf } from './supplies.ts';

/** The continuous part of an allocation as one flow network, built once per path and reading and
 * solved again for each candidate by setting capacities:
 *   source → segment (1 FTE a month) → job in that segment → use → sink      (months)
 *   source → education layer → use → sink                                    (months)
 *   source → credit or training piece → use → sink                          (hours)
 *   source → held degree → credential → sink                                 (the credential's months)
 * A use is a requirement (or an "of which" part) or a substitution drawing on that asset. Edges
 * open in phases so that the flow leans on certain assets and stated substitutions first, then
 * on uncertain assets and discretionary clauses, and on an extra supply last. */

/** `fixed`: the use draws the whole units a candidate fixed for an enumerated substitution. */
type Use = { node: number; requirement: string; part?: string; via?: string; fixed?: boolean } & (
  | { draws: 'experience'; filter: JobFilter; within: readonly (number | undefined)[] }
  | { draws: 'education'; fields?: readonly string[] | undefined; beyond: number }
  | { draws: 'hours'; pool: HoursPiece['pool']; filter: HoursFilter }
);

/** What a solve adds up to, in the network's units. */
export interface FlowTotals {
  flow: number;
  demand: number;
  /** Weighted like coverage: hours count as months of study, a credential as one. */
  weightedFlow: number;
  /** Of the months substitutions put in, those of the candidate's fixed units (whole steps and blocks) really supplied. */
  fixedMonths: number;
  /** Months the extra supply carried. */
  extra: number;
}

/** What a yes-or-no question needs of a solve. */
export type Flows = Pick<FlowTotals, 'flow' | 'demand' | 'extra'>;

export interface NetworkResult extends FlowTotals {
  credits: Credit[];
  shortfalls: Shortfall[];
  assumed: Map<string, Assumption>;
  substituted: Map<string, number>;
  /** Months substitutions put into each requirement, flowed or fixed by the candidate. */
  into: Map<string, number>;
}

/** A flow and its capacities, to start probes from. */
export interface Snapshot {
  flow: readonly number[];
  cap: readonly number[];
}

/** An addition gap finding tries: an extra supply of experience (by index), a held degree, one more
 * certification (the months it adds to each substitution it fits, up to its cap), or study. */
export type Probe =
  | { extra: number }
  | { credential: string; months: number }
  | { certificate: Array<{ substitution: string; months: number; most: number }> }
  | { study: readonly string[]; months: number };

const STUDY = '\0study';

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
  cap: (s: Setting, delivered: ReadonlyMap<string, number>, facts: Facts) => number;
}

type ExperienceUse = Use & { draws: 'experience' };
type EducationUse = Use & { draws: 'education' };
type HoursUse = Use & { draws: 'hours' };
type CredentialRequirement = Extract<Requirement, { kind: 'credential' }>;

/** "degree or experience": what a substitution's uses are named for. */
const targetsOf = once((sub: Substitution) => sub.to.join(' or '));

/** What a path's rule fixes of its network, whatever the profile: the requirement and substitution
 * nodes and edges, the capacities a setting gives them, and the uses the profile's supplies feed.
 * Built once per path and set of substitutions; each network copies its graph and adds the
 * profile's supplies after it. A credential's edge from a held degree is there for every profile,
 * closed where no degree meets it: a closed edge carries nothing, so every solve is the same. */
class Frame {
  readonly g = new FlowGraph();
  readonly source = this.g.node();
  readonly sink = this.g.node();
  readonly uses: Use[] = [];
  readonly capacities: Capacity[] = [];
  readonly sinks: Array<{ edge: number; requirement: string; part?: string; weight: number }> = [];
  readonly feeds: Array<{ edge: number; target: string }> = [];
  /** Sinks of the units a candidate fixed, per enumerated substitution drawing on the flow. */
  readonly fixedSinks: Array<{ edge: number; sub: Substitution }> = [];
  /** Per credential requirement, the edge a held degree meeting it supplies (closed when none does),
   * and that capacity when open. */
  readonly degrees: Array<{ edge: number; r: CredentialRequirement; cap: Capacity['cap'] }> = [];
  /** Where gap finding's probes enter (`probeGain`): each credential requirement's node, and each
   * certification substitution's relaxed supply edge. */
  readonly credentialNodes = new Map<string, number>();
  readonly certificateSupply = new Map<string, number>();
  readonly experienceUses: ExperienceUse[];
  readonly educationUses: EducationUse[];
  readonly hoursUses: HoursUse[];
  /** How much each requirement's substitutions may deliver into it. */
  readonly rooms: ReadonlyMap<string, number>;
  /** The closed form's compiled shape of this network, or null where it has none. */
  readonly closedShape: ReturnType<typeof closedShape>;

  constructor(path: Path, subs: readonly Substitution[]) {
    this.rooms = roomsOf(path);
    this.closedShape = closedShape(path, subs);
    const into = new Map<string, number>();
    for (const r of path.requirements) {
      const node = this.requirement(r);
      if (node !== null) into.set(r.id, node);
    }
    for (const sub of subs) this.substitution(sub, into);
    this.experienceUses = this.uses.filter((u): u is ExperienceUse => u.draws === 'experience');
    this.educationUses = this.uses.filter((u): u is EducationUse => u.draws === 'education');
    this.hoursUses = this.uses.filter((u): u is HoursUse => u.draws === 'hours');
  }

  private settable(edge: number, phase: number, cap: Capacity['cap']): void {
    this.capacities.push({ edge, phase, cap });
  }

  private demand(node: number, requirement: string, weight: number, cap: Capacity['cap'], part?: string): number {
    const edge = this.g.edge(node, this.sink, 0);
    this.settable(edge, 0, cap);
    this.sinks.push({ edge, requirement, weight, part });
    return edge;
  }

  /** What substitutions have not already delivered into a requirement by the candidate's choice. */
  private static rest = (id: string, months: number) => (s: Setting, d: ReadonlyMap<string, number>) => Math.max(0, months - (s.relaxed ? 0 : (d.get(id) ?? 0)));

  /** A requirement's nodes; returns the node substitutions feed, if it can be substituted. */
  private requirement(r: Requirement): number | null {
    const { g } = this;
    const rest = Frame.rest;
    switch (r.kind) {
      case 'experience': {
        const partMonths = r.including.reduce((sum, p) => sum + p.months, 0);
        const general = g.node();
        this.demand(general, r.id, 1, rest(r.id, r.months - partMonths));
        this.uses.push({ node: general, requirement: r.id, draws: 'experience', filter: r, within: [r.withinYears] });
        for (const p of r.including) {
          const node = g.node();
          this.demand(node, r.id, 1, () => p.months, p.id);
          this.uses.push({ node, requirement: r.id, part: p.id, draws: 'experience', filter: narrowed(r, p), within: [r.withinYears, p.withinYears] });
        }
        // Substitutions replace only the general part, and never the floor of actual months.
        const node = g.node();
        const room = r.months - Math.max(r.minimumActualMonths, partMonths);
        this.settable(g.edge(node, general, 0), 0, rest(r.id, room));
        return node;
      }
      case 'education': {
        const node = g.node();
        this.demand(node, r.id, 1, rest(r.id, r.months));
        this.uses.push({ node, requirement: r.id, draws: 'education', fields: r.fields, beyond: 0 });
        return node;
      }
      case 'credential': {
        // Held or not: a fitting degree supplies the credential's whole months; substitutions feed the rest.
        const months = r.months ?? 0;
        const node = g.node();
        this.credentialNodes.set(r.id, node);
        this.demand(node, r.id, 1, rest(r.id, months));
        this.degrees.push({ edge: g.edge(this.source, node, 0), r, cap: () => months });
        return node;
      }
      case 'credits':
      case 'training': {
        const pool = r.kind;
        const partHours = r.kind === 'credits' ? r.including.reduce((sum, p) => sum + p.hours, 0) : 0;
        const scale = r.kind === 'credits' && r.system === 'quarter' ? 2 / 3 : 1;
        const general = g.node();
        this.demand(general, r.id, HOUR_WEIGHT, () => (r.hours - partHours) * scale);
        this.uses.push({ node: general, requirement: r.id, draws: 'hours', pool, filter: r });
        for (const p of r.kind === 'credits' ? r.including : []) {
          const node = g.node();
          this.demand(node, r.id, HOUR_WEIGHT, () => p.hours * scale, p.id);
          this.uses.push({ node, requirement: r.id, part: p.id, draws: 'hours', pool, filter: { fields: p.fields ?? r.fields, exclude: [...r.exclude, ...p.exclude] } });
        }
        return null;
      }
      default:
        return null; // certifications are matched, conditions assumed, criteria read from text
    }
  }

  private substitution(sub: Substitution, into: Map<string, number>): void {
    const { g } = this;
    const from = sub.from;
    const feed = (node: number) => sub.to.forEach((target) => this.feeds.push({ edge: g.edge(node, into.get(target)!, Infinity), target }));
    if (from.kind === 'certification' || from.kind === 'credits' || from.kind === 'training') {
      // Relaxed only: an upper bound of what the source could credit, up to the cap.
      const node = g.node();
      const most = (s: Setting, facts: Facts): number => {
        if (from.kind === 'certification') return countFitting(s.certifications ?? facts.certifications, from) * (sub.monthsEach ?? 0);
        return Math.floor(hoursFitting(facts, from.kind, from) / sub.rate!.hours + EPS) * sub.rate!.months;
      };
      const edge = g.edge(this.source, node, 0);
      if (from.kind === 'certification') this.certificateSupply.set(sub.id, edge);
      this.settable(edge, 0, (s, _, facts) => (s.relaxed ? Math.min(sub.maxMonths ?? Infinity, most(s, facts)) : 0));
      feed(node);
      if (from.kind === 'certification') return;
      // Exact: the candidate fixes whole blocks, whose hours the pool must supply.
      const fixed = g.node();
      this.fixedSinks.push({ edge: this.demand(fixed, targetsOf(sub), 0, (s) => (s.relaxed ? 0 : unitsOf(s, sub))), sub });
      this.uses.push({ node: fixed, requirement: targetsOf(sub), via: sub.id, fixed: true, draws: 'hours', pool: from.kind, filter: from });
      return;
    }
    // Plain flow within the cap: always for month-for-month, only when relaxed for stepped ones.
    const inNode = g.node();
    const outNode = g.node();
    const stepped = sub.step > 1;
    this.settable(g.edge(inNode, outNode, 0), substitutionPhase(sub), (s) => (!stepped || s.relaxed ? (sub.maxMonths ?? Infinity) : 0));
    feed(outNode);
    this.uses.push(Frame.sourceUse(sub, inNode));
    if (!stepped) return;
    // Exact: the candidate fixes whole steps, which the source must supply.
    const fixed = g.node();
    this.fixedSinks.push({ edge: this.demand(fixed, targetsOf(sub), 0, (s) => (s.relaxed ? 0 : unitsOf(s, sub))), sub });
    this.uses.push(Frame.sourceUse(sub, fixed, true));
  }

  private static sourceUse(sub: Substitution, node: number, fixed = false): Use {
    const { from } = sub;
    const requirement = targetsOf(sub);
    if (from.kind === 'experience') return { node, requirement, via: sub.id, fixed, draws: 'experience', filter: from, within: [from.withinYears] };
    if (from.kind === 'education') return { node, requirement, via: sub.id, fixed, draws: 'education', fields: from.fields, beyond: from.beyondMonths };
    throw new Error(`substitution ${sub.id}: ${from.kind} sources are not flowed month for month`);
  }
}

const frames = memo<Frame>();
const frameOf = (path: Path, subs: readonly Substitution[]): Frame => frames([path, subs], '', () => new Frame(path, subs));

export class AllocationNetwork {
  private readonly frame: Frame;
  private readonly g: FlowGraph;
  private readonly source: number;
  private readonly sink: number;
  /** The frame's capacities, then those this profile's supplies add. */
  private readonly capacities: Capacity[];
  /** Each capacity's value in the current solve. */
  private readonly caps: number[] = [];
  private readonly tracked: Array<{ edge: number; use: Pick<Use, 'requirement' | 'part' | 'via' | 'fixed'>; asset: AssetRef; uncertain: boolean }> = [];
  private readonly extraEdges: number[] = [];
  /** Edges no solve opens, added for gap finding: source → each credential requirement (by its id),
   * and source → study (STUDY) → each education use. */
  private readonly probeEdges = new Map<string, number>();
  private readonly studyUses: Array<{ edge: number; use: EducationUse }> = [];

  /** The closed form of this network's totals, made when first asked; null for shapes it does not cover. */
  private closedForm: ClosedForm | null | undefined;

  /** `gapFinding`: filters of the extra supplies that gap finding may open, by index; with them, the
   * closed edges of its probes (`probeGain`), unless the closed form answers for them.
   * `closedForm: false` answers every question by solving the network, as the closed form's tests do. */
  constructor(path: Path, private readonly facts: Facts, subs: readonly Substitution[], private readonly gapFinding: readonly JobFilter[] | null = null, closedForm = true) {
    if (!closedForm) this.closedForm = null;
    const frame = (this.frame = frameOf(path, subs));
    this.g = new FlowGraph(frame.g);
    this.source = frame.source;
    this.sink = frame.sink;
    this.capacities = frame.capacities.slice();
    this.degrees();
    this.experience();
    this.education();
    this.hours();
    // Gap finding's extra supplies and probes are flowed only where the closed form does not answer.
    if (!gapFinding || (this.closedForm !== null && frame.closedShape)) return;
    for (const filter of gapFinding) this.extraSupply(filter);
    this.probes();
  }

  private track(edge: number, use: Use, asset: AssetRef, uncertain: boolean): void {
    if (uncertain) this.capacities.push({ edge, phase: 2, cap: () => Infinity });
    this.tracked.push({ edge, use, asset, uncertain });
  }

  /** source → credential requirement, for the held degree that meets it (an uncertain one late). */
  private degrees(): void {
    for (const { edge, r, cap } of this.frame.degrees) {
      const best = fittingDegree(this.facts, r);
      if (!best) continue;
      this.capacities.push({ edge, phase: best.uncertain ? 2 : 0, cap });
      this.tracked.push({ edge, use: { requirement: r.id }, asset: { kind: 'degree', index: best.degree.index }, uncertain: best.uncertain });
    }
  }

  /** source → segment (one FTE a month at most) → job in the segment (its FTE) → the uses it fits;
   * a segment none of whose jobs fits any use is left out. */
  private experience(): void {
    const { g, facts } = this;
    const uses = this.frame.experienceUses;
    // Per use, the month its recency windows open; per job, the uses it fits. Pushed into
    // literals, as the facts' lists are (facts.ts).
    const starts: number[] = [];
    for (const use of uses) starts.push(windowsStart(facts, use.within));
    const fitting: number[][] = [];
    for (const job of facts.jobs) {
      const fits: number[] = [];
      for (let k = 0; k < uses.length; k++) if (jobFits(job, uses[k]!.filter)) fits.push(k);
      fitting.push(fits);
    }
    for (const segment of facts.segments) {
      let segNode = -1;
      for (let j = 0; j < segment.fte.length; j++) {
        const fte = segment.fte[j]!;
        if (fte <= 0) continue;
        const job = facts.jobs[j]!;
        let jobNode = -1;
        for (const k of fitting[j]!) {
          if (segment.start < starts[k]!) continue;
          if (segNode < 0) g.edge(this.source, (segNode = g.node()), segment.months);
          if (jobNode < 0) g.edge(segNode, (jobNode = g.node()), segment.months * fte);
          this.track(g.edge(jobNode, uses[k]!.node, job.uncertain ? 0 : Infinity), uses[k]!, { kind: 'job', index: job.job.index }, job.uncertain);
        }
      }
    }
  }

  /** source → layer of education months (cut where a degree, or a "beyond" threshold, ends) → uses. */
  private education(): void {
    const { g, facts } = this;
    for (const { months, fits } of educationLayers(facts, this.frame.educationUses)) {
      const layer = g.node();
      g.edge(this.source, layer, months);
      for (const { use, best } of fits) this.track(g.edge(layer, use.node, best.uncertain ? 0 : Infinity), use, best.asset, best.uncertain);
    }
  }

  /** source → piece of credit or training hours → the uses whose subjects it fits. */
  private hours(): void {
    const { g, facts } = this;
    const uses = this.frame.hoursUses;
    if (uses.length === 0) return;
    for (const piece of facts.hours) {
      const fits = uses.filter((u) => u.pool === piece.pool && matchesFields(piece.ids, u.filter.fields, u.filter.exclude));
      if (fits.length === 0) continue;
      const node = g.node();
      g.edge(this.source, node, piece.hours);
      for (const use of fits) this.track(g.edge(node, use.node, piece.uncertain ? 0 : Infinity), use, piece.asset, piece.uncertain);
    }
  }

  /** An unlimited supply of experience fitting the filter, as a job of that kind would bring. */
  private extraSupply(filter: JobFilter): void {
    const { g } = this;
    const supply = g.node();
    const edge = g.edge(this.source, supply, 0);
    const index = this.extraEdges.push(edge) - 1;
    this.capacities.push({ edge, phase: LAST_PHASE, cap: (s) => (s.extra === index ? Infinity : 0) });
    const job = extraJob(filter);
    for (const use of this.frame.experienceUses) if (jobFits(job, use.filter)) g.edge(supply, use.node, Infinity);
  }

  /** Closed edges, so that no solve ever uses them: source → each credential requirement, and
   * source → study → each education use. */
  private probes(): void {
    const { g } = this;
    for (const [requirement, node] of this.frame.credentialNodes) this.probeEdges.set(requirement, g.edge(this.source, node, 0));
    const study = g.node();
    this.probeEdges.set(STUDY, g.edge(this.source, study, 0));
    for (const use of this.frame.educationUses) this.studyUses.push({ edge: g.edge(study, use.node, 0), use });
  }

  private get closed(): ClosedForm | null {
    if (this.closedForm === undefined) {
      const shape = this.frame.closedShape;
      this.closedForm = shape && new ClosedForm(shape, this.facts, this.gapFinding ?? []);
    }
    return this.closedForm;
  }

  /** Whether candidates can be compared by `totals`: the closed form covers this network and no
   * candidate fixes whole steps in the flow. */
  get comparesByTotals(): boolean {
    return this.closed !== null && !this.closed.fixesUnits;
  }

  /** A solve's maximum flow, demand and extra, for a yes-or-no question: from the closed form where
   * the path's shape has one (leaving the flow of the last solve in place), else solved unphased. */
  flows(setting: Setting): Flows {
    return this.closed?.flows(setting) ?? this.solve(setting, false);
  }

  /** A solve's totals, from the closed form where it covers the path, else solved unphased. The
   * closed form weighs them only for settings that fix no whole units in the flow: the relaxed
   * problem, and every candidate where `comparesByTotals`. */
  totals(setting: Setting): FlowTotals {
    return this.closed?.totals(setting) ?? this.solve(setting, false);
  }

  /** What `probeGain` starts from after the relaxed solve: its flow, unless the closed form answers
   * the probes (then the network never held that flow, and nothing is copied). */
  probeStart(): Snapshot | null {
    return this.closed ? null : this.snapshot();
  }

  /** The flow of the last solve and the capacities it had, to read or add to later. */
  snapshot(): Snapshot {
    return { flow: [...this.g.flow], cap: [...this.g.cap] };
  }

  /** Puts back a snapshot's flow and capacities, as if its solve were the last. */
  restore(from: Snapshot): void {
    const { flow, cap } = this.g;
    for (let e = 0; e < flow.length; e++) {
      flow[e] = from.flow[e]!;
      cap[e] = from.cap[e]!;
    }
  }

  /** How much more flow the relaxed problem of `snapshot` would carry with an addition: an extra
   * supply of experience (by index), a held degree meeting a credential requirement, one more certification fitting certification
   * substitutions, or study of `months` in `fields`, taken as months of its own (which bounds what
   * it adds to the education a profile has). An addition gaining less than the relaxed flow lacks
   * cannot make the path met. The network must have been built for gap finding; `from` is
   * `probeStart()` taken after the relaxed solve. */
  probeGain(from: Snapshot | null, probe: Probe): number {
    if (this.closed) return this.closed.probeGain(probe);
    if (!from) throw new Error('probeGain: the relaxed flow to start from is missing');
    const { g } = this;
    this.restore(from);
    if ('extra' in probe) g.open(this.extraEdges[probe.extra]!, Infinity); // a solve's capacity, set again by the next
    else if ('credential' in probe) g.open(this.probeEdges.get(probe.credential)!, probe.months);
    else if ('certificate' in probe) {
      // The substitution's relaxed supply, a solve's capacity: the next solve sets it again.
      for (const { substitution, months, most } of probe.certificate) {
        const edge = this.frame.certificateSupply.get(substitution)!;
        g.open(edge, Math.min(most, g.cap[edge]! + months));
      }
    } else {
      g.open(this.probeEdges.get(STUDY)!, probe.months);
      for (const { edge, use } of this.studyUses) if (use.beyond < probe.months && matchesFields(probe.study, use.fields)) g.open(edge, Infinity);
    }
    const gain = g.maxFlow(this.source, this.sink);
    // Close the probe edges again: no solve sets them.
    for (const edge of this.probeEdges.values()) g.open(edge, 0);
    for (const { edge } of this.studyUses) g.open(edge, 0);
    return gain;
  }

  /** Solves for a setting and leaves the flow in the graph, for `result` to read in full; returns
   * only the totals. `phased: false` opens every phase but the extra supply's at once: the same flow
   * and extra, fewer passes, but not the same assignment, so only for a yes-or-no question. */
  solve(setting: Setting, phased = true): FlowTotals {
    const { g, capacities, caps } = this;
    const delivered = deliveredOf(setting, this.frame.rooms);
    g.reset();
    const phaseOf = (c: Capacity): number => (phased || c.phase === LAST_PHASE ? c.phase : 0);
    let opens = 0; // the phases that open an edge, as bits
    for (let i = 0; i < capacities.length; i++) {
      const c = capacities[i]!;
      caps[i] = c.cap(setting, delivered, this.facts);
      g.open(c.edge, phaseOf(c) === 0 ? caps[i]! : 0);
      if (caps[i]! > 0) opens |= 1 << phaseOf(c);
    }
    let flow = g.maxFlow(this.source, this.sink);
    // A phase that opens nothing cannot add flow: the flow is already maximal.
    for (let phase = 1; phase <= LAST_PHASE; phase++) {
      if (!(opens & (1 << phase))) continue;
      for (let i = 0; i < capacities.length; i++) if (phaseOf(capacities[i]!) === phase) g.open(capacities[i]!.edge, caps[i]!);
      flow += g.maxFlow(this.source, this.sink);
    }
    let demand = 0;
    let weightedFlow = 0;
    for (const s of this.frame.sinks) {
      demand += g.cap[s.edge]!;
      weightedFlow += g.flow[s.edge]! * s.weight;
    }
    const fixedMonths = setting.relaxed || this.frame.fixedSinks.length === 0 ? 0 : sum(this.fixedCredit(setting, new Map()).values());
    const extra = setting.extra === undefined ? 0 : g.flow[this.extraEdges[setting.extra]!]!;
    return { flow, demand, weightedFlow, fixedMonths, extra };
  }

  /** Months the candidate's stepped and rate deliveries really credit: whole units of what their
   * source supplied, given to the targets in order and within each one's room. */
  private fixedCredit(setting: Setting, substituted: Map<string, number>): Map<string, number> {
    const into = new Map<string, number>();
    for (const { edge, sub } of this.frame.fixedSinks) {
      const [units, months] = sub.rate ? [sub.rate.hours, sub.rate.months] : [sub.step, sub.step];
      let left = Math.floor(this.g.flow[edge]! / units + EPS) * months;
      for (const d of setting.candidate.deliveries) {
        if (d.sub !== sub || left <= 0) continue;
        const given = Math.min(d.months, left, (this.frame.rooms.get(d.target) ?? 0) - (into.get(d.target) ?? 0));
        left -= d.months;
        into.set(d.target, (into.get(d.target) ?? 0) + given);
        substituted.set(sub.id, (substituted.get(sub.id) ?? 0) + given);
      }
    }
    return into;
  }

  /** The whole result of the last `solve`, which must have been for the same setting. */
  result(setting: Setting, totals: FlowTotals): NetworkResult {
    const { g } = this;
    const credits: Credit[] = [];
    const assumed = new Map<string, Assumption>();
    const substituted = new Map<string, number>();
    for (const t of this.tracked) {
      const amount = g.flow[t.edge]!;
      if (amount <= EPS) continue;
      const { requirement, part, via } = t.use;
      credits.push({ requirement, part, via, asset: t.asset, amount });
      if (t.uncertain) {
        const a: Assumption = { kind: 'asset', asset: t.asset };
        assumed.set(assumptionKey(a), a);
      }
      // Fixed units are credited below, by the whole units actually supplied.
      if (via && !t.use.fixed) substituted.set(via, (substituted.get(via) ?? 0) + amount);
    }
    const shortfalls: Shortfall[] = [];
    for (const s of this.frame.sinks) {
      const cap = g.cap[s.edge]!;
      const got = g.flow[s.edge]!;
      if (cap - got > EPS) shortfalls.push({ requirement: s.requirement, part: s.part, amount: cap - got });
    }
    const into = setting.relaxed ? new Map<string, number>() : this.fixedCredit(setting, substituted);
    for (const f of this.frame.feeds) if (g.flow[f.edge]! > EPS) into.set(f.target, (into.get(f.target) ?? 0) + g.flow[f.edge]!);
    const { flow, demand, weightedFlow, fixedMonths, extra } = totals;
    return { flow, demand, weightedFlow, fixedMonths, extra, credits, shortfalls, assumed, substituted, into };
  }
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};
