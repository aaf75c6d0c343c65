import type { Facts, JobFact } from '../facts/facts.ts';
import type { ExperienceFilter } from '../rules/schema.ts';
import { attached } from './once.ts';

/** Durations as people read them, never rounded up: 59.9 → "4 years 11 months". Each text is
 * made once: a decision names a few durations, and careers span a few hundred months. */
export function formatMonths(months: number): string {
  const whole = Math.floor(months + 1e-9);
  return whole >= 0 && whole < DURATIONS.length ? (DURATIONS[whole] ??= duration(whole)) : duration(whole);
}

/** The text of each whole number of months up to a hundred years, as first asked for. */
const DURATIONS = new Array<string | undefined>(1200);

function duration(whole: number): string {
  const years = Math.floor(whole / 12);
  const rest = whole % 12;
  const parts: string[] = [];
  if (years > 0) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (rest > 0 || years === 0) parts.push(`${rest} month${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Kept on the segments, which are built with the jobs they cut: per filter, per window start. */
const fitting = attached<Facts['segments'], ExperienceFilter, Map<number, number>>('months fitting');

/** FTE months of experience fitting a filter, concurrent jobs capped at full time in each month;
 * reasons and the score ask the same of the same facts, so it is counted once. */
export function monthsFitting(facts: Facts, filter: ExperienceFilter, windowStart = -Infinity): number {
  const byWindow = fitting(facts.segments, filter, () => new Map());
  let months = byWindow.get(windowStart);
  if (months === undefined) byWindow.set(windowStart, (months = countMonths(facts, filter, windowStart)));
  return months;
}

function countMonths(facts: Facts, filter: ExperienceFilter, windowStart: number): number {
  let total = 0;
  for (const segment of facts.segments) {
    if (segment.start < windowStart) continue;
    let fte = 0;
    for (let j = 0; j < segment.fte.length; j++) if (segment.fte[j]! > 0 && jobFits(facts.jobs[j]!, filter)) fte += segment.fte[j]!;
    total += segment.months * Math.min(1, fte);
  }
  return total;
}

/** A filter of jobs: an "of which" part may ask for a capacity of each of two lists. */
export type JobFilter = ExperienceFilter & { alsoCapacities?: readonly string[] };

/** A job fits when it has every category the filter names, one of its capacities when it names
 * any, none of its excluded categories, and full-time hours when it asks for them. */
export const jobFits = (job: Pick<JobFact, 'categories' | 'capacities' | 'fullTime' | 'left'>, filter: JobFilter): boolean =>
  !job.left &&
  filter.categories.every((c) => job.categories.has(c)) &&
  (filter.capacities.length === 0 || filter.capacities.some((c) => job.capacities.has(c))) &&
  (filter.alsoCapacities === undefined || filter.alsoCapacities.some((c) => job.capacities.has(c))) &&
  !filter.exclude.some((c) => job.categories.has(c)) &&
  (!filter.fullTimeOnly || job.fullTime);

export const windowStartOf = (facts: Facts, withinYears: number | undefined): number =>
  withinYears === undefined ? -Infinity : facts.asOfMonth - Math.floor(withinYears * 12) + 1;

/** The month from which experience is inside every one of several recency windows (a requirement's
 * and its "of which" part's). */
export function windowsStart(facts: Facts, within: readonly (number | undefined)[]): number {
  let start = -Infinity;
  for (const years of within) start = Math.max(start, windowStartOf(facts, years));
  return start;
}

/** Of an experience requirement and an "of which" part: the part narrows the requirement. When
 * both name capacities, a job must be in one of each. */
export const narrowed = (r: ExperienceFilter, p: ExperienceFilter): JobFilter => ({
  categories: [...r.categories, ...p.categories],
  capacities: p.capacities.length === 0 ? r.capacities : p.capacities,
  ...(p.capacities.length > 0 && r.capacities.length > 0 ? { alsoCapacities: r.capacities } : {}),
  exclude: [...r.exclude, ...p.exclude],
  fullTimeOnly: r.fullTimeOnly || p.fullTimeOnly,
});
