import { countFitting } from '../facts/certifications.ts';
import { matchesFields, type HoursPiece } from '../facts/education.ts';
import type { Facts } from '../facts/facts.ts';
import type { HoursFilter, Path, Substitution } from '../rules/schema.ts';
import { roomOf, roomsOf } from './candidates.ts';
import { jobFits, narrowed, windowsStart, type JobFilter } from './months.ts';
import { memo } from './once.ts';
import type { FlowTotals, Flows, Probe, Setting } from './network.ts';
import { deliveredOf, educationLayers, extraJob, fittingDegree, HOUR_WEIGHT, hoursFitting, unitsOf } from './supplies.ts';

/** The allocation network's maximum flow in closed form. By max-flow min-cut, the maximum flow is
 * the cheapest way to cut every source from the sink. In the networks rules make, a cut is fixed
 * by a few choices (which requirements it leaves joined to the sink, which experience feed nodes
 * join them, which substitutions it cuts at their cap), and the experience, education and extra
 * supplies each cost what the uses left joined can draw from them. Credit and training hours flow
 * apart from the months, so they are cut apart. A yes-or-no question then costs a few sums instead
 * of a network solve; reading an allocation still solves the network (network.ts), and so does a
 * path with too many choices to enumerate. Both must agree on every total: a property test
 * compares them on random rules and profiles. */

/** More choices than this and a cut is not worth enumerating: the network solves it. */
const MOST_CHOICES = 10;
const MOST_USES = 16;
const NO_DELIVERIES = { deliveries: [], cost: 0 };
const EPS = 1e-9;

/** A substitution whose candidate fixes whole units in the flow: steps of its source, or blocks of hours. */
const fixesUnits = (sub: Substitution): boolean => sub.step > 1 || sub.from.kind === 'credits' || sub.from.kind === 'training';

type ExperienceUse = { draws: 'experience'; filter: JobFilter; within: readonly (number | undefined)[] };
type HoursUse = { pool: HoursPiece['pool']; filter: HoursFilter };
type Use = ExperienceUse | { draws: 'education'; fields: readonly string[] | undefined; beyond: number };

/** A requirement's edge to the sink: what it demands (less what a candidate delivered, unless
 * fixed), and the use that draws supply into it directly, if any. */
interface Demand {
  requirement: string;
  months: number;
  fixed: boolean;
  use: number;
  /** A credential requirement: a fitting degree supplies its months straight into it. */
  credential?: Extract<Path['requirements'][number], { kind: 'credential' }>;
  /** The whole steps a candidate fixes for a stepped substitution, which its source must supply. */
  units?: Substitution;
}

/** Where substitutions feed: an experience requirement's feed node (then `room` into its general
 * part) or straight into an education or credential requirement's demand. */
type Feed = { experience: number } | { demand: number };

interface Compiled {
  demands: Demand[];
  experience: Array<{ demand: number; requirement: string; room: number }>;
  uses: Use[];
  experienceUses: Array<ExperienceUse & { i: number }>;
  educationUses: Array<Extract<Use, { draws: 'education' }> & { i: number }>;
  subs: Array<{ sub: Substitution; use: number; cap: number; feeds: Feed[] }>;
  rooms: ReadonlyMap<string, number>;
  /** The nodes as bits: each demand's use, whether it is a credential, and the sink-side nodes each
   * substitution feeds (demands, then experience feed nodes). */
  demandUse: number[];
  credential: boolean[];
  feedOf: number[];
  /** Hours: credit and training requirements (and their parts), and the hours a candidate fixes
   * for a rate substitution. They draw only on credit and training hours, so they are cut apart. */
  hours: Array<{ amount: number; use: number; units?: Substitution }>;
  hoursUses: HoursUse[];
  /** Whether a candidate can fix whole steps or blocks of hours in the flow: its totals then weigh them apart. */
  fixesUnits: boolean;
}

const compiled = memo<Compiled | null>();

/** The path's shape, compiled once per set of substitutions; null when it has too many choices to
 * enumerate. */
