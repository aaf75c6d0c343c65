import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { projectRoot } from '../../src/paths.ts';

/* End to end, in Debian's Chromium against a real server on a random port. CI installs Chromium
 * (.ci/run); elsewhere these tests are skipped with a note when it is missing. */
const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install chromium`);
const shots = join(projectRoot, 'test-output', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!present) return;
  mkdirSync(shots, { recursive: true });
  app = await buildApp({ log: false, rateLimit: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(path: string): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the pages themselves run under the real policy.
  const page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 900 } })).newPage();
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  return page;
}

/** axe-core in the page: no serious or critical violation. */
async function accessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);
}

async function fillJob(page: Page, i: number, job: { title: string; start: string; end: string; category: string; supervisory: 'yes' | 'no' }) {
  await page.fill(`#experience-${i}-title`, job.title);
  await page.fill(`#experience-${i}-start`, job.start);
  await page.fill(`#experience-${i}-end`, job.end);
  await page.check(`input[name="experience-${i}-supervisory"][value="${job.supervisory}"]`);
  await page.check(`input[name="experience-${i}-categories"][value="${job.category}"]`);
}

async function selfCheck(cls: string, fill: (page: Page) => Promise<void>, shot?: string) {
  const page = await open('/');
  await page.selectOption('#class', cls);
  await page.fill('#asOf', '2026-01-01');
  await fill(page);
  await page.click('button[type=submit]');
  await page.waitForSelector('.decision');
  if (shot) await page.screenshot({ path: join(shots, shot), fullPage: true });
  const status = await page.getAttribute('.decision', 'data-status');
  const words = await page.textContent('.decision .status');
  const gaps = await page.$$eval('.decision .gaps li', (items) => items.map((i) => i.textContent ?? ''));
  await page.context().close();
  return { status, words, gaps };
}

