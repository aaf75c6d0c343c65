import { getDaysInMonth } from 'date-fns';
import { monthIndex, type PartialDate } from '../profile/dates.ts';
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

const DAYS = new Map<number, number>();
/** Days in a month index; memoised because every job's first and last month asks. */
function daysIn(month: number): number {
  let days = DAYS.get(month);
  if (days === undefined) DAYS.set(month, (days = getDaysInMonth(new Date(Date.UTC(Math.floor(month / 12), month % 12, 1)))));
  return days;
}

/** A year-only start means January (generous) or December (strict); a year-only end the reverse. */
function startMonth(date: PartialDate, reading: Reading): [number, number] {
  if (date.month === undefined) return [monthIndex(date.year, reading === 'generous' ? 1 : 12), 1];
  return [monthIndex(date.year, date.month), date.day ?? 1];
}

function endMonth(date: PartialDate, reading: Reading): [number, number] {
  if (date.month === undefined) return [monthIndex(date.year, reading === 'generous' ? 12 : 1), 31];
  return [monthIndex(date.year, date.month), date.day ?? 31];
}

export function jobFte(job: Job, counting: Counting): number {
  if (job.hoursPerWeek >= counting.fullTimeHours) return 1;
  if (counting.partTime === 'half') return 0.5;
  if (counting.partTime === 'excluded') return 0;
  return Math.min(job.hoursPerWeek, counting.fullTimeHours) / counting.fullTimeHours;
}

function spanOf(job: Job, options: TimelineOptions): Span | null {
  const { asOf, reading, counting } = options;
  const asOfMonth = monthIndex(asOf.getUTCFullYear(), asOf.getUTCMonth() + 1);
  const [first, firstDay] = startMonth(job.start, reading);
  let [last, lastDay] = job.end ? endMonth(job.end, reading) : [asOfMonth, asOf.getUTCDate()];
  // Nothing after the as-of date counts.
  if (last > asOfMonth || (last === asOfMonth && lastDay > asOf.getUTCDate())) [last, lastDay] = [asOfMonth, asOf.getUTCDate()];
  if (last < first || (last === first && lastDay < firstDay)) return null;
  return { first, last, firstDay, lastDay, fte: jobFte(job, counting) };
}

/** FTE of a span in one month: the covered share of the month, or all-or-nothing under a days rule. */
function creditIn(span: Span, month: number, minDays: number): number {
  if (month < span.first || month > span.last) return 0;
  const days = daysIn(month);
  const from = month === span.first ? span.firstDay : 1;
  const to = month === span.last ? Math.min(span.lastDay, days) : days;
  const worked = Math.max(0, to - from + 1);
  const coverage = minDays > 0 ? (worked >= minDays ? 1 : 0) : worked / days;
  return coverage * span.fte;
}

/** The FTE timeline as segments: months only change credit at a job's first,
 * second, last and after-last month, so those (and the breakpoints) are the only cuts needed. */
export function buildTimeline(jobs: readonly Job[], options: TimelineOptions): Segment[] {
  const spans = jobs.map((job) => spanOf(job, options));
  const live = spans.filter((s): s is Span => s !== null);
  if (live.length === 0) return [];
  const from = Math.min(...live.map((s) => s.first));
  const to = Math.max(...live.map((s) => s.last)) + 1;
  const cuts = new Set<number>([from, to]);
  for (const s of live) [s.first, s.first + 1, s.last, s.last + 1].forEach((m) => cuts.add(m));
  for (const b of options.breakpoints ?? []) cuts.add(b);
  const sorted = [...cuts].filter((m) => m >= from && m <= to).sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const fte = spans.map((s) => (s ? creditIn(s, start, options.counting.minDaysPerMonth) : 0));
    if (fte.some((f) => f > 0)) segments.push({ start, months: sorted[i + 1]! - start, fte });
  }
  return segments;
}