export function closedShape(path: Path, subs: readonly Substitution[]): Compiled | null {
  return compiled([path, subs], '', () => compile(path, subs));
}

function compile(path: Path, subs: readonly Substitution[]): Compiled | null {
  const demands: Demand[] = [];
  const experience: Compiled['experience'] = [];
  const uses: Use[] = [];
  const feedOf = new Map<string, Feed>();
  const use = (u: Use): number => uses.push(u) - 1;
  const hours: Compiled['hours'] = [];
  const hoursUses: HoursUse[] = [];
  const hoursUse = (u: HoursUse): number => hoursUses.push(u) - 1;
  for (const r of path.requirements) {
    switch (r.kind) {
      case 'experience': {
        const partMonths = r.including.reduce((sum, p) => sum + p.months, 0);
        const general = demands.push({ requirement: r.id, months: r.months - partMonths, fixed: false, use: use({ draws: 'experience', filter: r, within: [r.withinYears] }) }) - 1;
        for (const p of r.including) demands.push({ requirement: r.id, months: p.months, fixed: true, use: use({ draws: 'experience', filter: narrowed(r, p), within: [r.withinYears, p.withinYears] }) });
        feedOf.set(r.id, { experience: experience.push({ demand: general, requirement: r.id, room: roomOf(r) }) - 1 });
        break;
      }
      case 'education':
        feedOf.set(r.id, { demand: demands.push({ requirement: r.id, months: r.months, fixed: false, use: use({ draws: 'education', fields: r.fields, beyond: 0 }) }) - 1 });
        break;
      case 'credential':
        feedOf.set(r.id, { demand: demands.push({ requirement: r.id, months: r.months ?? 0, fixed: false, use: -1, credential: r }) - 1 });
        break;
      case 'credits':
      case 'training': {
        const parts = r.kind === 'credits' ? r.including : [];
        const scale = r.kind === 'credits' && r.system === 'quarter' ? 2 / 3 : 1;
        hours.push({ amount: (r.hours - parts.reduce((sum, p) => sum + p.hours, 0)) * scale, use: hoursUse({ pool: r.kind, filter: r }) });
        for (const p of parts) hours.push({ amount: p.hours * scale, use: hoursUse({ pool: r.kind, filter: { fields: p.fields ?? r.fields, exclude: [...r.exclude, ...p.exclude] } }) });
        break;
      }
      default:
        break; // certifications are matched, conditions assumed, criteria read from text
    }
  }
  const compiledSubs: Compiled['subs'] = [];
  for (const sub of subs) {
    const { from } = sub;
    const feeds = sub.to.map((target) => feedOf.get(target)!);
    if (from.kind === 'certification' || from.kind === 'credits' || from.kind === 'training') {
      // A supply of months in the relaxed problem; a rate's whole blocks are a demand on the hours.
      compiledSubs.push({ sub, use: -1, cap: sub.maxMonths ?? Infinity, feeds });
      if (from.kind !== 'certification') hours.push({ amount: 0, use: hoursUse({ pool: from.kind, filter: from }), units: sub });
      continue;
    }
    const source = use(from.kind === 'experience' ? { draws: 'experience', filter: from, within: [from.withinYears] } : { draws: 'education', fields: from.fields, beyond: from.beyondMonths });
    compiledSubs.push({ sub, use: source, cap: sub.maxMonths ?? Infinity, feeds });
    // Stepped: plain flow in the relaxed problem only; a candidate's whole steps are a demand on the source.
    if (sub.step > 1) demands.push({ requirement: sub.id, months: 0, fixed: true, use: source, units: sub });
  }
  const capped = compiledSubs.filter((s) => s.use >= 0 && (s.cap < Infinity || s.sub.step > 1)).length;
  if (demands.length + experience.length + capped > MOST_CHOICES || hours.length > MOST_CHOICES || uses.length > MOST_USES || hoursUses.length > MOST_USES) return null;
  return {
    demands,
    experience,
    uses,
    experienceUses: uses.flatMap((u, i) => (u.draws === 'experience' ? [{ ...u, i }] : [])),
    educationUses: uses.flatMap((u, i) => (u.draws === 'education' ? [{ ...u, i }] : [])),
    subs: compiledSubs,
    rooms: roomsOf(path),
    demandUse: demands.map((d) => (d.use >= 0 ? 1 << d.use : 0)),
    credential: demands.map((d) => d.credential !== undefined),
    feedOf: compiledSubs.map((s) => s.feeds.reduce((mask, f) => mask | ('demand' in f ? 1 << f.demand : 1 << (demands.length + f.experience)), 0)),
    hours,
    hoursUses,
    fixesUnits: subs.some(fixesUnits),
  };
}