describe.skipIf(!present)('the self-check page', () => {
  it('shows "qualified" for a BS in Computer Science, six years of infrastructure and a CCNA (READING.md §8)', async () => {
    const result = await selfCheck('houston-440.4', async (page) => {
      await page.fill('#education-0-level', 'B.S.');
      await page.fill('#education-0-field', 'Computer Science');
      await fillJob(page, 0, { title: 'Network Administrator', start: '2015-01', end: '2020-12', category: 'it-infrastructure', supervisory: 'no' });
      await page.fill('#certifications-0-name', 'CCNA');
    }, 'self-check.png');
    expect(result.status).toBe('qualified');
    expect(result.words).toContain('You meet the minimum qualifications');
  });

  it('shows "not qualified" with what is missing for five years and a CCNA (READING.md §8)', async () => {
    const result = await selfCheck('houston-440.4', async (page) => {
      await page.fill('#education-0-level', 'BS');
      await page.fill('#education-0-field', 'CS');
      await fillJob(page, 0, { title: 'Systems Administrator', start: '2016-01', end: '2020-12', category: 'it-infrastructure', supervisory: 'no' });
      await page.fill('#certifications-0-name', 'CCNA');
    });
    expect(result.status).toBe('not_qualified');
    expect(result.gaps.join('\n')).toMatch(/1 year more of experience/);
    expect(result.gaps.join('\n')).toMatch(/one more current certification/);
  });

  it('shows "review" with the clause to check for a BS in Business and three years of project management (READING.md §8)', async () => {
    const result = await selfCheck('chicago-06J7', async (page) => {
      await page.fill('#education-0-level', 'BS');
      await page.fill('#education-0-field', 'Business');
      await fillJob(page, 0, { title: 'Project Manager', start: '2023-01', end: '2025-12', category: 'project-management', supervisory: 'no' });
    });
    expect(result.status).toBe('review');
    expect(result.gaps.join('\n')).toContain("a reviewer's acceptance of");
  });

  it('shows an error next to the field it concerns, and a summary linking to it', async () => {
    const page = await open('/');
    await page.fill('#experience-0-title', 'Engineer');
    await page.fill('#experience-0-start', '2020-03');
    await page.fill('#experience-0-end', '2019-01');
    await page.click('button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('#experience-0-end-error')).toContain('ends (2019-01) before it starts (2020-03)');
    expect(await page.getAttribute('.error-summary a', 'href')).toBe('#experience-0-end');
    await page.screenshot({ path: join(shots, 'self-check-error.png'), fullPage: true });
    await accessible(page);
    await page.context().close();
  });

  it('fills the form from a pasted résumé, for the applicant to check', async () => {
    const page = await open('/');
    await page.click('#prefill summary');
    await page.fill('#resume', 'EXPERIENCE\nNetwork Administrator, Metro Transit, Jan 2015 - Dec 2020\nEDUCATION\nB.S. in Computer Science, 2012\nCERTIFICATIONS\nCCNA');
    await page.click('#prefill-button');
    await page.waitForSelector('#prefill-status:has-text("Filled in")');
    expect(await page.inputValue('#experience-0-title')).toBe('Network Administrator');
    expect(await page.inputValue('#experience-0-start')).toBe('2015-01');
    expect(await page.inputValue('#education-0-level')).toBe('B.S.');
    expect(await page.inputValue('#certifications-0-name')).toBe('CCNA');
    await page.selectOption('#class', 'houston-440.4');
    await page.fill('#asOf', '2026-01-01');
    await page.click('button[type=submit]');
    await page.waitForSelector('.decision');
    expect(await page.getAttribute('.decision', 'data-status')).toBe('qualified');
    await page.context().close();
  });

  it('is accessible', async () => {
    const page = await open('/');
    await accessible(page);
    await page.context().close();
  });
});

describe.skipIf(!present)('the screening page', () => {
  it('scores an uploaded CSV with a bad row into a table, filters it, explains a row and downloads the scored CSV', async () => {
    const csv = [
      'id,degree1_level,degree1_field,certifications,job1_title,job1_start,job1_end,job1_supervisory,job1_categories',
      'S-1,B.S.,Computer Science,CCNA,Network Administrator,2015-01,2020-12,no,it-infrastructure',
      'S-2,BS,CS,CCNA,Systems Administrator,2016-01,2020-12,no,it-infrastructure',
      'S-3,BS,CS,CCNA,Network Administrator,2020-03,2019-01,no,it-infrastructure',
    ].join('\n');
    const file = join(shots, 'upload.csv');
    writeFileSync(file, csv);
    const page = await open('/screen');
    await page.selectOption('#class', 'houston-440.4');
    await page.fill('#asOf', '2026-01-01');
    await page.setInputFiles('#file', file);
    await page.click('button[type=submit]');
    await page.waitForSelector('#rows tr');
    expect(await page.$$eval('#rows tr', (rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['qualified', 'not_qualified', 'error']);
    expect(await page.textContent('#rows tr[data-status=error]')).toContain('line 4: job1_end: ends (2019-01) before it starts (2020-03)');
    await page.selectOption('#filter', 'qualified');
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(1);
    await page.selectOption('#filter', '');
    await page.click('#rows tr[data-status=not_qualified]');
    await page.waitForSelector('#detail .decision');
    await page.screenshot({ path: join(shots, 'screen.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const scored = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(scored).toHaveLength(4);
    expect(scored[3]).toContain(',error,');
    await accessible(page);
    await page.context().close();
  });
});

describe.skipIf(!present)('the class page', () => {
  it('shows the requirements and substitutions, each with its quoted clause', async () => {
    const page = await open('/classes/houston-440.4');
    await page.waitForSelector('blockquote');
    const text = await page.textContent('main');
    expect(text).toContain('Senior IT Professional');
    expect(text).toContain('“Requires a Bachelor\'s degree in Computer Science');
    expect(text).toContain('Substitutions');
    await page.screenshot({ path: join(shots, 'class.png'), fullPage: true });
    await accessible(page);
    await page.context().close();
  });
});
