import type { Path, Substitution } from '../rules/schema.ts';

/** The discrete choices the flow network cannot make itself: how many certifications each
 * certification substitution uses per target, and how many whole steps a year-for-year
 * substitution delivers. Month-for-month substitutions are left to the flow. */
export interface Candidate {
  /** Months each enumerated substitution delivers to each target, and certifications it takes. */
  deliveries: Delivery[];
  /** Orders candidates: discretionary months first, then substituted months, then credentials. */
  cost: number;
}

export interface Delivery {
  sub: Substitution;
  target: string;
  months: number;
  /** Certifications taken (certification sources), or months of source demanded (stepped ones). */
  units: number;
}

const isEnumerated = (sub: Substitution): boolean => sub.from.kind === 'certification' || sub.step > 1;

/** Most months a substitution could ever usefully deliver on this path. */
function reach(sub: Substitution, path: Path): number {
  const months = sub.to.map((target) => {
    const requirement = path.requirements.find((r) => r.id === target);
    return requirement?.kind === 'experience' || requirement?.kind === 'education' ? requirement.months : 0;
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

function options(sub: Substitution, path: Path, available: number): Delivery[][] {
  const limit = reach(sub, path);
  const each = sub.from.kind === 'certification' ? (sub.monthsEach ?? 0) : sub.step;
  const maxUnits = Math.min(Math.ceil(limit / each), sub.from.kind === 'certification' ? available : Infinity);
  const out: Delivery[][] = [];
  for (const split of splits(sub.to.length, maxUnits)) {
    let left = limit;
    const deliveries: Delivery[] = [];
    split.forEach((units, i) => {
      if (units === 0) return;
      const months = Math.min(units * each, left);
      left -= months;
      // A stepped substitution draws whole steps from its source, even when its cap credits less.
      deliveries.push({ sub, target: sub.to[i]!, months, units: sub.from.kind === 'certification' ? units : units * each });
    });
    out.push(deliveries);
  }
  return out;
}

/** Every combination of enumerated choices, cheapest first. `certCount` bounds the certification
 * units by how many current certifications the profile has. */
export function candidates(path: Path, subs: readonly Substitution[], certCount: number): Candidate[] {
  let combos: Delivery[][] = [[]];
  for (const sub of subs.filter(isEnumerated)) {
    const opts = options(sub, path, certCount);
    combos = combos.flatMap((combo) => opts.map((o) => [...combo, ...o]));
  }
  return combos
    .map((deliveries) => ({ deliveries, cost: costOf(deliveries) }))
    .sort((a, b) => a.cost - b.cost);
}

function costOf(deliveries: readonly Delivery[]): number {
  let cost = 0;
  for (const d of deliveries) cost += (d.sub.discretionary ? 10_000 : 0) + d.months + d.units / 100;
  return cost;
}
