import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { installProblems } from '../../src/api/problem.ts';
import { generateApplicants } from '../../src/batch/generate.ts';
import { exportRoutes } from '../../src/api/routes/score.ts';
import { projectRoot } from '../../src/paths.ts';
import { bundledCatalogue, loadCatalogue, type Catalogue } from '../../src/rules/load.ts';

const sample = readFileSync(`${projectRoot}/data/samples/applicants.csv`, 'utf8');
const rows = sample.trim().split('\n').length - 1;

/** The plugin alone on a bare instance, with only the problem+json error handler the app installs. */
async function bare(apiKeys: string[] = [], catalogue: Catalogue = bundledCatalogue()): Promise<FastifyInstance> {
  const app = Fastify();
  installProblems(app);
  await app.register(exportRoutes, { catalogue, apiKeys });
  return app;
}

let app: FastifyInstance;
beforeAll(async () => {
  app = await bare();
});
afterAll(() => app.close());

const upload = (url: string, headers: Record<string, string> = {}, payload = sample) => app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv', ...headers } });

describe('POST /v1/classes/:id/score', () => {
  it('streams back the scored CSV, one record per applicant in input order, with the rules version', async () => {
    const res = await upload('/v1/classes/chicago-06G7/score?asOf=2026-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['qualify-rules-version']).toMatch(/^2023-03-01\+/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('line,id,class,status,score,gaps,reasons,rulesVersion,error');
    const ids = [...res.body.matchAll(/^\d+,(APP-\d+)?,chicago-06G7,/gm)].map((m) => m[1] ?? '');
    expect(ids).toHaveLength(rows);
    expect(ids.filter(Boolean)).toEqual([...ids.filter(Boolean)].sort());
  });

  it('answers JSON Lines when asked, bad rows as error records naming their line', async () => {
    const res = await upload('/v1/classes/chicago-06G7/score?asOf=2026-01-01', { accept: 'application/x-ndjson' });
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const records = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(rows);
    expect(records.some((r) => r.status === 'error' && /^line \d+: /.test(r.error))).toBe(true);
  });

  it('scores a larger upload streamed in, every row once and in order', async () => {
    const payload = await text(generateApplicants(2000, { seed: 9, badShare: 0.03 }));
    const res = await upload('/v1/classes/houston-440.4/score?asOf=2026-01-01', { accept: 'application/x-ndjson' }, payload);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as { line: number });
    expect(lines.map((r) => r.line)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 2));
  });

  it('reads the long layout when asked', async () => {
    const csv = 'id,job_title,job_start,job_end,job_categories\nL-1,Project Manager,2015-01,2017-12,project-management\nL-1,Project Manager,2018-01,2021-12,project-management\n';
    const res = await upload('/v1/classes/chicago-06J7/score?asOf=2026-01-01&layout=long', { accept: 'application/x-ndjson' }, csv);
    expect(res.body.trim().split('\n').map((l) => JSON.parse(l))).toMatchObject([{ id: 'L-1', line: 2, status: 'qualified' }]);
  });

  it('refuses a CSV without an id column with a problem before any record is sent', async () => {
    const res = await upload('/v1/classes/chicago-06G7/score', {}, 'name,job1_title\nDana,Engineer\n');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE', errors: [{ path: 'id' }] });
  });

  it('answers problems for an unknown class, a bad date and a body that is not CSV', async () => {
    expect((await upload('/v1/classes/atlantis/score')).json()).toMatchObject({ status: 404, code: 'QUAL_ERR_UNKNOWN_CLASS' });
    expect((await upload('/v1/classes/chicago-06G7/score?asOf=yesterday')).json()).toMatchObject({ status: 400, code: 'QUAL_ERR_INVALID_OPTION' });
    const json = await app.inject({ method: 'POST', url: '/v1/classes/chicago-06G7/score', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('scores with the catalogue it was given, not the bundled rules, and says which version decided', async () => {
    // houston-440.4 as a class that asks for one year of infrastructure experience instead of six.
    const rulesDir = mkdtempSync(join(tmpdir(), 'qualify-score-rules-'));
    const original = readFileSync(join(projectRoot, 'rules', 'houston-440.4.yaml'), 'utf8');
    expect(original).toMatch(/^effective: 2018-11-01$/m);
    expect(original).toMatch(/^ {8}months: 72$/m);
    writeFileSync(join(rulesDir, 'houston-440.4.yaml'), original.replace(/^effective: 2018-11-01$/m, 'effective: 2025-06-01').replace(/^( {8}months: )72$/m, '$112'));
    const changed = await bare([], loadCatalogue({ rulesDir }));
    // Two years of infrastructure, a degree and a CCNA: enough for one year, not for six.
    const csv = 'id,degree1_level,degree1_field,certifications,job1_title,job1_start,job1_end,job1_categories\nH-1,B.S.,Computer Science,CCNA,Network Administrator,2022-01,2023-12,it-infrastructure\n';
    const res = await changed.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score?asOf=2026-01-01', payload: csv, headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' } });
    await changed.close();
    expect(res.statusCode).toBe(200);
    const [record] = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(record).toMatchObject({ id: 'H-1', class: 'houston-440.4', status: 'qualified' });
    expect(record.rulesVersion).toBe(res.headers['qualify-rules-version']);
    expect(record.rulesVersion).toMatch(/^2025-06-01\+[0-9a-f]{12}$/);
    expect(record.rulesVersion).not.toBe(bundledCatalogue().rules.get('houston-440.4')!.version);
    // The same row under the bundled rules falls short.
    const bundled = (await upload('/v1/classes/houston-440.4/score?asOf=2026-01-01', { accept: 'application/x-ndjson' }, csv)).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(bundled).toMatchObject([{ id: 'H-1', status: 'not_qualified' }]);
  });

  it('needs an API key when keys are configured', async () => {
    const guarded = await bare(['k']);
    const res = await guarded.inject({ method: 'POST', url: '/v1/classes/chicago-06G7/score', payload: sample, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(401);
    const ok = await guarded.inject({ method: 'POST', url: '/v1/classes/chicago-06G7/score', payload: sample, headers: { 'content-type': 'text/csv', 'x-api-key': 'k' } });
    expect(ok.statusCode).toBe(200);
    await guarded.close();
  });
});

const exportCsv = readFileSync(`${projectRoot}/tests/fixtures/exports/ats-export.csv`, 'utf8');
const exportMap = readFileSync(`${projectRoot}/tests/fixtures/exports/ats-export.map.yaml`, 'utf8');

/** A multipart form as a browser or `curl -F` sends it, parts in the order given. */
async function form(parts: Array<[string, string, string?]>): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const data = new FormData();
  for (const [name, value, file] of parts) {
    if (file === undefined) data.append(name, value);
    else data.append(name, new Blob([value], { type: 'text/csv' }), file);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: data });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

describe('an export with columns of its own', () => {
  it('is refused, every unknown column named with its nearest, until each is mapped or ignored', async () => {
    const res = await upload('/v1/classes/houston-440.4/score?asOf=2026-01-01', {}, exportCsv);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('QUAL_ERR_UNREADABLE_FILE');
    expect(problem.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['Highest Degree', 'Certs', 'Race/Ethnicity', 'Years of IT experience']));
    expect(problem.errors.find((e: { path: string }) => e.path === 'Highest Degree').message).toMatch(/nearest: degree1_level/);
    // In the API's words: no CLI flag a caller cannot use.
    expect(problem.detail).toMatch(/the part map/);
    expect(problem.detail).not.toMatch(/--map|--ignore/);
    const ignored = await upload(`/v1/classes/houston-440.4/score?asOf=2026-01-01&ignore=${encodeURIComponent('id,First Name,Last Name')}`, {}, 'id,First Name,Last Name,Nickname\nA-1,Dana,Lee,D\n');
    expect(ignored.json()).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE', errors: [{ path: 'Nickname' }] });
  });

  it('scores through a map sent as a form, with the same records as the CLI with the same map', async () => {
    const { payload, headers } = await form([['map', exportMap], ['file', exportCsv, 'ats-export.csv']]);
    const res = await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score?asOf=2026-01-01', payload, headers });
    expect(res.statusCode).toBe(200);
    const cli = execFileSync(process.execPath, [`${projectRoot}/bin/qualify.mjs`, 'score', `${projectRoot}/tests/fixtures/exports/ats-export.csv`, '--class', 'houston-440.4', '--as-of', '2026-01-01', '--map', `${projectRoot}/tests/fixtures/exports/ats-export.map.yaml`], { encoding: 'utf8' });
    expect(res.body).toBe(cli);
    expect(res.body).toMatch(/C-1001,houston-440\.4,qualified/);
  });

  it('refuses a form with a part it does not know, or no CSV, naming the part', async () => {
    const extra = await form([['map', exportMap], ['notes', 'x'], ['file', exportCsv, 'a.csv']]);
    expect((await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score', ...extra })).json()).toMatchObject({ status: 400, errors: [{ path: 'notes' }] });
    const none = await form([['map', exportMap]]);
    expect((await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score', ...none })).json()).toMatchObject({ status: 400, errors: [{ path: 'file' }] });
    const badMap = await form([['map', 'columns: {Certs: certificates}'], ['file', exportCsv, 'a.csv']]);
    expect((await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score', ...badMap })).json()).toMatchObject({ status: 400, code: 'QUAL_ERR_INVALID_OPTION', detail: expect.stringMatching(/columns\.Certs: "certificates" is not a column qualify reads \(nearest: certifications/) });
  });
});

describe('POST /v1/exports/preview', () => {
  it('suggests a map, says which columns would stop scoring, and shows the first rows as read', async () => {
    const res = await upload('/v1/exports/preview', {}, exportCsv);
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    const column = (header: string) => preview.columns.find((c: { header: string }) => c.header === header);
    expect(column('Candidate ID')).toMatchObject({ as: 'id', read: 'read' });
    expect(column('Highest Degree')).toMatchObject({ as: 'degree1_level', read: 'mapped', guess: 'sure' });
    expect(column('Race/Ethnicity')).toMatchObject({ as: null, read: 'ignored', guess: 'demographic' });
    expect(column('Years of IT experience')).toMatchObject({ as: null, read: 'unknown', guess: 'question' });
    expect(preview.problems.map((p: { path: string }) => p.path)).toEqual(['Years of IT experience', 'Years of infrastructure experience']);
    expect(preview.map).toMatchObject({ columns: { 'Highest Degree': 'degree1_level' }, dates: 'MM/DD/YYYY', lists: { certifications: ',' } });
    expect(preview.mapYaml).toMatch(/^columns:\n {2}Highest Degree: degree1_level$/m);
    expect(preview.targets).toEqual(expect.arrayContaining(['id', 'certifications', 'job3_title', 'degree2_level']));
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[0]).toMatchObject({ line: 2, id: 'C-1001', profile: { education: [{ level: 'BS', completed: '2012-05-15' }], experience: [{ end: 'present' }, { end: '2018-05-31' }] }, problems: [] });
  });

  it('reads under the map sent, row problems named by column', async () => {
    const map = `${exportMap}\n`.replace('Major: degree1_field', 'Major: degree1_field\n  Graduation Date: degree1_completed').replace(/^ {2}Graduation Date: degree1_completed\n/m, '').replace('dates: MM/DD/YYYY', 'dates: DD/MM/YYYY');
    const { payload, headers } = await form([['map', map], ['file', exportCsv, 'a.csv']]);
    const preview = (await app.inject({ method: 'POST', url: '/v1/exports/preview', payload, headers })).json();
    expect(preview.problems).toEqual([]);
    expect(preview.columns.find((c: { header: string }) => c.header === 'Years of IT experience')).toMatchObject({ read: 'self-reported' });
    // The map as YAML to save: the same map, its keys in order.
    expect(parse(preview.mapYaml)).toEqual(parse(map));
    // 05/15/2012 read day first is no date: the row says so, by the column's name in the export.
    expect(preview.rows[0].problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/Graduation Date|degree1_completed/) })]));
  });
});
