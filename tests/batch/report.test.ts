import { describe, expect, it } from 'vitest';
import { adverseImpact, reportHtml, reportJson } from '../../src/batch/report.ts';
import { Tally } from '../../src/batch/summary.ts';
import type { Decision } from '../../src/engine/decision.ts';

const decision = (status: Decision['status']): Decision => ({ id: 'x', class: 'c', status, score: 0, reasons: [], gaps: status === 'qualified' ? [] : [{ code: 'GAP_EXPERIENCE', message: 'one more thing' }], rulesVersion: 'v', asOf: '2026-01-01', path: 'p' });

describe('the adverse impact report', () => {
  it('computes selection rates and four-fifths ratios as in a hand-checked example', () => {
    // A: 48 of 80 (60%); B: 12 of 40 (30%); C: 9 of 12 (75%); D: 2 of 4, suppressed.
    const groups = new Map([['A', { applicants: 80, qualified: 48 }], ['B', { applicants: 40, qualified: 12 }], ['C', { applicants: 12, qualified: 9 }], ['D', { applicants: 4, qualified: 2 }]]);
    const rates = adverseImpact(groups);
    expect(rates.map((r) => [r.group, r.qualified, r.rate, r.impactRatio, r.flagged, r.suppressed])).toEqual([
      ['A', 48, 0.6, 0.8, false, false],
      ['B', 12, 0.3, 0.4, true, false],
      ['C', 9, 0.75, 1, false, false],
      ['D', null, null, null, false, true],
    ]);
  });

  it('leaves applicants who did not self-identify out of the comparison, and small groups out of the highest rate', () => {
    // Blank: 9 of 10 (90%), not compared; E: 4 of 4 (100%), too small to be the highest; F: 6 of 10; G: 4 of 10.
    const groups = new Map([['', { applicants: 10, qualified: 9 }], ['E', { applicants: 4, qualified: 4 }], ['F', { applicants: 10, qualified: 6 }], ['G', { applicants: 10, qualified: 4 }]]);
    const rates = adverseImpact(groups);
    expect(rates.map((r) => [r.group, r.rate, r.impactRatio, r.flagged, r.unidentified])).toEqual([
      ['', 0.9, null, false, true],
      ['E', null, null, false, false],
      ['F', 0.6, 1, false, false],
      ['G', 0.4, 0.666667, true, false],
    ]);
  });

  it('counts statuses and gaps, and groups only when a column is named', () => {
    const tally = new Tally();
    for (let i = 0; i < 6; i++) tally.add({ line: i + 2, id: `a${i}`, group: i < 3 ? 'G1' : 'G2', decisions: [decision(i % 3 === 0 ? 'qualified' : 'not_qualified')] });
    tally.add({ line: 9, id: 'bad', error: 'line 9: id: missing' });
    const json = reportJson(tally, 'self_id') as { applicants: number; errors: number; classes: object; adverseImpact: { classes: { c: unknown[] } } };
    expect(json).toMatchObject({ applicants: 7, errors: 1, classes: { c: { qualified: 2, review: 0, not_qualified: 4 } } });
    expect(json.adverseImpact.classes.c).toHaveLength(2);
    expect(tally.topGaps()).toEqual([{ class: 'c', code: 'GAP_EXPERIENCE', message: 'one more thing', count: 4 }]);
    expect(tally.gapCodes()).toEqual([{ class: 'c', code: 'GAP_EXPERIENCE', count: 4 }]);
    expect(tally.describe()).toContain('4 × c GAP_EXPERIENCE: one more thing');
    expect(reportHtml(tally, 'self_id')).toContain('<h2>Selection rates by self_id: c</h2>');
    expect(reportJson(tally, undefined)).not.toHaveProperty('adverseImpact');
  });
});