const extras = memo<readonly number[]>();

/** Per gap-finding filter, the uses a job of that kind would fit: the same for every profile. */
function extrasOf(shape: Compiled, filters: readonly JobFilter[]): readonly number[] {
  return extras([shape, filters], '', () =>
    filters.map((filter) => {
      const job = extraJob(filter);
      return shape.experienceUses.reduce((mask, u) => (jobFits(job, u.filter) ? mask | (1 << u.i) : mask), 0);
    }),
  );
}

/** One profile's supplies, as masks of the uses each can feed. */
export class ClosedForm {
  /** Per segment: its months, and where its jobs start in `fte` and `fits` (each job working in
   * it: its FTE months and the uses it fits there). */
  private readonly segments: Array<{ months: number; end: number }> = [];
  private readonly fte: number[] = [];
  private readonly fits: number[] = [];
  private readonly layers: Array<{ months: number; uses: number }> = [];
  /** Credit and training hours, each with the hours uses it fits. */
  private readonly pieces: Array<{ hours: number; uses: number }> = [];
  /** Per substitution, the months a rate could buy from all the fitting hours. */
  private readonly rateMost: number[];
  /** Months a held degree supplies to each demand (credentials only). */
  private readonly held: number[];
  /** Per gap-finding filter, the uses a job of that kind would fit. */
  private readonly extras: readonly number[];
  /** What each set of uses (and of hours uses) draws from the profile's own supplies, worked out once per set. */
  private readonly cost: number[];
  private readonly hoursCost: number[];
  /** The relaxed problem's maximum flow, which every probe adds to. */
  private relaxedFlow: number | undefined;
  /** The relaxed problem's answer (`flows`), with the profile's own certifications and no extra:
   * asked by the bound, by gap finding and before the probes, and worked out once. */
  private relaxed: (Flows & { hours: number }) | undefined;
  /** Capacities of the current question (`prepare`). */
  private readonly demands: number[];
  private readonly rooms: number[];
  private readonly subSupply: number[];
  private readonly heldNow: number[];
  private readonly hoursDemands: number[];
  /** The hours part's maximum flow for the current question. */
  private hoursFlow = 0;
  /** Whether the capacities are the relaxed problem's, with no probe's (`relaxedMaxFlow`). */
  private relaxedSet = false;

