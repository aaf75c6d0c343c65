import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportHtml, type ReportMeta } from '../../src/batch/report.ts';
import { Tally } from '../../src/batch/summary.ts';
import type { Decision } from '../../src/engine/decision.ts';
import { projectRoot } from '../../src/paths.ts';

/* The HTML adverse-impact report in Debian's Chromium, as a recruiter opens it from disk. CI installs
 * Chromium (.ci/run); elsewhere this test is skipped when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install chromium`);
const SHOT = join(projectRoot, 'docs', 'screenshots', 'report.png');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const CLASS = 'chicago-06G7';
const decision = (status: Decision['status']): Decision => ({
  id: 'x', class: CLASS, status, score: 0, reasons: [], rulesVersion: '2023-03-01+3f9a1c2e', asOf: '2026-01-01', path: 'p',
  gaps: status === 'qualified' ? [] : [{ code: 'GAP_EXPERIENCE', message: '2 years more of experience are needed' }],
});

/** Groups as a self-identification column holds them: group → [applicants, qualified, in review]. */
const GROUPS: Record<string, [number, number, number]> = {
  'Hispanic or Latino': [42, 15, 4],
  'White': [61, 31, 5],
  'Black or African American': [38, 9, 3],
  'Asian': [24, 11, 2],
  'Two or more races': [9, 4, 1],
  'American Indian or Alaska Native': [3, 1, 0],
  'Declined to self-identify': [11, 6, 1],
  '': [6, 2, 1],
};

function tally(): Tally {
  const t = new Tally();
  let line = 2;
  for (const [group, [applicants, qualified, review]] of Object.entries(GROUPS)) {
    for (let i = 0; i < applicants; i++) {
      const status = i < qualified ? 'qualified' : i < qualified + review ? 'review' : 'not_qualified';
      t.add({ line, id: `A-${1000 + line}`, group, decisions: [decision(status)] });
      line++;
    }
  }
  t.add({ line, id: 'A-bad', error: `line ${line}: job1_end: ends (2019-01) before it starts (2020-03)` });
  return t;
}

const meta: ReportMeta = {
  classes: [{ id: CLASS, title: 'Infrastructure and Operations Lead', rulesVersion: '2023-03-01+3f9a1c2e' }],
  asOf: '2026-01-01',
  generatedAt: '2026-01-05T14:03:00.000Z',
  groupBy: 'Self ID Group',
  rows: { total: 195, scored: 194, errors: 1 },
  columnsUsed: [
    { column: 'Applicant Number', as: 'id' },
    { column: 'Highest Degree', as: 'degree1_level' },
    { column: 'Position', as: 'job1_title' },
    { column: 'From', as: 'job1_start' },
    { column: 'To', as: 'job1_end' },
    { column: 'Self ID Group', as: 'group (--group-by)' },
  ],
};

let browser: Browser;
beforeAll(async () => {
  if (!present) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!present)('the HTML report in a browser', () => {
  it('shows the chart of selection rates with the four-fifths line, passes axe, and is photographed', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 }, javaScriptEnabled: false })).newPage();
    await page.setContent(reportHtml(tally(), meta), { waitUntil: 'load' });

    const chart = page.locator('svg.rates');
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(500);
    expect(box.height).toBeGreaterThan(150);
    // One bar per compared group (five of 5 or more; the group of 3 and the declined are not drawn).
    expect(await page.locator('svg.rates rect').count()).toBe(5);
    // The dashed line across the bars (a vertical line has no width: its height says it is drawn), labelled.
    await expect(page.locator('svg.rates .four-fifths').isVisible()).resolves.toBe(true);
    const line = page.locator('svg.rates .four-fifths line');
    expect(await line.getAttribute('stroke-dasharray')).toBe('6 4');
    expect((await line.boundingBox())!.height).toBeGreaterThan(5 * 20);
    // Read by name: the chart's accessible name is its title.
    await expect(page.getByRole('img', { name: 'Selection rates by Self ID Group: Infrastructure and Operations Lead' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('svg.rates').textContent()).toContain('4/5 of highest');
    expect(await page.locator('tbody.apart th').textContent()).toContain('not identified / declined');
    expect(await page.locator('h1').textContent()).toBe('Batch report: Infrastructure and Operations Lead');

    await page.screenshot({ path: SHOT, fullPage: true });
    expect(existsSync(SHOT)).toBe(true);

    // axe-core needs scripts: the same report again, with JavaScript on, checked for serious violations.
    const checked = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await checked.setContent(reportHtml(tally(), meta), { waitUntil: 'load' });
    await checked.addScriptTag({ path: axePath });
    const violations = await checked.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.context().close();
    await checked.context().close();
  }, 60_000);
});

mkdirSync(join(projectRoot, 'docs', 'screenshots'), { recursive: true });
