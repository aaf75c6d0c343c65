import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adverseImpact, fisherExact, formatP, isUndisclosed, NOT_IDENTIFIED, reportFormat, reportHtml, reportJson, writeReport, type ReportMeta } from '../../src/batch/report.ts';
import { plural, Tally } from '../../src/batch/summary.ts';
import type { Decision } from '../../src/engine/decision.ts';
import { QualifyError } from '../../src/errors.ts';

const decision = (status: Decision['status'], cls = 'c'): Decision => ({ id: 'x', class: cls, status, score: 0, reasons: [], gaps: status === 'qualified' ? [] : [{ code: 'GAP_EXPERIENCE', message: 'one more thing' }], rulesVersion: 'v', asOf: '2026-01-01', path: 'p' });

const meta = (over: Partial<ReportMeta> = {}): ReportMeta => ({
  classes: [{ id: 'c', title: 'Senior Data Analyst', rulesVersion: '2025-07-01.3' }],
  asOf: '2026-01-01',
  generatedAt: '2026-01-05T14:03:00.000Z',
  groupBy: 'self_id',
  rows: { total: 7, scored: 6, errors: 1 },
  columnsUsed: [{ column: 'Applicant Number', as: 'id' }, { column: 'Self ID', as: 'self_id' }],
  ...over,
});

/** A tally of `counts`: group → [applicants, qualified], for class c. */
function tallyOf(counts: Record<string, [number, number]>): Tally {
  const tally = new Tally();
  let line = 2;
  for (const [group, [applicants, qualified]] of Object.entries(counts)) {
    for (let i = 0; i < applicants; i++) tally.add({ line: line++, id: `a${line}`, group, decisions: [decision(i < qualified ? 'qualified' : 'not_qualified')] });
  }
  return tally;
}