  constructor(private readonly shape: Compiled, private readonly facts: Facts, gapFinding: readonly JobFilter[]) {
    const { uses, experienceUses } = shape;
    // Lists made from the profile are pushed into literals (as the facts' are, facts.ts), and the
    // window starts, which may be infinite, are kept in a typed array: one hidden class each,
    // whatever the profile. (The scratch arrays below stay plain: typed ones cost more to make.)
    const starts = new Float64Array(experienceUses.length);
    experienceUses.forEach((u, k) => (starts[k] = windowsStart(facts, u.within)));
    const jobUses: number[] = [];
    for (const job of facts.jobs) {
      let mask = 0;
      for (const u of experienceUses) if (jobFits(job, u.filter)) mask |= 1 << u.i;
      jobUses.push(mask);
    }
    for (const segment of facts.segments) {
      // The uses whose recency window the segment is in.
      let open = 0;
      for (let k = 0; k < experienceUses.length; k++) if (segment.start >= starts[k]!) open |= 1 << experienceUses[k]!.i;
      for (let j = 0; j < segment.fte.length; j++) {
        const fte = segment.fte[j]!;
        const fits = jobUses[j]! & open;
        if (fte <= 0 || fits === 0) continue;
        this.fte.push(segment.months * fte);
        this.fits.push(fits);
      }
      const last = this.segments.length === 0 ? 0 : this.segments[this.segments.length - 1]!.end;
      if (this.fte.length > last) this.segments.push({ months: segment.months, end: this.fte.length });
    }
    for (const layer of educationLayers(facts, shape.educationUses)) {
      let mask = 0;
      for (const { use } of layer.fits) mask |= 1 << use.i;
      if (mask !== 0) this.layers.push({ months: layer.months, uses: mask });
    }
    for (const piece of facts.hours) {
      let mask = 0;
      shape.hoursUses.forEach((u, i) => (mask |= u.pool === piece.pool && matchesFields(piece.ids, u.filter.fields, u.filter.exclude) ? 1 << i : 0));
      if (mask !== 0) this.pieces.push({ hours: piece.hours, uses: mask });
    }
    this.rateMost = new Array<number>(shape.subs.length).fill(0);
    shape.subs.forEach(({ sub }, i) => {
      if (sub.rate && (sub.from.kind === 'credits' || sub.from.kind === 'training')) this.rateMost[i] = Math.floor(hoursFitting(facts, sub.from.kind, sub.from) / sub.rate.hours + EPS) * sub.rate.months;
    });
    const count = shape.demands.length;
    this.held = new Array<number>(count).fill(0);
    shape.demands.forEach((d, q) => (this.held[q] = d.credential && fittingDegree(facts, d.credential) ? d.months : 0));
    this.extras = extrasOf(shape, gapFinding);
    this.cost = new Array<number>(1 << uses.length).fill(-1);
    this.hoursCost = new Array<number>(1 << shape.hoursUses.length).fill(-1);
    this.hoursDemands = new Array<number>(shape.hours.length).fill(0);
    this.demands = new Array<number>(count).fill(0);
    this.heldNow = new Array<number>(count).fill(0);
    this.rooms = new Array<number>(shape.experience.length).fill(0);
    this.subSupply = new Array<number>(shape.subs.length).fill(0);
  }

  /** The maximum flow `AllocationNetwork.solve(setting, false)` finds, the demand, and what the
   * extra supply carries: all a yes-or-no question needs. */
  flows(setting: Setting): Flows & { hours: number } {
    const plainRelaxed = setting.relaxed && setting.extra === undefined && setting.candidate.deliveries.length === 0 && (setting.certifications ?? this.facts.certifications) === this.facts.certifications;
    if (plainRelaxed && this.relaxed) return this.relaxed;
    const demand = this.prepare(setting, null);
    const without = this.maxFlow(null);
    const flow = setting.extra === undefined ? without : this.maxFlow({ extra: setting.extra });
    const flows = { flow: flow + this.hoursFlow, demand, extra: flow - without, hours: this.hoursFlow };
    if (plainRelaxed) {
      // The capacities set are the relaxed problem's, as the probes start from.
      [this.relaxed, this.relaxedFlow, this.relaxedSet] = [flows, without, true];
    }
    return flows;
  }

  /** All that `AllocationNetwork.solve(setting, false)` adds up to, where the setting fixes no
   * whole units in the flow: every month of flow then weighs a month of coverage, every hour an hour. */
  totals(setting: Setting): FlowTotals {
    if (!setting.relaxed && setting.candidate.deliveries.some((d) => fixesUnits(d.sub))) throw new Error('closed form: the weight of fixed units depends on the flow; solve the network');
    const { flow, demand, extra, hours } = this.flows(setting);
    return { flow, demand, extra, weightedFlow: flow - hours * (1 - HOUR_WEIGHT), fixedMonths: 0 };
  }

