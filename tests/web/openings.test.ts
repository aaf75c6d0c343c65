import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { accessible, launch, present, shots } from '../helpers/browser.ts';

/* The screening-record pages end to end, against a real server with a real SQLite store in a
 * fresh folder. */

let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!present) return;
  app = await buildApp({ log: false, rateLimit: 0, store: { dataDir: mkdtempSync(join(tmpdir(), 'qualify-pages-store-')) } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});


const csv = [
  'id,degree1_level,degree1_field,degree1_foreign,degree1_evaluated,certifications,job1_title,job1_start,job1_end,job1_categories',
  'P-1,B.S.,Computer Science,no,no,CCNA,Network Administrator,2015-01,2021-12,it-infrastructure',
  'P-2,B.S.,Computer Science,yes,no,CCNA,Network Administrator,2015-01,2021-12,it-infrastructure',
  'P-3,B.S.,Computer Science,no,no,CCNA,Network Administrator,2019-01,2021-12,it-infrastructure',
].join('\n');

describe.skipIf(!present)('the screening-record pages', () => {
  it('take a recruiter from an export to final outcomes: an opening, an upload, the review queue, a verdict with its reason, the history', async () => {
    const page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 900 } })).newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${base}/openings`);
    await page.fill('#reviewer', 'R. Diaz');
    await page.click('#sign-in button[type=submit]');
    await page.waitForSelector('#openings p');
    // The form says what is missing, next to each field.
    await page.click('#create button[type=submit]');
    await page.waitForSelector('.error-summary a[href="#title"]');
    await accessible(page);
    await page.fill('#title', 'Infrastructure engineers, spring 2026');
    await page.check('#classes input[value="houston-440.4"]');
    await page.fill('#asOf', '2026-01-01');
    await Promise.all([page.waitForURL(/\/openings\/[^/]+$/), page.click('#create button[type=submit]')]);

    const file = join(shots, 'opening-upload.csv');
    writeFileSync(file, csv);
    await page.waitForSelector('#queue p');
    await page.setInputFiles('#csv', file);
    await page.click('#upload button[type=submit]');
    await page.waitForSelector('#applicants tr:nth-child(3)');
    expect(await page.$$eval('#applicants tr', (rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['qualified', 'review', 'not_qualified']);
    // The review queue first, with exactly what to check.
    expect(await page.textContent('#queue')).toMatch(/P-2.*houston-440\.4.*1 thing to check/s);
    await page.screenshot({ path: join(shots, 'opening.png'), fullPage: true });
    await accessible(page);

    await Promise.all([page.waitForURL(/\/applicants\//), page.click('#queue a')]);
    await page.waitForSelector('.review-item');
    expect(await page.textContent('.review-item')).toMatch(/foreign/i);
    await page.click('.review-item button:text("Confirm")');
    await page.waitForSelector('.error-summary');
    expect(await page.textContent('.error-summary')).toContain('Say why');
    await page.fill('.review-item textarea', 'Evaluation by a NACES member seen: equivalent to a US bachelor’s.');
    await page.click('.review-item button:text("Confirm")');
    await page.waitForSelector('#review p:text("Nothing to review.")');
    expect(await page.getAttribute('#outcomes .decision', 'data-status')).toBe('qualified');
    const history = await page.$$eval('#history li', (items) => items.map((i) => i.textContent ?? ''));
    expect(history).toHaveLength(3);
    expect(history[0]).toMatch(/decided on upload.*Review.*by R\. Diaz/);
    expect(history[1]).toMatch(/R\. Diaz confirmed .* Evaluation by a NACES member seen/);
    expect(history[2]).toMatch(/decided again after the review.*Qualified/);
    await page.screenshot({ path: join(shots, 'applicant.png'), fullPage: true });
    await accessible(page);

    await Promise.all([page.waitForURL(/\/openings\/[^/]+$/), page.click('#back')]);
    await page.waitForSelector('#queue p:text("Nothing to review.")');
    expect(await page.$$eval('#applicants tr', (rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['qualified', 'qualified', 'not_qualified']);
    // Re-rating under the same rules changes nothing, and says so.
    await page.click('#rerate');
    await page.waitForSelector('#rerating p');
    expect(await page.textContent('#rerating p')).toMatch(/3 outcomes re-evaluated .*: 0 would change/);
    await page.context().close();
  });

  it('name each bad line of a refused upload, not only how many there were', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await page.goto(`${base}/openings`);
    await page.fill('#reviewer', 'R. Diaz');
    await page.click('#sign-in button[type=submit]');
    await page.fill('#title', 'A refused upload');
    await page.check('#classes input[value="houston-440.4"]');
    await page.fill('#asOf', '2026-01-01');
    await Promise.all([page.waitForURL(/\/openings\/[^/]+$/), page.click('#create button[type=submit]')]);
    const file = join(shots, 'opening-bad-upload.csv');
    writeFileSync(file, csv.replace('P-2,B.S.,Computer Science,yes,no,CCNA,Network Administrator,2015-01', 'P-2,B.S.,Computer Science,yes,no,CCNA,Network Administrator,2015-13'));
    await page.waitForSelector('#queue p');
    await page.setInputFiles('#csv', file);
    await page.click('#upload button[type=submit]');
    await page.waitForSelector('.error-summary');
    expect(await page.$$eval('.error-summary li', (items) => items.map((i) => i.textContent))).toEqual([
      '1 problem in the CSV; no applicant was added',
      'line 3: job1_start: must be a date YYYY-MM-DD, YYYY-MM or YYYY',
    ]);
    await page.context().close();
  });
});
