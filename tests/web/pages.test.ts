import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { dataPath, projectRoot } from '../../src/paths.ts';
import { loadCatalogue } from '../../src/rules/load.ts';
import { loadVocabulary } from '../../src/vocab/vocabulary.ts';
import { accessible, launch, present, shots } from '../helpers/browser.ts';


let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!present) return;
  app = await buildApp({ log: false, rateLimit: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function open(path: string, at = base): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the pages themselves run under the real policy.
  const page = await (await browser.newContext({ bypassCSP: true, viewport: { width: 1000, height: 900 } })).newPage();
  await page.goto(`${at}${path}`);
  await page.waitForLoadState('networkidle');
  return page;
}


/** `capacities: []` ticks "None of these" (what "did not supervise" was); missing leaves them to be read. */
async function fillJob(page: Page, i: number, job: { title: string; start: string; end: string; category: string; capacities?: string[] }) {
  await page.fill(`#experience-${i}-title`, job.title);
  await page.fill(`#experience-${i}-start`, job.start);
  await page.fill(`#experience-${i}-end`, job.end);
  if (job.capacities?.length === 0) await page.check(`input[name="experience-${i}-capacities"][data-none]`);
  for (const c of job.capacities ?? []) await page.check(`input[name="experience-${i}-capacities"][value="${c}"]`);
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
  it('shows "qualified" for a BS in Computer Science, six years of infrastructure and a CCNA', async () => {
    const result = await selfCheck('houston-440.4', async (page) => {
      await page.fill('#education-0-level', 'B.S.');
      await page.fill('#education-0-field', 'Computer Science');
      await fillJob(page, 0, { title: 'Network Administrator', start: '2015-01', end: '2020-12', category: 'it-infrastructure', capacities: [] });
      await page.fill('#certifications-0-name', 'CCNA');
    }, 'self-check.png');
    expect(result.status).toBe('qualified');
    expect(result.words).toContain('You meet the minimum qualifications');
  });

  it('shows "not qualified" with what is missing for five years and a CCNA', async () => {
    const result = await selfCheck('houston-440.4', async (page) => {
      await page.fill('#education-0-level', 'BS');
      await page.fill('#education-0-field', 'CS');
      await fillJob(page, 0, { title: 'Systems Administrator', start: '2016-01', end: '2020-12', category: 'it-infrastructure', capacities: [] });
      await page.fill('#certifications-0-name', 'CCNA');
    });
    expect(result.status).toBe('not_qualified');
    expect(result.gaps.join('\n')).toMatch(/1 year more of experience/);
    expect(result.gaps.join('\n')).toMatch(/one more current certification/);
  });

  it('shows "review" with the clause to check for a BS in Business and three years of project management', async () => {
    const result = await selfCheck('chicago-06J7', async (page) => {
      await page.fill('#education-0-level', 'BS');
      await page.fill('#education-0-field', 'Business');
      await fillJob(page, 0, { title: 'Project Manager', start: '2023-01', end: '2025-12', category: 'project-management', capacities: [] });
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

  /** The self-check page with the form filled from a pasted résumé. */
  async function prefilled(resume: string): Promise<Page> {
    const page = await open('/');
    await page.click('#prefill summary');
    await page.fill('#resume', resume);
    await page.click('#prefill-button');
    await page.waitForSelector('#prefill-status:has-text("Filled in")');
    return page;
  }

  /** The status the page shows for houston-440.4 once the form is sent. */
  async function decided(page: Page): Promise<string | null> {
    await page.selectOption('#class', 'houston-440.4');
    await page.fill('#asOf', '2026-01-01');
    await page.click('button[type=submit]');
    await page.waitForSelector('.decision');
    return page.getAttribute('.decision', 'data-status');
  }

  it('fills the form from a pasted résumé, for the applicant to check', async () => {
    const page = await prefilled('EXPERIENCE\nNetwork Administrator, Metro Transit, Jan 2015 - Dec 2020\nEDUCATION\nB.S. in Computer Science, 2012\nCERTIFICATIONS\nCCNA');
    expect(await page.inputValue('#experience-0-title')).toBe('Network Administrator');
    expect(await page.inputValue('#experience-0-start')).toBe('2015-01');
    expect(await page.inputValue('#education-0-level')).toBe('B.S.');
    expect(await page.inputValue('#certifications-0-name')).toBe('CCNA');
    expect(await decided(page)).toBe('qualified');
    await page.context().close();
  });

  it('keeps a job\'s hours and a certification\'s dates from a pasted résumé, so an expired one does not count', async () => {
    const page = await prefilled('EXPERIENCE\nNetwork Administrator, Metro Transit, Jan 2015 - Dec 2020\nHours per week: 30\nEDUCATION\nB.S. in Computer Science, 2012\nCERTIFICATIONS\nCCNA\nJanuary 2016 to January 2019');
    expect(await page.textContent('#prefill-status')).toMatch(/^Filled in 1 job, 1 degree and 1 certification\. /);
    expect([await page.inputValue('#certifications-0-issued'), await page.inputValue('#certifications-0-expires')]).toEqual(['2016-01', '2019-01']);
    expect(await page.inputValue('#experience-0-hoursPerWeek')).toBe('30');
    expect(await decided(page)).toBe('not_qualified');
    expect(await page.textContent('.decision')).toContain('expired');
    await page.context().close();
  });

  it('is accessible', async () => {
    const page = await open('/');
    await accessible(page);
    await page.context().close();
  });
});

describe.skipIf(!present)('the self-check page with vocabularies of its own', () => {
  // A copy of data/ with a category the bundled data lacks, and a class that asks for it in the
  // bundled \`lead\` capacity: the page offers both from GET /v1/vocabularies, with no change to it.
  let other: FastifyInstance;
  let otherBase: string;
  beforeAll(async () => {
    const data = mkdtempSync(join(tmpdir(), 'qualify-data-'));
    cpSync(dataPath(), data, { recursive: true });
    const categories = join(data, 'categories.yaml');
    writeFileSync(categories, readFileSync(categories, 'utf8').replace('categories:', 'categories:\n  procurement:\n    label: procurement\n    title: [buyer, procurement officer]\n    duties: [tenders, vendor selection]\n'));
    const rules = mkdtempSync(join(tmpdir(), 'qualify-page-rules-'));
    writeFileSync(join(rules, 'buyer-2.yaml'), [
      'id: buyer-2',
      'title: Buyer II',
      'jurisdiction: Test County',
      'effective: 2025-01-01',
      'source: { document: Buyer II class specification }',
      'paths:',
      '  - id: standard',
      '    label: Two years of procurement, one as lead',
      '    requirements:',
      '      - kind: experience',
      '        id: experience',
      '        label: two years of procurement',
      '        months: 24',
      '        categories: [procurement]',
      '        including: [{ id: lead, label: in a lead capacity, months: 12, capacities: [lead], clause: One year of which in a lead capacity. }]',
      '        clause: Two years of professional procurement experience.',
    ].join('\n'));
    other = await buildApp({ log: false, rateLimit: 0, catalogue: loadCatalogue({ rulesDir: rules, vocab: loadVocabulary(data) }) });
    await other.listen({ port: 0, host: '127.0.0.1' });
    otherBase = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await other?.close();
  });

  it('offers a category added only to the data, and sends and decides a self-check with a capacity chosen', async () => {
    const page = await open('/', otherBase);
    expect((await page.textContent('label:has(input[name="experience-0-categories"][value="procurement"])'))?.trim()).toBe('Procurement');
    expect(await page.$$eval('input[name="experience-0-capacities"]', (boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(expect.arrayContaining(['supervisory', 'lead', '']));
    await page.selectOption('#class', 'buyer-2');
    await page.fill('#asOf', '2026-01-01');
    await fillJob(page, 0, { title: 'Buyer', start: '2023-01', end: '2024-12', category: 'procurement', capacities: ['lead'] });
    const submit = async () => {
      const previous = await page.$('.decision');
      const [request] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/v1/evaluate') && r.method() === 'POST'), page.click('button[type=submit]')]);
      // The results are replaced: wait for the new decision, not the one already shown.
      if (previous) await page.waitForFunction((old) => !old.isConnected, previous);
      await page.waitForSelector('.decision');
      const status = await page.getAttribute('.decision', 'data-status');
      return { sent: request.postDataJSON().profile.experience[0], status };
    };
    const led = await submit();
    expect(led.sent).toMatchObject({ categories: ['procurement'], capacities: ['lead'] });
    expect(led.status).toBe('qualified');
    await page.screenshot({ path: join(shots, 'self-check-vocabulary.png'), fullPage: true });

    // "None of these" clears the capacities ticked and states that the job had none: the lead year is missing.
    await page.check('input[name="experience-0-capacities"][data-none]');
    expect(await page.isChecked('input[name="experience-0-capacities"][value="lead"]')).toBe(false);
    const none = await submit();
    expect(none.sent.capacities).toEqual([]);
    expect(none.status).toBe('not_qualified');
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
    await page.waitForSelector('#mapping:not([hidden])');
    await page.click('#score');
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

describe.skipIf(!present)('the mapping step of the screening page', () => {
  const exportCsv = join(projectRoot, 'tests', 'fixtures', 'exports', 'ats-export.csv');
  const exportMap = join(projectRoot, 'tests', 'fixtures', 'exports', 'ats-export.map.yaml');
  /** What `qualify score` writes for the export under a map, as of the day the pages use. */
  const cli = (map: string) => execFileSync(process.execPath, [join(projectRoot, 'bin', 'qualify.mjs'), 'score', exportCsv, '--class', 'houston-440.4', '--as-of', '2026-01-01', '--map', map], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

  async function start(map?: string): Promise<Page> {
    const page = await open('/screen');
    await page.selectOption('#class', 'houston-440.4');
    await page.fill('#asOf', '2026-01-01');
    await page.setInputFiles('#file', exportCsv);
    if (map) await page.setInputFiles('#mapfile', map);
    await page.click('button[type=submit]');
    await page.waitForSelector('#mapping:not([hidden]) #columns tr');
    await shown(page);
    return page;
  }
  const readAs = (page: Page, header: string) => page.$eval(`select[data-header="${header}"]`, (s) => (s as HTMLSelectElement).value);
  /** Waits for the preview a change asks for to be shown. */
  const shown = (page: Page) => page.waitForSelector('#mapping:not([aria-busy])', { state: 'attached' });
  async function choose(page: Page, header: string, choice: string) {
    await page.selectOption(`select[data-header="${header}"]`, choice);
    await shown(page);
  }
  async function apply(page: Page, yaml: string) {
    await page.fill('#map-yaml', yaml);
    await page.click('#apply-map');
    await shown(page);
  }
  async function downloaded(page: Page, button: string): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return readFileSync((await download.path())!, 'utf8');
  }

  it('suggests a target for each column, stops at the unknown ones, and scores once the recruiter has said what they are', async () => {
    const page = await start();
    expect(await readAs(page, 'Highest Degree')).toBe('degree1_level');
    expect(await readAs(page, 'Race/Ethnicity')).toBe('@ignore');
    expect(await readAs(page, 'Years of IT experience')).toBe('');
    expect(await page.textContent('#map-problems')).toContain('Years of IT experience, Years of infrastructure experience');
    // The first rows as they will be read, dates converted and the job still held read as such.
    expect(await page.textContent('#preview tr:first-child')).toMatch(/C-1001.*BS in Computer Science \(2012-05-15\).*Network Administrator: 2018-06-01 – present/);
    await accessible(page);
    await page.click('#score');
    await page.waitForSelector('.error-summary a[href="#column-21"]');
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(0);
    await choose(page, 'Years of IT experience', '@self');
    await choose(page, 'Years of infrastructure experience', '@ignore');
    expect(await page.textContent('#map-problems')).toContain('nothing stops scoring');
    expect(await readAs(page, 'Years of IT experience')).toBe('@self');
    await page.screenshot({ path: join(shots, 'screen-mapping.png'), fullPage: true });
    await page.click('#score');
    await page.waitForSelector('#rows tr');
    expect(await page.$$eval('#rows tr', (rows) => rows.length)).toBe(6);
    // The map downloaded from the page gives the CLI the same records as the page scored.
    const map = await downloaded(page, '#download-map');
    expect(map).toMatch(/^selfReported:\n {2}Years of IT experience:/m);
    const file = join(shots, 'ats-export.map.yaml');
    writeFileSync(file, map);
    expect(await downloaded(page, '#download-csv')).toBe(cli(file));
    await page.context().close();
  });

  it('reads with a map saved before, edits conversions in its YAML, and scores as the CLI does with that map', async () => {
    const page = await start(exportMap);
    expect(await page.textContent('#map-problems')).toContain('nothing stops scoring');
    expect(await readAs(page, 'Years of infrastructure experience')).toBe('@self');
    await page.click('#score');
    await page.waitForSelector('#rows tr');
    const statuses = await page.$$eval('#rows tr', (rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toHaveLength(6);
    expect(await downloaded(page, '#download-csv')).toBe(cli(exportMap));
    // A wrong date form, set in the YAML, shows in the preview as each row's problem.
    await page.click('summary');
    await apply(page, (await page.inputValue('#map-yaml')).replace('dates: MM/DD/YYYY', 'dates: DD/MM/YYYY'));
    expect(await page.textContent('#preview tr:first-child')).toMatch(/degree1_completed|Graduation Date/);
    await apply(page, 'columns: {Certs: certificates}');
    expect(await page.textContent('.error-summary')).toContain('"certificates" is not a column qualify reads');
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

  it('shows credentials, credit hours, capacities, named certifications and rates in words', async () => {
    const ca = await open('/classes/ca-tddc-project-manager');
    await ca.waitForSelector('blockquote');
    const text = await ca.textContent('main');
    expect(text).toContain("Holds: bachelor's degree or higher");
    expect(text).toContain('in a lead capacity');
    expect(text).toContain('pmi-pmp');
    await ca.context().close();
    const nyc = await open('/classes/nyc-1002C');
    await nyc.waitForSelector('blockquote');
    expect(await nyc.textContent('main')).toContain('6 months for every 30 credit hours');
    await nyc.context().close();
    const nys = await open('/classes/nys-its-2');
    await nys.waitForSelector('blockquote');
    expect(await nys.textContent('main')).toMatch(/15 semester credit hours in Computer Science \(not counting Mathematics, Business\)/);
    await accessible(nys);
    await nys.context().close();
  });
});

describe.skipIf(!present)('the pages reached by a LAN name over plain HTTP', () => {
  it('load their forms and scripts, under the real security policy', async () => {
    // Chromium resolves the name to loopback: the origin is not "potentially trustworthy", as a
    // LAN address would not be, so an upgrade-insecure-requests policy would break every asset.
    const port = (app.server.address() as { port: number }).port;
    const lan = await launch(['--host-resolver-rules=MAP qualify-pilot.lan 127.0.0.1']);
    try {
      const page = await (await lan.newContext()).newPage();
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(r.url()));
      await page.goto(`http://qualify-pilot.lan:${port}/`);
      await page.waitForSelector('form button[type=submit]');
      await page.goto(`http://qualify-pilot.lan:${port}/classes/houston-440.4`);
      await page.waitForSelector('blockquote');
      await page.goto(`http://qualify-pilot.lan:${port}/screen`);
      await page.waitForSelector('input[type=file]');
      expect(failed).toEqual([]);
    } finally {
      await lan.close();
    }
  });
});
