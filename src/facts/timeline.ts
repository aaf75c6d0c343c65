import { daysInMonth, monthDayOf, monthIndex, type MonthDay, type PartialDate } from '../profile/dates.ts';
import type { Job } from '../profile/normalise.ts';
import type { Counting } from '../rules/schema.ts';

export type Reading = 'strict' | 'generous';

/** A run of consecutive months in which every job's FTE credit is the same. */
export interface Segment {
  start: number; // month index of the first month
  months: number;
  /** FTE credited per month to each job (by position in the jobs list), coverage of the month included. */
  fte: number[];
}

interface Span {
  first: number;
  last: number;
  firstDay: number; // day of the first month the job starts on
  lastDay: number; // day of the last month it ends on (31 when the whole month)
  fte: number;
}

export interface TimelineOptions {
  asOf: Date;
  reading: Reading;
  counting: Counting;
  /** Month indices where a segment must start (recency windows). */
  breakpoints?: readonly number[];
}

/** A year-only start means January (generous) or December (strict); a year-only end the reverse. */
function startMonth(date: PartialDate, reading: Reading): number {
  return monthIndex(date.year, date.month ?? (reading === 'generous' ? 1 : 12));
}

function endMonth(date: PartialDate, reading: Reading): number {
  return monthIndex(date.year, date.month ?? (reading === 'generous' ? 12 : 1));
}

export function jobFte(job: Job, counting: Counting): number {
  if (job.hoursPerWeek >= counting.fullTimeHours) return 1;
  if (counting.partTime === 'half') return 0.5;
  if (counting.partTime === 'excluded') return 0;
  return Math.min(job.hoursPerWeek, counting.fullTimeHours) / counting.fullTimeHours;
}

/** The months a job covers up to the as-of date (a day not given is the first or last of its month); null when none. */
function spanOf(job: Job, reading: Reading, counting: Counting, asOf: MonthDay): Span | null {
  const first = startMonth(job.start, reading);
  const firstDay = job.start.day ?? 1;
  let last = asOf.month;
  let lastDay = asOf.day;
  // Nothing after the as-of date counts.
  if (job.end) {
    const month = endMonth(job.end, reading);
    const day = job.end.day ?? 31;
    if (month < last || (month === last && day <= lastDay)) {
      last = month;
      lastDay = day;
    }
  }
  if (last < first || (last === first && lastDay < firstDay)) return null;
  return { first, last, firstDay, lastDay, fte: jobFte(job, counting) };
}

/** FTE of a span in one month: the covered share of the month, or all-or-nothing under a days rule. */
function creditIn(span: Span, month: number, minDays: number): number {
  if (month < span.first || month > span.last) return 0;
  const days = daysInMonth(month);
  const from = month === span.first ? span.firstDay : 1;
  const to = month === span.last ? Math.min(span.lastDay, days) : days;
  const worked = Math.max(0, to - from + 1);
  const coverage = minDays > 0 ? (worked >= minDays ? 1 : 0) : worked / days;
  return coverage * span.fte;
}

/** The months where some job's credit may change, in order: each job's first, second, last and
 * after-last month, and the breakpoints among them; empty when no job counts. */
function cutsOf(spans: readonly (Span | null)[], breakpoints: readonly number[]): number[] {
  const cuts: number[] = [];
  let from = Infinity;
  let to = -Infinity;
  for (const s of spans) {
    if (!s) continue;
    cuts.push(s.first, s.first + 1, s.last, s.last + 1);
    from = Math.min(from, s.first);
    to = Math.max(to, s.last + 1);
  }
  for (const b of breakpoints) if (b >= from && b <= to) cuts.push(b);
  return cuts.sort((a, b) => a - b);
}

/** FTE credited to each job in one month (none to a job that does not count); null when no job is credited. */
function creditsIn(spans: readonly (Span | null)[], month: number, minDays: number): number[] | null {
  const fte: number[] = [];
  let credited = false;
  for (const s of spans) {
    const f = s ? creditIn(s, month, minDays) : 0;
    fte.push(f);
    credited ||= f > 0;
  }
  return credited ? fte : null;
}

/** The FTE timeline as segments: months only change credit at a job's first,
 * second, last and after-last month, so those (and the breakpoints) are the only cuts needed. */
export function buildTimeline(jobs: readonly Job[], options: TimelineOptions): Segment[] {
  const { asOf, reading, counting } = options;
  const asOfDay = monthDayOf(asOf);
  const spans: Array<Span | null> = []; // pushed, as the facts' lists are (facts.ts)
  for (const job of jobs) spans.push(spanOf(job, reading, counting, asOfDay));
  const breakpoints = options.breakpoints ?? [];
  const cuts = cutsOf(spans, breakpoints);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (start === end) continue; // the same cut twice
    const fte = creditsIn(spans, start, counting.minDaysPerMonth);
    if (!fte) continue;
    // A cut where a job held alone goes on at the same credit, and no recency window starts, only
    // lengthens the segment before. Jobs held together keep their cuts: the allocation credits a
    // segment's months to its jobs in turn, so a longer segment could credit other jobs.
    const last = segments.length === 0 ? null : segments[segments.length - 1]!;
    if (last && last.start + last.months === start && !breakpoints.includes(start) && aloneAtSameCredit(last.fte, fte)) last.months += end - start;
    else segments.push({ start, months: end - start, fte });
  }
  return segments;
}

/** Whether two months' credits are the same, with one job credited. */
function aloneAtSameCredit(a: readonly number[], b: readonly number[]): boolean {
  let credited = 0;
  for (let j = 0; j < a.length; j++) {
    if (a[j] !== b[j]) return false;
    if (a[j]! > 0) credited++;
  }
  return credited === 1;
}