describe('the adverse impact report', () => {
  it('computes selection rates and four-fifths ratios as in a hand-checked example', () => {
    // A: 48 of 80 (60%); B: 12 of 40 (30%); C: 9 of 12 (75%); D: 2 of 4, suppressed.
    const groups = new Map([['A', { applicants: 80, qualified: 48 }], ['B', { applicants: 40, qualified: 12 }], ['C', { applicants: 12, qualified: 9 }], ['D', { applicants: 4, qualified: 2 }]]);
    const rates = adverseImpact(groups);
    expect(rates.map((r) => [r.group, r.qualified, r.rate, r.impactRatio, r.flagged, r.suppressed, r.reference])).toEqual([
      ['A', 48, 0.6, 0.8, false, false, false],
      ['B', 12, 0.3, 0.4, true, false, false],
      ['C', 9, 0.75, 1, false, false, true],
      ['D', null, null, null, false, true, false],
    ]);
    // Fisher's exact test against C, the highest rate: B (12/40 against 9/12) is significant, A is not.
    expect(rates.find((r) => r.group === 'B')!.pValue).toBeCloseTo(fisherExact(12, 28, 9, 3), 12);
    expect(rates.find((r) => r.group === 'B')!.significant).toBe(true);
    expect(rates.find((r) => r.group === 'A')!.significant).toBe(false);
    expect(rates.find((r) => r.group === 'C')!.pValue).toBeNull();
    expect(rates.find((r) => r.group === 'D')!.pValue).toBeNull();
  });

  it('leaves applicants who did not self-identify out of the comparison, and small groups out of the highest rate', () => {
    // Blank: 9 of 10 (90%), not compared; E: 4 of 4 (100%), too small to be the highest; F: 6 of 10; G: 4 of 10.
    const groups = new Map([['', { applicants: 10, qualified: 9 }], ['E', { applicants: 4, qualified: 4 }], ['F', { applicants: 10, qualified: 6 }], ['G', { applicants: 10, qualified: 4 }]]);
    const rates = adverseImpact(groups);
    expect(rates.map((r) => [r.group, r.rate, r.impactRatio, r.flagged, r.unidentified])).toEqual([
      ['E', null, null, false, false],
      ['F', 0.6, 1, false, false],
      ['G', 0.4, 0.666667, true, false],
      [NOT_IDENTIFIED, 0.9, null, false, true],
    ]);
  });

  it('counts blank and declined answers in one row apart, never compared and never the reference', () => {
    // Declined answers qualify at 100%: were they a group, they would be the reference.
    const groups = new Map([
      ['Declined to self-identify', { applicants: 6, qualified: 6 }],
      ['', { applicants: 3, qualified: 3 }],
      ['Prefer not to say', { applicants: 2, qualified: 2 }],
      ['UNKNOWN', { applicants: 1, qualified: 1 }],
      ['A', { applicants: 10, qualified: 8 }],
      ['B', { applicants: 10, qualified: 3 }],
    ]);
    const rates = adverseImpact(groups);
    expect(rates.map((r) => r.group)).toEqual(['A', 'B', NOT_IDENTIFIED]);
    const apart = rates.at(-1)!;
    expect(apart).toMatchObject({ applicants: 12, qualified: 12, rate: 1, impactRatio: null, pValue: null, flagged: false, reference: false, unidentified: true });
    expect(apart.answers).toEqual(['(blank)', 'Declined to self-identify', 'Prefer not to say', 'UNKNOWN']);
    expect(rates.find((r) => r.reference)!.group).toBe('A');
    expect(rates.find((r) => r.group === 'B')!.impactRatio).toBe(0.375);

    for (const said of ['Declined', 'decline to state', 'Declined to Self-Identify', 'declined_to_self_identify', 'Prefer not to say.', 'Not disclosed', 'Did not disclose', 'Choose not to disclose', 'Unknown', '  ', 'I do not wish to answer', 'Undisclosed', 'Not specified', 'Not stated', 'No response', 'Prefer not to answer', 'Decline']) expect(isUndisclosed(said), said).toBe(true);
    for (const said of ['Female', 'Two or more races', 'Hispanic or Latino', 'Not Hispanic or Latino', 'Asian', 'Native Hawaiian or Other Pacific Islander']) expect(isUndisclosed(said), said).toBe(false);

    // In the HTML: its own row apart, and no bar in the chart.
    const html = reportHtml(tallyOf({ 'Declined to self-identify': [6, 6], A: [10, 8], B: [10, 3] }), meta());
    expect(html).toMatch(new RegExp(`<tbody class="apart"><tr><th scope="row">${NOT_IDENTIFIED}<br><small>answers: Declined to self-identify</small></th><td class="n">6</td>`));
    expect(html).toContain('not compared (not identified / declined)');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).not.toContain('Declined');
    expect(svg).not.toContain(NOT_IDENTIFIED);
  });

  it('suppresses a group, or the row of declined answers, of fewer than five', () => {
    const rates = adverseImpact(new Map([['A', { applicants: 10, qualified: 5 }], ['Z', { applicants: 4, qualified: 4 }], ['Declined', { applicants: 3, qualified: 1 }]]));
    expect(rates.map((r) => [r.group, r.qualified, r.rate, r.suppressed])).toEqual([['A', 5, 0.5, false], ['Z', null, null, true], [NOT_IDENTIFIED, null, null, true]]);
  });

  it("computes Fisher's exact test (two-sided) exactly, as R's fisher.test", () => {
    expect(fisherExact(3, 1, 1, 3)).toBeCloseTo(0.485714, 6); // 34/70
    expect(fisherExact(10, 0, 0, 10)).toBeCloseTo(2 / 184756, 12); // ≈ 1.0825e-5
    expect(fisherExact(10, 0, 0, 10)).toBeCloseTo(1.0825e-5, 8);
    expect(fisherExact(1, 9, 11, 3)).toBeCloseTo(0.002759, 6); // Wikipedia's worked example
    expect(fisherExact(0, 0, 0, 0)).toBe(1);
    expect(fisherExact(5, 5, 5, 5)).toBeCloseTo(1, 12);
    expect(fisherExact(2, 7, 8, 2)).toBeCloseTo(fisherExact(8, 2, 2, 7), 12);
    expect(fisherExact(12, 28, 9, 3)).toBeCloseTo(0.0079347885, 9);
    // Large tables stay exact: 600 of 1,000 against 500 of 1,000 (scipy.stats.fisher_exact: 8.453719674e-6).
    expect(fisherExact(600, 400, 500, 500) / 8.453719674485626e-6).toBeCloseTo(1, 8);
    expect(fisherExact(50_000, 50_000, 30_000, 70_000)).toBeGreaterThanOrEqual(0);
    expect(() => fisherExact(-1, 0, 0, 0)).toThrow(RangeError);
    expect(formatP(0.48571)).toBe('0.4857');
    expect(formatP(1.08e-5)).toBe('< 0.0001');
    expect(formatP(null)).toBe('—');
  });

  it('counts statuses and gaps, and groups only when a column is named', () => {
    const tally = new Tally();
    for (let i = 0; i < 6; i++) tally.add({ line: i + 2, id: `a${i}`, group: i < 3 ? 'G1' : ' G2 ', decisions: [decision(i % 3 === 0 ? 'qualified' : 'not_qualified')] });
    tally.add({ line: 9, id: 'bad', error: 'line 9: id: missing' });
    const json = reportJson(tally, meta()) as { applicants: number; errors: number; classes: object; adverseImpact: { classes: { c: Array<{ group: string }> } } };
    expect(json).toMatchObject({ applicants: 7, errors: 1, classes: { c: { qualified: 2, review: 0, not_qualified: 4 } } });
    expect(json.adverseImpact.classes.c.map((g) => g.group)).toEqual(['G1', 'G2']);
    expect(tally.topGaps()).toEqual([{ class: 'c', code: 'GAP_EXPERIENCE', message: 'one more thing', count: 4 }]);
    expect(tally.gapCodes()).toEqual([{ class: 'c', code: 'GAP_EXPERIENCE', count: 4 }]);
    expect(tally.describe()).toContain('4 × c GAP_EXPERIENCE: one more thing');
    expect(reportHtml(tally, meta())).toContain('<h3>Selection rates by self_id: Senior Data Analyst (<code>c</code>)</h3>');
    const { groupBy: _, ...ungrouped } = meta();
    expect(reportJson(tally, ungrouped)).not.toHaveProperty('adverseImpact');
    expect(reportHtml(tally, ungrouped)).not.toContain('<svg');
  });
});

