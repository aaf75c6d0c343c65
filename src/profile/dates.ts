// The function's own module: the package's index loads every function (over 100 ms at each start).
import { isExists } from 'date-fns/isExists';

/** A date as people give it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (docs/rule-format.md, counting). */
export interface PartialDate {
  year: number;
  month?: number; // 1-12
  day?: number;
  precision: 'year' | 'month' | 'day';
}

const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses a partial date; returns null for anything that is not a real calendar date. */
export function parsePartialDate(text: string): PartialDate | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2200) return null;
  // Every precision has the same fields (missing ones undefined): one object shape for the compiler.
  if (m[2] === undefined) return { year, month: undefined, day: undefined, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { year, month, day: undefined, precision: 'month' };
  const day = Number(m[3]);
  if (!isExists(year, month - 1, day)) return null;
  return { year, month, day, precision: 'day' };
}

/** Months since year 0, so month arithmetic is plain subtraction. */
export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month index, by the Gregorian calendar: plain arithmetic, the same in every time zone. */
export function daysInMonth(month: number): number {
  const year = Math.floor(month / 12);
  const inYear = month % 12; // 0 is January
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return inYear === 1 && leap ? 29 : MONTH_DAYS[inYear]!;
}

/** A day as the facts compare days: its month index and its day of that month. */
export interface MonthDay {
  month: number;
  day: number;
}

/** The UTC day of a date (the as-of date), read once rather than for every job or certification. */
export const monthDayOf = (date: Date): MonthDay => ({ month: monthIndex(date.getUTCFullYear(), date.getUTCMonth() + 1), day: date.getUTCDate() });

let lastDay = { time: NaN, text: '' };

/** "2026-01-01": the UTC day of a date as a decision states it. The last one is kept: a batch
 * decides every profile as of the same day. */
export function dayText(date: Date): string {
  const time = date.getTime();
  if (time !== lastDay.time) lastDay = { time, text: date.toISOString().slice(0, 10) };
  return lastDay.text;
}

export function formatMonthIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Earliest and latest month a partial date may mean, for comparing dates of mixed precision. */
export function monthBounds(date: PartialDate): [number, number] {
  if (date.month === undefined) return [monthIndex(date.year, 1), monthIndex(date.year, 12)];
  const index = monthIndex(date.year, date.month);
  return [index, index];
}

/** True when `end` is certainly before `start`, whatever month a year-only date stands for. */
export function endsBeforeStart(start: PartialDate, end: PartialDate): boolean {
  const [startEarliest] = monthBounds(start);
  const [, endLatest] = monthBounds(end);
  if (endLatest !== startEarliest) return endLatest < startEarliest;
  return start.precision === 'day' && end.precision === 'day' && (end.day ?? 0) < (start.day ?? 0);
}

/** Parses `YYYY-MM-DD` strictly (the as-of option). */
export function parseDay(text: string): Date | null {
  const d = parsePartialDate(text);
  if (!d || d.precision !== 'day') return null;
  return new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day));
}

export const todayUtc = (): Date => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};
