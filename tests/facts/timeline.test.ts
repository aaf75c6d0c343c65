import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineOptions } from '../../src/facts/timeline.ts';
import { parsePartialDate, type PartialDate } from '../../src/profile/dates.ts';
import type { Job } from '../../src/profile/normalise.ts';

const date = (text: string): PartialDate => parsePartialDate(text)!;
const job = (start: string, end: string | null, hoursPerWeek = 40): Job => ({
  index: 0, title: 'Job', employer: null, start: date(start), end: end === null ? null : date(end), hoursPerWeek, description: '',
  categories: new Set(), capacities: new Set(), selfReported: false, attribution: { source: 'profile', inferred: [], confidence: 1, evidence: [] },
});
const counting = { fullTimeHours: 40, partTime: 'proportional' as const, minDaysPerMonth: 0 };
const options = (overrides: Partial<TimelineOptions> = {}): TimelineOptions => ({ asOf: new Date(Date.UTC(2026, 0, 1)), reading: 'strict', counting, ...overrides });

/** Total FTE months credited to job j. */
const months = (jobs: Job[], o = options(), j = 0) => buildTimeline(jobs, o).reduce((sum, s) => sum + s.months * s.fte[j]!, 0);
/** FTE months with concurrent jobs capped at one a month. */
const capped = (jobs: Job[], o = options()) => buildTimeline(jobs, o).reduce((sum, s) => sum + s.months * Math.min(1, s.fte.reduce((a, b) => a + b, 0)), 0);

describe('the FTE timeline', () => {
  it('counts 2015-01 to 2019-12 as exactly 60 months', () => {
    expect(months([job('2015-01', '2019-12')])).toBe(60);
  });

  it('reads year-only dates January to December generously and December to January strictly', () => {
    expect(months([job('2015', '2020')], options({ reading: 'generous' }))).toBe(72);
    expect(months([job('2015', '2020')], options({ reading: 'strict' }))).toBe(50);
  });

  it('counts a day-precision start as the share of its month from that day', () => {
    // 16 March to 31 March is 16 of 31 days, then April.
    expect(months([job('2020-03-16', '2020-04')])).toBeCloseTo(16 / 31 + 1, 10);
  });

  it('runs a job without an end to the as-of date, and counts nothing after it', () => {
    expect(months([job('2025-01', null)], options({ asOf: new Date(Date.UTC(2025, 5, 30)) }))).toBeCloseTo(6, 10);
    expect(months([job('2025-01', '2030-12')], options({ asOf: new Date(Date.UTC(2025, 11, 31)) }))).toBeCloseTo(12, 10);
    expect(months([job('2027-01', null)])).toBe(0);
  });

  it('credits part-time work in proportion to 40 hours, or at half under the half policy', () => {
    expect(months([job('2020-01', '2020-12', 20)])).toBe(6);
    expect(months([job('2020-01', '2020-12', 60)])).toBe(12);
    expect(months([job('2020-01', '2020-12', 30)], options({ counting: { ...counting, partTime: 'half' } }))).toBe(6);
  });

  it('never lets concurrent jobs add up past full time in a month', () => {
    expect(capped([job('2020-01', '2020-12'), job('2020-07', '2021-06')])).toBe(18);
    expect(capped([job('2020-01', '2020-12', 20), job('2020-01', '2020-12', 20)])).toBe(12);
  });

  it('counts a month only when 15 days were worked under a 15-day policy', () => {
    const o = options({ counting: { ...counting, minDaysPerMonth: 15 } });
    expect(months([job('2020-03-20', '2020-05-10')], o)).toBe(1);
    expect(months([job('2020-03-10', '2020-05-20')], o)).toBe(3);
  });

  it('cuts a segment where a recency window starts', () => {
    const segments = buildTimeline([job('2010-01', '2025-12')], options({ breakpoints: [2021 * 12] }));
    expect(segments.some((s) => s.start === 2021 * 12)).toBe(true);
  });

  it('makes one segment of the months a job is held alone at the same credit; jobs held together keep their cuts', () => {
    // One job, whole months: a single run of 24 months.
    expect(buildTimeline([job('2020-01', '2021-12')], options()).map((s) => [s.start - 2020 * 12, s.months])).toEqual([[0, 24]]);
    // Starting mid-month: the first month is a share, the rest one run.
    expect(buildTimeline([job('2020-03-16', '2020-12')], options()).map((s) => s.months)).toEqual([1, 9]);
    // Two jobs overlapping: alone, together (cut at each job's first, second, last and after-last month), alone again.
    const overlapping = buildTimeline([job('2020-01', '2020-12'), job('2020-07', '2021-06')], options());
    expect(overlapping.map((s) => [s.months, ...s.fte])).toEqual([[6, 1, 0], [1, 1, 1], [4, 1, 1], [1, 1, 1], [6, 0, 1]]);
  });
});