describe('the report states what it is about', () => {
  const tally = tallyOf({ A: [10, 6], B: [10, 3] });

  it('gives class title, rules version, as-of date, generation time, row counts, columns and the group column in HTML', () => {
    const html = reportHtml(tally, meta({ rows: { total: 21, scored: 20, errors: 1 } }));
    expect(html).toContain('<title>qualify batch report: Senior Data Analyst</title>');
    expect(html).toContain('<h1>Batch report: Senior Data Analyst</h1>');
    expect(html).toContain('Senior Data Analyst (<code>c</code>), rules version <code>2025-07-01.3</code>');
    expect(html).toContain('<dt>Rules version</dt><dd>2025-07-01.3</dd>');
    expect(html).toContain('<dt>As of</dt><dd><time>2026-01-01</time></dd>');
    expect(html).toContain('<dt>Generated</dt><dd><time datetime="2026-01-05T14:03:00.000Z">2026-01-05 14:03:00 UTC</time></dd>');
    expect(html).toContain('<dt>Rows read</dt><dd>21 rows</dd>');
    expect(html).toContain('<dt>Scored</dt><dd>20 rows (20 applicants)</dd>');
    expect(html).toContain('<dt>With errors</dt><dd>1 row, left out of the counts and rates</dd>');
    expect(html).toContain('<tr><td>Applicant Number</td><td><code>id</code></td></tr>');
    expect(html).toContain('<dt>Group column</dt><dd><code>self_id</code>');
    expect(html).toContain("Fisher's exact test (two-sided)");
    expect(html).toContain('<th scope="col">Fisher p (two-sided)</th>');
  });

  it('gives the same in JSON, with dates from Date objects', () => {
    const json = reportJson(tally, meta({ asOf: new Date('2026-01-01T00:00:00Z'), generatedAt: new Date('2026-01-05T14:03:00Z') })) as Record<string, unknown>;
    expect(json).toMatchObject({
      asOf: '2026-01-01',
      generatedAt: '2026-01-05T14:03:00.000Z',
      groupBy: 'self_id',
      rows: { total: 7, scored: 6, errors: 1 },
      columnsUsed: [{ column: 'Applicant Number', as: 'id' }, { column: 'Self ID', as: 'self_id' }],
      classes: { c: { title: 'Senior Data Analyst', rulesVersion: '2025-07-01.3', qualified: 9, not_qualified: 11 } },
      adverseImpact: { significanceTest: "Fisher's exact test (two-sided)", alpha: 0.05, threshold: 0.8, minimumGroup: 5 },
    });
  });

  it('names several classes and versions', () => {
    const two = new Tally();
    for (let i = 0; i < 3; i++) two.add({ line: i + 2, id: `a${i}`, decisions: [decision('qualified', 'c'), decision('review', 'd')] });
    const html = reportHtml(two, meta({ classes: [{ id: 'c', title: 'Analyst', rulesVersion: 'v1' }, { id: 'd', title: 'Engineer', rulesVersion: 'v2' }], groupBy: undefined }));
    expect(html).toContain('<h1>Batch report: Analyst, Engineer</h1>');
    expect(html).toContain('<dt>Classes</dt>');
    expect(html).toContain('<dt>Rules versions</dt><dd>v1, v2</dd>');
  });

  it('says 1 row and 2 rows', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(2, 'row')).toBe('2 rows');
    expect(plural(0, 'row')).toBe('0 rows');
    expect(plural(1000, 'applicant')).toBe('1,000 applicants');
    const one = new Tally();
    one.add({ line: 2, id: 'a', decisions: [decision('qualified')] });
    one.add({ line: 3, id: 'b', error: 'line 3: id: missing' });
    expect(one.describe()).toMatch(/^2 applicants scored, 1 row with errors/);
    const html = reportHtml(one, meta({ rows: { total: 1, scored: 1, errors: 0 }, groupBy: undefined }));
    expect(html).toContain('<dd>1 row</dd>');
    expect(html).toContain('<dd>0 rows, left out');
    expect(html).not.toMatch(/\b1 rows\b|\b1 applicants\b/);
  });
});

