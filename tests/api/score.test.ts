import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installProblems } from '../../src/api/problem.ts';
import { generateApplicants } from '../../src/batch/generate.ts';
import { scoreRoute } from '../../src/api/routes/score.ts';
import { projectRoot } from '../../src/paths.ts';
import { bundledCatalogue, loadCatalogue, type Catalogue } from '../../src/rules/load.ts';

const sample = readFileSync(`${projectRoot}/data/samples/applicants.csv`, 'utf8');
const rows = sample.trim().split('\n').length - 1;

/** The plugin alone on a bare instance, with only the problem+json error handler the app installs. */
async function bare(apiKeys: string[] = [], catalogue: Catalogue = bundledCatalogue()): Promise<FastifyInstance> {
  const app = Fastify();
  installProblems(app);
  await app.register(scoreRoute, { catalogue, apiKeys });
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
