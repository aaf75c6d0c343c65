import { describe, expect, it } from 'vitest';
import { inTimeZone } from '../helpers/time-zone.ts';
import { daysInMonth, monthIndex, parsePartialDate } from '../../src/profile/dates.ts';

describe('reading a date', () => {
  it('accepts the last day of every month and refuses the day after, leap years included', () => {
    expect(parsePartialDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, precision: 'day' });
    expect(parsePartialDate('2023-02-29')).toBeNull();
    expect(parsePartialDate('2100-02-29')).toBeNull();
    expect(parsePartialDate('2000-02-29')).not.toBeNull();
    for (let month = 1; month <= 12; month++) {
      const days = daysInMonth(monthIndex(2025, month));
      const mm = String(month).padStart(2, '0');
      expect(parsePartialDate(`2025-${mm}-${days}`)).not.toBeNull();
      expect(parsePartialDate(`2025-${mm}-${days + 1}`)).toBeNull();
    }
  });

  it('reads the same calendar in a time zone west of UTC', () => {
    inTimeZone('America/New_York', () => {
      expect(parsePartialDate('2020-03-31')).not.toBeNull();
      expect(parsePartialDate('2023-02-30')).toBeNull();
      expect(parsePartialDate('2024-03-31')).not.toBeNull();
    });
  });
});