  /** Whether a candidate can fix whole steps or blocks of hours in the flow (then only `flows` answers for it). */
  get fixesUnits(): boolean {
    return this.shape.fixesUnits;
  }

  /** What `AllocationNetwork.probeGain` finds: how much more the relaxed problem carries with the addition. */
  probeGain(probe: Probe): number {
    this.relaxedFlow ??= this.relaxedMaxFlow(null);
    return this.relaxedMaxFlow(probe) - this.relaxedFlow;
  }

  /** The relaxed problem's maximum flow with a probe's addition. Extra experience and study add
   * supply, not capacities: the relaxed problem's capacities, once set, serve them as they are. */
  private relaxedMaxFlow(probe: Probe | null): number {
    const capacities = probe && ('credential' in probe || 'certificate' in probe) ? probe : null;
    if (!this.relaxedSet || capacities) this.prepare({ candidate: NO_DELIVERIES, relaxed: true, certifications: this.facts.certifications }, capacities);
    this.relaxedSet = capacities === null;
    return this.maxFlow(probe);
  }

  /** Sets the capacities a setting gives (and a probe adds): demands, rooms and certification
   * supplies; returns the whole demand. */
  private prepare(setting: Setting, probe: Probe | null): number {
    const { shape, demands, rooms, subSupply, held, heldNow, hoursDemands } = this;
    this.relaxedSet = false;
    const delivered = setting.relaxed || setting.candidate.deliveries.length === 0 ? null : deliveredOf(setting, shape.rooms);
    const credential = probe && 'credential' in probe ? probe : null;
    let total = 0;
    for (let q = 0; q < shape.demands.length; q++) {
      const d = shape.demands[q]!;
      if (d.units) demands[q] = setting.relaxed ? 0 : unitsOf(setting, d.units);
      else demands[q] = d.fixed || !delivered ? d.months : Math.max(0, d.months - (delivered.get(d.requirement) ?? 0));
      total += demands[q]!;
      heldNow[q] = held[q]! + (credential?.credential === d.requirement ? credential.months : 0);
    }
    for (let k = 0; k < shape.experience.length; k++) {
      const e = shape.experience[k]!;
      rooms[k] = Math.max(0, e.room - (delivered?.get(e.requirement) ?? 0));
    }
    // Certification and rate substitutions supply only the relaxed problem (a candidate fixes them
    // otherwise); stepped ones flow only there.
    const certificate = probe && 'certificate' in probe ? probe.certificate : null;
    for (let i = 0; i < shape.subs.length; i++) {
      const { sub, cap } = shape.subs[i]!;
      const { from } = sub;
      if (from.kind === 'credits' || from.kind === 'training') subSupply[i] = setting.relaxed ? Math.min(cap, this.rateMost[i]!) : 0;
      else if (from.kind !== 'certification') subSupply[i] = sub.step > 1 && !setting.relaxed ? 0 : cap;
      else {
        let most = setting.relaxed ? Math.min(cap, countFitting(setting.certifications ?? this.facts.certifications, from) * (sub.monthsEach ?? 0)) : 0;
        if (certificate) for (const c of certificate) if (c.substitution === sub.id) most = Math.min(c.most, most + c.months);
        subSupply[i] = most;
      }
    }
    for (let k = 0; k < shape.hours.length; k++) {
      const h = shape.hours[k]!;
      hoursDemands[k] = h.units ? (setting.relaxed ? 0 : unitsOf(setting, h.units)) : h.amount;
      total += hoursDemands[k]!;
    }
    this.hoursFlow = this.hoursMaxFlow();
    return total;
  }

  /** The hours part's cheapest cut: over every choice of hours demands left joined to the sink. */
  private hoursMaxFlow(): number {
    const { hoursDemands, shape } = this;
    let best = Infinity;
    for (let joined = 0; joined < 1 << hoursDemands.length; joined++) {
      let cost = 0;
      let uses = 0;
      for (let k = 0; k < hoursDemands.length; k++) {
        if (joined & (1 << k)) uses |= 1 << shape.hours[k]!.use;
        else cost += hoursDemands[k]!;
      }
      if (cost >= best) continue;
      let supply = this.hoursCost[uses]!;
      if (supply < 0) {
        supply = 0;
        for (const piece of this.pieces) if (piece.uses & uses) supply += piece.hours;
        this.hoursCost[uses] = supply;
      }
      best = Math.min(best, cost + supply);
    }
    return best;
  }