describe('the chart', () => {
  it('draws a bar per compared group and a dashed line at four fifths of the highest rate', () => {
    // A: 60% (highest), B: 30%, C: 2 of 4 (suppressed: no bar).
    const html = reportHtml(tallyOf({ A: [10, 6], B: [10, 3], C: [4, 2] }), meta());
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="chart-1-title chart-1-desc"/);
    expect(svg).toContain('<title id="chart-1-title">Selection rates by self_id: Senior Data Analyst</title>');
    expect(svg).toMatch(/<desc id="chart-1-desc">Selection rate per group: A 60\.0%; B 30\.0%\. Four fifths of the highest rate is 48\.0%; below it: B\.<\/desc>/);
    expect(svg.match(/<rect /g)).toHaveLength(2);
    // The line: label width 230 + 0.48 × bar width 400 = 422.
    expect(svg).toMatch(/<line x1="422\.0" x2="422\.0" [^>]*stroke-dasharray="6 4"\/>/);
    expect(svg).toContain('4/5 of highest: 48.0%');
    expect(svg).toContain('<title>B: 30.0% selected (3 of 10), impact ratio 0.50, below four-fifths, Fisher p 0.3698</title>');
    expect(svg).not.toContain('>C<');
  });

  it('is left out, with a sentence, when no group is large enough', () => {
    const html = reportHtml(tallyOf({ A: [3, 1], B: [2, 2] }), meta());
    expect(html).not.toContain('<svg');
    expect(html).toContain('No group has 5 or more applicants: nothing to compare.');
  });
});

describe('writing the report', () => {
  const tally = tallyOf({ A: [10, 6], B: [10, 3] });

  it('picks the type from the extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-report-'));
    expect(reportFormat('r.html')).toBe('html');
    expect(reportFormat('R.HTM')).toBe('html');
    expect(reportFormat('out/r.json')).toBe('json');
    writeReport(join(dir, 'r.htm'), tally, meta());
    expect(readFileSync(join(dir, 'r.htm'), 'utf8')).toMatch(/^<!doctype html>/);
    writeReport(join(dir, 'r.json'), tally, meta());
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'))).toMatchObject({ asOf: '2026-01-01' });
  });

  it('refuses any other extension, naming those accepted, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-report-'));
    for (const file of ['r.pdf', 'r', 'r.html.txt', 'r.csv']) {
      const error = (() => {
        try {
          reportFormat(file);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(QualifyError);
      expect(error).toMatchObject({ code: 'QUAL_ERR_INVALID_OPTION', message: expect.stringContaining('.html, .htm or .json') });
    }
    expect(() => writeReport(join(dir, 'r.pdf'), tally, meta())).toThrow(/--report ".*r\.pdf" must end in \.html, \.htm or \.json/);
    expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
  });

  it('says when the report cannot be written', () => {
    expect(() => writeReport('/nonexistent/dir/r.html', tally, meta())).toThrow(expect.objectContaining({ code: 'QUAL_ERR_UNREADABLE_FILE', message: expect.stringMatching(/^cannot write the report \/nonexistent\/dir\/r\.html: /) }));
  });
});
