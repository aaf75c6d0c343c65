import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../helpers/time-zone.ts';
import { buildTimeline } from '../../src/facts/timeline.ts';
import { parsePartialDate } from '../../src/profile/dates.ts';
import type { Job } from '../../src/profile/normalise.ts';

/** A full-time job with day-precision start and a month-precision end. */
const job = (start: string, end: string): Job => ({
  index: 0, title: 'Job', employer: null, start: parsePartialDate(start)!, end: parsePartialDate(end)!, hoursPerWeek: 40, description: '',
  categories: new Set(), capacities: new Set(), selfReported: false, attribution: { source: 'profile', inferred: [], confidence: 1, evidence: [] },
});
const options = { asOf: new Date(Date.UTC(2200, 0, 1)), reading: 'strict' as const, counting: { fullTimeHours: 40, partTime: 'proportional' as const, minDaysPerMonth: 0 } };
/** FTE months of one job. */
const months = (start: string, end: string) => buildTimeline([job(start, end)], options).reduce((sum, s) => sum + s.months * s.fte[0]!, 0);

describe('the length of a month in the FTE timeline', () => {
  it('follows the Gregorian calendar, leap years included', () => {
    expect(months('2025-03-16', '2025-03')).toBeCloseTo(16 / 31, 12);
    expect(months('2025-04-16', '2025-04')).toBeCloseTo(15 / 30, 12);
    expect(months('2024-02-15', '2024-02')).toBeCloseTo(15 / 29, 12);
    expect(months('2023-02-15', '2023-02')).toBeCloseTo(14 / 28, 12);
    expect(months('2000-02-15', '2000-02')).toBeCloseTo(15 / 29, 12);
    expect(months('2100-02-15', '2100-02')).toBeCloseTo(14 / 28, 12);
  });

  it('is the same in a time zone west of UTC', () => {
    inTimeZone('America/New_York', () => {
      expect(months('2024-03-16', '2024-03')).toBeCloseTo(16 / 31, 12);
      expect(months('2024-02-15', '2024-02')).toBeCloseTo(15 / 29, 12);
    });
  });
});
