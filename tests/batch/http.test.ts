import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { projectRoot } from '../../src/paths.ts';

const sample = readFileSync(`${projectRoot}/data/samples/applicants.csv`, 'utf8');
const rows = sample.trim().split('\n').length - 1;
let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ log: false, rateLimit: 0 });
});
afterAll(() => app.close());

const upload = (url: string, headers: Record<string, string> = {}, payload = sample) => app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv', ...headers } });

describe('POST /v1/classes/:id/score', () => {
  it('streams back the scored CSV, one record per applicant, with the rules version', async () => {
    const res = await upload('/v1/classes/chicago-06G7/score?asOf=2026-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['qualify-rules-version']).toMatch(/^2023-03-01\+/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('line,id,class,status,score,gaps,reasons,rulesVersion,error');
    expect(res.body.match(/^\d+,APP-\d+,chicago-06G7,/gm)).toHaveLength(rows);
  });

  it('answers JSON Lines when asked', async () => {
    const res = await upload('/v1/classes/chicago-06G7/score?asOf=2026-01-01', { accept: 'application/x-ndjson' });
    const records = res.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(rows);
    expect(records.some((r) => r.status === 'error' && /^line \d+: /.test(r.error))).toBe(true);
  });

  it('answers problems for an unknown class, a bad date and a body that is not CSV', async () => {
    expect((await upload('/v1/classes/atlantis/score')).json()).toMatchObject({ status: 404, code: 'QUAL_ERR_UNKNOWN_CLASS' });
    expect((await upload('/v1/classes/chicago-06G7/score?asOf=yesterday')).json()).toMatchObject({ status: 400, code: 'QUAL_ERR_INVALID_OPTION' });
    const json = await app.inject({ method: 'POST', url: '/v1/classes/chicago-06G7/score', payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
  });

  it('needs an API key when keys are configured', async () => {
    const guarded = await buildApp({ log: false, rateLimit: 0, apiKeys: ['k'] });
    const res = await guarded.inject({ method: 'POST', url: '/v1/classes/chicago-06G7/score', payload: sample, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(401);
    await guarded.close();
  });
});
