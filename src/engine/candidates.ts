import type { Facts } from '../facts/facts.ts';
import { countFitting } from '../facts/certifications.ts';
import type { Path, Substitution } from '../rules/schema.ts';
import { hoursFitting } from './supplies.ts';
import { memo, once } from './once.ts';

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

/** Each requirement's room, by its id: what the network and its closed form cap deliveries at. */
export const roomsOf = once((path: Path): ReadonlyMap<string, number> => new Map(path.requirements.map((r) => [r.id, roomOf(r)])));

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

/** Months one unit credits, and what one unit takes from the source. */
function unitOf(sub: Substitution): { each: number; takes: number } {
  if (sub.from.kind === 'certification') return { each: sub.monthsEach ?? 0, takes: 1 };
  if (sub.from.kind === 'credits' || sub.from.kind === 'training') return { each: sub.rate!.months, takes: sub.rate!.hours };
  return { each: sub.step, takes: sub.step };
}

/** How many units of a substitution's source the profile has: fitting certifications, whole blocks
 * of hours, or (stepped experience and education, which the flow bounds) no limit. */
function availableUnits(sub: Substitution, facts: Facts): number {
  const from = sub.from;
  if (from.kind === 'certification') return countFitting(facts.certifications, from);
  if (from.kind === 'credits' || from.kind === 'training') return Math.floor(hoursFitting(facts, from.kind, from) / sub.rate!.hours + 1e-9);
  return Infinity;
}

function options(sub: Substitution, path: Path, available: number): Delivery[][] {
  const limit = reach(sub, path);
  const { each, takes } = unitOf(sub);
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

/** Every combination of enumerated choices, cheapest first. They depend on a profile only through
 * how many units of each source it has, so profiles with the same counts share one list. */
export function candidates(path: Path, subs: readonly Substitution[], facts: Facts): readonly Candidate[] {
  const enumerated = enumeratedOf(subs);
  // Pushed and joined by hand: a list made by map has another hidden class when empty (facts.ts).
  const available: number[] = [];
  let key = '';
  for (const sub of enumerated) {
    const units = availableUnits(sub, facts);
    available.push(units);
    key += `${units},`;
  }
  return listed([path, subs], key, () => combinations(path, enumerated, available));
}

const enumeratedOf = once((subs: readonly Substitution[]) => subs.filter(isEnumerated));

function combinations(path: Path, subs: readonly Substitution[], available: readonly number[]): Candidate[] {
  let combos: Delivery[][] = [[]];
  subs.forEach((sub, i) => {
    const opts = options(sub, path, available[i]!);
    combos = combos.flatMap((combo) => opts.map((o) => [...combo, ...o]));
  });
  return combos.map((deliveries) => ({ deliveries, cost: costOf(deliveries) })).sort((a, b) => a.cost - b.cost);
}

function costOf(deliveries: readonly Delivery[]): number {
  let cost = 0;
  for (const d of deliveries) cost += (d.sub.discretionary ? 10_000 : 0) + d.months + d.units / 1000;
  return cost;
}
