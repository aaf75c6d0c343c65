import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { projectRoot } from '../../src/paths.ts';
import type { Store } from '../../src/store/store.ts';
import { SQLITE_FILE } from '../../src/store/store.ts';
import { BACKENDS } from '../store/backends.ts';

const KEY = 'recruiter-key';
const exportCsv = readFileSync(`${projectRoot}/tests/fixtures/exports/ats-export.csv`, 'utf8');
// The recruiter keeps the self-identification column for the report instead of ignoring it.
const map = readFileSync(`${projectRoot}/tests/fixtures/exports/ats-export.map.yaml`, 'utf8').replace(', Race/Ethnicity]', ']');
const as = (reviewer: string) => ({ authorization: `Bearer ${KEY}`, 'x-reviewer': reviewer });

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(`the openings API on ${backend.name}${backend.skip ? ` (${backend.skip})` : ''}`, () => {
    let app: FastifyInstance;
    let store: Store;
    let opening: string;
    beforeAll(async () => {
      ({ db: store } = await backend.fresh());
      app = await buildApp({ store, apiKeys: [KEY], log: false, rateLimit: 0 });
    });
    afterAll(async () => {
      await app?.close();
      await store?.destroy();
    });

    it('keeps openings behind the API key, and asks who acts on every write', async () => {
      expect((await app.inject({ method: 'GET', url: '/v1/openings' })).statusCode).toBe(401);
      const anonymous = await app.inject({ method: 'POST', url: '/v1/openings', headers: { authorization: `Bearer ${KEY}` }, payload: { title: 'x', asOf: '2026-01-01', classes: ['houston-440.4'] } });
      expect(anonymous.statusCode).toBe(400);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect(anonymous.json().errors).toEqual([{ path: 'headers.x-reviewer', message: 'required' }]);
    });

    it('refuses an opening that names a class twice', async () => {
      const twice = await app.inject({ method: 'POST', url: '/v1/openings', headers: as('Robin'), payload: { title: 'x', asOf: '2026-01-01', classes: ['houston-440.4', 'houston-440.4'] } });
      expect(twice.statusCode).toBe(400);
      expect(twice.json()).toMatchObject({ code: 'QUAL_ERR_INVALID_OPTION', errors: [{ path: 'classes', message: '"houston-440.4" is named twice' }] });
    });

    it('goes from an export to final outcomes with every review resolved', async () => {
      const created = await app.inject({ method: 'POST', url: '/v1/openings', headers: as('Robin'), payload: { title: 'Senior IT Professional', asOf: '2026-01-01', classes: ['houston-440.4'], groupBy: 'Race/Ethnicity' } });
      expect(created.statusCode).toBe(201);
      opening = created.json().id;

      const upload = await app.inject({ method: 'POST', url: `/v1/openings/${opening}/uploads`, headers: as('Robin'), payload: { csv: exportCsv, map } });
      expect(upload.statusCode).toBe(201);
      expect(upload.json().added).toBe(6);

      const first = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/review`, headers: as('Kim') })).json().queue;
      expect(first.length).toBeGreaterThan(0);
      for (const entry of first) expect(entry.items.length).toBeGreaterThan(0);

      // Each item is confirmed with a reason; a confirmation may reveal the next thing to check.
      for (let round = 0; round < 10; round += 1) {
        const queue = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/review`, headers: as('Kim') })).json().queue;
        if (queue.length === 0) break;
        const { applicant, class: cls, items } = queue[0];
        const verdict = await app.inject({ method: 'POST', url: `/v1/openings/${opening}/applicants/${applicant.id}/review`, headers: as('Kim'), payload: { class: cls, item: items[0].key, action: 'confirm', reason: 'checked against the documents' } });
        expect(verdict.statusCode).toBe(201);
      }
      expect((await app.inject({ method: 'GET', url: `/v1/openings/${opening}/review`, headers: as('Kim') })).json().queue).toEqual([]);

      const report = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/report`, headers: as('Robin') })).json();
      expect(report.classes['houston-440.4'].review).toBe(0);
      expect(report.classes['houston-440.4'].qualified + report.classes['houston-440.4'].not_qualified).toBe(6);
      expect(report.adverseImpact.groupBy).toBe('Race/Ethnicity');

      const records = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/records`, headers: as('Robin') })).json().records;
      const reviewed = records.find((r: { events: Array<{ type: string }> }) => r.events.some((e) => e.type === 'review'));
      expect(reviewed.events.map((e: { type: string; by: string }) => e.type)).toEqual(expect.arrayContaining(['evaluation', 'review']));
      expect(reviewed.events.find((e: { type: string }) => e.type === 'review').by).toMatch(/^Kim \[key [0-9a-f]{8}\]$/);
    });

    it('exports the records as CSV, with no cache keeping them', async () => {
      const csv = await app.inject({ method: 'GET', url: `/v1/openings/${opening}/records`, headers: { ...as('Robin'), accept: 'text/csv' } });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['cache-control']).toBe('no-store');
      expect(csv.body.split('\n')[0]).toBe('applicant,ref,at,by,event,class,cause,rules_version,as_of,status,score,item,action,reason,reasons,gaps');
    });

    it('refuses a verdict on an item that is not open, as a problem', async () => {
      const records = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/records`, headers: as('Robin') })).json().records;
      const res = await app.inject({ method: 'POST', url: `/v1/openings/${opening}/applicants/${records[0].applicant.id}/review`, headers: as('Kim'), payload: { class: 'houston-440.4', item: 'degree:7', action: 'reject', reason: 'no' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('QUAL_ERR_INVALID_REQUEST');
    });

    it('erases an applicant on request, and the report still counts them anonymously', async () => {
      const before = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/report`, headers: as('Robin') })).json().classes['houston-440.4'];
      const records = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/records`, headers: as('Robin') })).json().records;
      const id = records[0].applicant.id;
      expect((await app.inject({ method: 'DELETE', url: `/v1/openings/${opening}/applicants/${id}`, headers: as('Robin') })).statusCode).toBe(200);
      const record = (await app.inject({ method: 'GET', url: `/v1/openings/${opening}/applicants/${id}`, headers: as('Robin') })).json();
      expect(record).toMatchObject({ profile: null, events: [], applicant: { ref: null } });
      expect((await app.inject({ method: 'GET', url: `/v1/openings/${opening}/report`, headers: as('Robin') })).json().classes['houston-440.4']).toEqual(before);
    });

    it('re-rates an opening: nothing changes under the same rules', async () => {
      const res = await app.inject({ method: 'POST', url: `/v1/openings/${opening}/rerate`, headers: as('Robin'), payload: {} });
      expect(res.json()).toMatchObject({ changes: [], accepted: false, evaluated: 5 });
    });

    it('stores nothing for the public self-check', async () => {
      const count = async () => (await store.selectFrom('applicants').select('id').execute()).length;
      const before = await count();
      const res = await app.inject({ method: 'POST', url: '/v1/evaluate', payload: { profile: { id: 'self', education: [{ level: 'B.S.', field: 'Computer Science' }] } } });
      expect(res.statusCode).toBe(200);
      expect(await count()).toBe(before);
    });
  });
}

describe('the openings store at start', () => {
  it('creates its SQLite file with its schema under the data folder, with no set-up', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'qualify-start-')), 'var');
    const app = await buildApp({ store: { dataDir }, log: false });
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
    const res = await app.inject({ method: 'POST', url: '/v1/openings', headers: { 'x-reviewer': 'Robin' }, payload: { title: 'x', asOf: '2026-01-01', classes: ['chicago-06G7'] } });
    expect(res.statusCode).toBe(201);
    await app.close();
  });

  it('documents the openings routes in the OpenAPI document', async () => {
    const app = await buildApp({ store: { dataDir: mkdtempSync(join(tmpdir(), 'qualify-start-')) }, log: false });
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths.filter((p) => p.startsWith('/v1/openings'))).toEqual(expect.arrayContaining(['/v1/openings', '/v1/openings/{id}/uploads', '/v1/openings/{id}/review', '/v1/openings/{id}/applicants/{applicantId}/review', '/v1/openings/{id}/rerate', '/v1/openings/{id}/report']));
    await app.close();
  });

  it('serves no openings routes without a store', async () => {
    const app = await buildApp({ log: false });
    expect((await app.inject({ method: 'GET', url: '/v1/openings' })).statusCode).toBe(404);
    await app.close();
  });
});
