import type { Facts } from '../facts/facts.ts';
import { certificationFits } from '../facts/certifications.ts';
import type { Path, Substitution } from '../rules/schema.ts';
import { hoursFitting } from './network.ts';
import { memo } from './once.ts';

/** The discrete choices the flow network cannot make itself: how many certifications each
 * certification substitution uses per target, how many whole steps a year-for-year substitution
 * delivers, and how many whole blocks of hours a rate substitution buys. Month-for-month
 * substitutions are left to the flow. */
export interface Candidate {
  /** Months each enumerated substitution delivers to each target, and what it takes for them. */
  deliveries: Delivery[];
  /** Orders candidates: discretionary months first, then substituted months, then credentials. */
  cost: number;
}

export interface Delivery {
  sub: Substitution;
  target: string;
  months: number;
  /** Certifications taken (certification sources), months of source (stepped ones) or hours (rate ones). */
  units: number;
}

const isEnumerated = (sub: Substitution): boolean => !['experience', 'education'].includes(sub.from.kind) || sub.step > 1;

/** Months substitutions may replace in a requirement: an experience requirement's general part
 * above its floor, or all of an education or credential requirement. */
export function roomOf(r: Path['requirements'][number]): number {
  if (r.kind === 'experience') return r.months - Math.max(r.minimumActualMonths, r.including.reduce((s, p) => s + p.months, 0));
  return r.kind === 'education' || r.kind === 'credential' ? (r.months ?? 0) : 0;
}

/** Most months a substitution could ever usefully deliver on this path. */
function reach(sub: Substitution, path: Path): number {
  const months = sub.to.map((target) => {
    const r = path.requirements.find((x) => x.id === target);
    return r ? roomOf(r) : 0;
  });
  return Math.min(sub.maxMonths ?? Infinity, Math.max(0, ...months));
}

/** Vectors of non-negative integers of length n summing to at most max. */
function* splits(n: number, max: number): Generator<number[]> {
  if (n === 0) {
    yield [];
    return;
  }
  for (let first = 0; first <= max; first++) {
    for (const rest of splits(n - 1, max - first)) yield [first, ...rest];
  }
}

/** Months one unit credits, what one unit takes from the source, and how many units the profile has. */
function unitOf(sub: Substitution, facts: Facts): { each: number; takes: number; available: number } {
  const from = sub.from;
  if (from.kind === 'certification') return { each: sub.monthsEach ?? 0, takes: 1, available: facts.certifications.filter((c) => certificationFits(c, from)).length };
  if (from.kind === 'credits' || from.kind === 'training') {
    const rate = sub.rate!;
    return { each: rate.months, takes: rate.hours, available: Math.floor(hoursFitting(facts, from.kind, from) / rate.hours + 1e-9) };
  }
  return { each: sub.step, takes: sub.step, available: Infinity };
}

function options(sub: Substitution, path: Path, facts: Facts): Delivery[][] {
  const limit = reach(sub, path);
  const { each, takes, available } = unitOf(sub, facts);
  const maxUnits = Math.min(Math.ceil(limit / each), available);
  const out: Delivery[][] = [];
  for (const split of splits(sub.to.length, maxUnits)) {
    let left = limit;
    const deliveries: Delivery[] = [];
    split.forEach((units, i) => {
      if (units === 0) return;
      const months = Math.min(units * each, left);
      left -= months;
      // Whole units are drawn from the source, even when the cap credits less.
      deliveries.push({ sub, target: sub.to[i]!, months, units: units * takes });
    });
    out.push(deliveries);
  }
  return out;
}

const listed = memo<Candidate[]>();

/** Every combination of enumerated choices, cheapest first: the same for every question asked of a
 * profile with the same certifications and hours, so listed once. */
export const candidates = (path: Path, subs: readonly Substitution[], facts: Facts): readonly Candidate[] =>
  listed([path, subs, facts.certifications, facts.hours], '', () => combinations(path, subs, facts));

function combinations(path: Path, subs: readonly Substitution[], facts: Facts): Candidate[] {
  let combos: Delivery[][] = [[]];
  for (const sub of subs.filter(isEnumerated)) {
    const opts = options(sub, path, facts);
    combos = combos.flatMap((combo) => opts.map((o) => [...combo, ...o]));
  }
  return combos.map((deliveries) => ({ deliveries, cost: costOf(deliveries) })).sort((a, b) => a.cost - b.cost);
}

function costOf(deliveries: readonly Delivery[]): number {
  let cost = 0;
  for (const d of deliveries) cost += (d.sub.discretionary ? 10_000 : 0) + d.months + d.units / 1000;
  return cost;
}
