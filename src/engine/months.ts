import type { Facts, JobFact } from '../facts/facts.ts';

/** Durations as people read them, never rounded up (READING.md §2): 59.9 → "4 years 11 months". */
export function formatMonths(months: number): string {
  const whole = Math.floor(months + 1e-9);
  const years = Math.floor(whole / 12);
  const rest = whole % 12;
  const parts: string[] = [];
  if (years > 0) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (rest > 0 || years === 0) parts.push(`${rest} month${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** FTE months of experience fitting a filter, concurrent jobs capped at full time in each month. */
export function monthsFitting(facts: Facts, filter: ExperienceFilter, windowStart = -Infinity): number {
  let total = 0;
  for (const segment of facts.segments) {
    if (segment.start < windowStart) continue;
    let fte = 0;
    segment.fte.forEach((f, j) => {
      if (f > 0 && jobFits(facts.jobs[j]!, filter)) fte += f;
    });
    total += segment.months * Math.min(1, fte);
  }
  return total;
}

export type ExperienceFilter = { categories: readonly string[]; supervisory?: boolean | undefined };

/** A job fits when it has every category the filter names, and supervision when it asks for it. */
export const jobFits = (job: Pick<JobFact, 'categories' | 'supervisory'>, filter: ExperienceFilter): boolean =>
  filter.categories.every((c) => job.categories.has(c as never)) && (filter.supervisory !== true || job.supervisory);

export const windowStartOf = (facts: Facts, withinYears: number | undefined): number =>
  withinYears === undefined ? -Infinity : facts.asOfMonth - Math.floor(withinYears * 12) + 1;
