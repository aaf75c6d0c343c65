import { matchesFields, type EducationSource, type Held, type HoursPiece } from '../facts/education.ts';
import type { Facts } from '../facts/facts.ts';
import type { HoursFilter, Requirement, Substitution } from '../rules/schema.ts';
import type { JobFilter } from './months.ts';
import type { Setting } from './network.ts';

/* What the allocation network and its closed form (closed.ts) read from a profile alike. */

/** Months of study one credit hour stands for, in coverage (30 hours a year). */
export const HOUR_WEIGHT = 12 / 30;

/** Hours of a pool fitting a filter: what a rate substitution could buy at most. */
export const hoursFitting = (facts: Facts, pool: HoursPiece['pool'], filter: HoursFilter): number =>
  facts.hours.filter((p) => p.pool === pool && matchesFields(p.ids, filter.fields, filter.exclude)).reduce((s, p) => s + p.hours, 0);

const levelRank = (facts: Facts, level: string): number => facts.levelRanks.get(level) ?? Infinity;

/** The held degree that meets a credential requirement, a certain one where there is one. */
export function fittingDegree(facts: Facts, r: Extract<Requirement, { kind: 'credential' }>): Held | undefined {
  const fitting = facts.held.filter((h) => (r.orHigher ? h.rank >= levelRank(facts, r.level) : h.degree.level === r.level) && matchesFields(h.degree.fieldIds, r.fields));
  return fitting.find((h) => !h.uncertain) ?? fitting[0];
}

/** Months of education in layers, cut where a degree or a use's "beyond" threshold ends, each with
 * the uses it can feed and the source that explains it there: a certain one where there is one. */
export function educationLayers<U extends { fields?: readonly string[] | undefined; beyond: number }>(facts: Facts, uses: readonly U[]): Array<{ months: number; fits: Array<{ use: U; best: EducationSource }> }> {
  if (facts.education.length === 0 || uses.length === 0) return [];
  // Lists pushed into literals, as the facts' are (facts.ts): one hidden class whatever the profile.
  const cuts = [0];
  let longest = 0; // no layer is cut beyond the longest source
  for (const s of facts.education) {
    insertSorted(cuts, s.months);
    longest = Math.max(longest, s.months);
  }
  for (const u of uses) insertSorted(cuts, u.beyond);
  // Per use, the sources in fields it takes: a layer's best is the first of them that covers it.
  const eligible: EducationSource[][] = [];
  for (const use of uses) {
    const sources: EducationSource[] = [];
    for (const s of facts.education) if (matchesFields(s.ids, use.fields)) sources.push(s);
    eligible.push(sources);
  }
  const layers: Array<{ months: number; fits: Array<{ use: U; best: EducationSource }> }> = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i]!, cuts[i + 1]!];
    if (to === from) continue;
    if (to > longest) break;
    const fits: Array<{ use: U; best: EducationSource }> = [];
    for (let u = 0; u < uses.length; u++) {
      const use = uses[u]!;
      if (from < use.beyond) continue;
      let best: EducationSource | undefined;
      for (const s of eligible[u]!) {
        if (s.months < to) continue;
        best ??= s;
        if (!s.uncertain) {
          best = s;
          break;
        }
      }
      if (best) fits.push({ use, best });
    }
    layers.push({ months: to - from, fits });
  }
  return layers;
}

/** Inserts `value` into the ascending list `sorted`, after any equal to it. The lists are short:
 * a sort with a comparator would cost more. */
function insertSorted(sorted: number[], value: number): void {
  let at = sorted.length;
  sorted.push(value);
  for (; at > 0 && sorted[at - 1]! > value; at--) sorted[at] = sorted[at - 1]!;
  sorted[at] = value;
}

/** The job an extra supply of experience fitting a filter stands for. */
export const extraJob = (filter: JobFilter) => ({ categories: new Set(filter.categories), capacities: new Set([...filter.capacities.slice(0, 1), ...(filter.alsoCapacities ?? []).slice(0, 1)]), fullTime: true, left: false });

const NOTHING_DELIVERED: ReadonlyMap<string, number> = new Map();

/** Months each requirement received from a candidate's enumerated deliveries: several
 * substitutions together give at most its room, never its floor or its "of which" parts. */
export function deliveredOf(setting: Setting, rooms: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  if (setting.candidate.deliveries.length === 0) return NOTHING_DELIVERED;
  const delivered = new Map<string, number>();
  for (const d of setting.candidate.deliveries) delivered.set(d.target, Math.min(rooms.get(d.target) ?? 0, (delivered.get(d.target) ?? 0) + d.months));
  return delivered;
}

/** Units a candidate fixes for a substitution: source months of whole steps, or hours of whole blocks. */
export function unitsOf(s: Setting, sub: Substitution): number {
  return s.candidate.deliveries.reduce((sum, d) => sum + (d.sub === sub ? d.units : 0), 0);
}