  /** The cheapest cut, over every choice of requirements left joined to the sink (bits of
   * `joined`), experience feed nodes joined with them (`fed`), and capped substitutions cut at
   * their cap (`cut`), for the capacities `prepare` set. */
  private maxFlow(probe: Probe | null): number {
    const { shape, demands, rooms, subSupply, heldNow } = this;
    const { demandUse, credential, feedOf, subs } = shape;
    const count = demands.length;
    const experience = shape.experience;
    // A probe's extra supply fits these uses without limit; its study, these up to its months.
    const extra = probe && 'extra' in probe ? this.extras[probe.extra]! : 0;
    const study = probe && 'study' in probe ? { uses: this.studyUses(probe), months: probe.months } : null;
    let best = Infinity;
    for (let joined = 0; joined < 1 << count; joined++) {
      let base = 0;
      let uses = 0;
      let feedable = 0; // experience feed nodes whose requirement is joined
      for (let q = 0; q < count; q++) {
        if (!(joined & (1 << q))) base += demands[q]!;
        else {
          uses |= demandUse[q]!;
          if (credential[q]) base += heldNow[q]!;
        }
      }
      for (let k = 0; k < experience.length; k++) if (joined & (1 << experience[k]!.demand)) feedable |= 1 << k;
      if (base >= best) continue;
      // Every subset of the feedable feed nodes, the empty one last.
      for (let fed = feedable; ; fed = (fed - 1) & feedable) {
        let cost = base;
        for (let k = 0; k < experience.length; k++) if (feedable & ~fed & (1 << k)) cost += rooms[k]!;
        const sinkSide = joined | (fed << count);
        let drawn = uses;
        let cappable = 0;
        for (let i = 0; i < subs.length; i++) {
          if (!(feedOf[i]! & sinkSide)) continue;
          if (subs[i]!.use < 0) cost += subSupply[i]!;
          else if (subSupply[i] === Infinity) drawn |= 1 << subs[i]!.use;
          else cappable |= 1 << i;
        }
        if (cost < best) {
          for (let cut = cappable; ; cut = (cut - 1) & cappable) {
            let total = cost;
            let from = drawn;
            for (let i = 0; i < subs.length; i++) {
              if (!(cappable & (1 << i))) continue;
              if (cut & (1 << i)) total += subSupply[i]!;
              else from |= 1 << subs[i]!.use;
            }
            if (total < best) best = Math.min(best, total + this.supply(from, extra, study));
            if (cut === 0) break;
          }
        }
        if (fed === 0) break;
      }
    }
    return best;
  }

  /** What the uses in `mask` can draw from the profile and a probe's additions: the cost of cutting them off from it. */
  private supply(mask: number, extra: number, study: { uses: number; months: number } | null): number {
    if (extra & mask) return Infinity;
    const cached = this.cost[mask]!;
    let total = cached;
    if (cached < 0) {
      total = 0;
      let j = 0;
      for (const segment of this.segments) {
        let months = 0;
        for (; j < segment.end; j++) if (this.fits[j]! & mask) months += this.fte[j]!;
        total += Math.min(segment.months, months);
      }
      for (const layer of this.layers) if (layer.uses & mask) total += layer.months;
      this.cost[mask] = total;
    }
    return study && study.uses & mask ? total + study.months : total;
  }

  private studyUses(probe: Extract<Probe, { study: readonly string[] }>): number {
    return this.shape.uses.reduce((mask, u, i) => (u.draws === 'education' && u.beyond < probe.months && matchesFields(probe.study, u.fields) ? mask | (1 << i) : mask), 0);
  }
}
