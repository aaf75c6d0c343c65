import { parsePartialDate } from '../profile/dates.ts';

/** Dates as résumés write them: "Jan 2015", "January 2015", "03/2016", "2016-03", "2012",
 * "Summer 2019", "Present". Returns a profile date (YYYY-MM or YYYY), 'present', or null. */

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 };
/** A season stands for its months: where it starts for a start date, where it ends for an end date. */
const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], fall: [9, 11], autumn: [9, 11], winter: [12, 2] };
const pad = (m: number): string => String(m).padStart(2, '0');

/** At most six letters after the abbreviation ("sep" + "tember"): an unbounded run would be read again
 * from every "jan" of a long run of letters, a cost that grows with the square of the line. */
const MONTH_NAME = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?';
const ONE_DATE = `(?:${MONTH_NAME}\\s+\\d{4}|(?:spring|summer|fall|autumn|winter)\\s+\\d{4}|\\d{1,2}/\\d{4}|\\d{4}-\\d{2}|\\d{4})`;
const END_DATE = `(?:${ONE_DATE}|present|current|now|today|to date)`;
/** A date range anywhere in a line: "Jan 2015 – Present", "03/2016 - 11/2019", "2012–2014", "Summer 2019",
 * "From: 07/2019 To: Present".
 * Linear in the line: every repetition is bounded but the spaces, and a run of spaces follows one
 * date or separator only, so it is read once (tests/text/adversarial.test.ts). */
export const RANGE = new RegExp(`(${ONE_DATE})\\s*(?:-|–|—|to:?|until)\\s*(${END_DATE})|((?:spring|summer|fall|autumn|winter)\\s+\\d{4})`, 'i');

export function readDate(text: string, as: 'start' | 'end'): string | 'present' | null {
  const date = readAnyDate(text, as);
  // "0320" has the shape of a year and is none: what a profile cannot hold is not a date.
  return date === 'present' || (date !== null && parsePartialDate(date) !== null) ? date : null;
}

function readAnyDate(text: string, as: 'start' | 'end'): string | 'present' | null {
  const t = text.trim().toLowerCase();
  if (/^(present|current|now|today|to date)$/.test(t)) return 'present';
  let m = /^([a-z]+)\.?\s+(\d{4})$/.exec(t);
  if (m) {
    const season = SEASONS[m[1]!];
    if (season) return `${m[2]}-${pad(as === 'start' ? season[0] : season[1])}`;
    const month = MONTHS[m[1]!.slice(0, m[1]!.startsWith('sept') ? 4 : 3)];
    return month ? `${m[2]}-${pad(month)}` : null;
  }
  m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${pad(Number(m[1]))}`;
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(t) || /^\d{4}$/.test(t)) return t;
  return null;
}

/** The range of a line, with the rest of the line (title, employer) and what was matched. */
export function findRange(line: string): { start: string; end: string | 'present'; rest: string } | null {
  const m = RANGE.exec(line);
  if (!m) return null;
  const [from, to] = m[3] ? [m[3], m[3]] : [m[1]!, m[2]!];
  const start = readDate(from, 'start');
  const end = readDate(to, 'end');
  if (!start || !end || start === 'present') return null;
  const rest = (line.slice(0, m.index) + ' ' + line.slice(m.index + m[0].length)).replace(/[()[\]]/g, ' ');
  return { start, end, rest };
}
