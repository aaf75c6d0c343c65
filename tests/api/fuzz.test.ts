import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.ts';
import { loadCatalogue } from '../../src/rules/load.ts';

/* Generated hostile bodies and CSVs, seeded so a failure replays: the service never answers 5xx,
 * every error is problem+json, a CSV of N rows gives N records, and the log never holds the
 * personal data that was sent. */

const log: string[] = [];
let app: FastifyInstance;
beforeAll(async () => {
  const sink = new Writable({ write(chunk, _enc, done) { log.push(String(chunk)); done(); } });
  // Its own catalogue, so CSVs are scored in this thread: a worker pool per upload would make 150 runs slow.
  app = await buildApp({ log: sink, rateLimit: 0, catalogue: loadCatalogue() });
});
afterAll(() => app.close());

/** Personal data planted in every generated profile, to be looked for in the log. */
const NAME = 'Zebediah Quillfeather';
const EMAIL = 'zq@private.example';
const STATEMENT = 'my-secret-statement-7f3a';

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uFFFF', '\uD800', '<script>alert(1)</script>', '=cmd|calc', '../../etc/passwd', '%ff', '2019-13-45', 'present', '1e309', '__proto__'),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(hostileString, hostileString, { maxKeys: 3 }));
const job = fc.record({ title: hostileValue, start: fc.oneof(fc.constantFrom('2015-01', '2020', '2019-02-30'), hostileValue), end: fc.oneof(fc.constantFrom('present', '2024-12', null), hostileValue), hoursPerWeek: fc.oneof(fc.integer({ min: -5, max: 200 }), hostileValue), categories: fc.oneof(fc.constant(['it-infrastructure']), hostileValue), capacities: hostileValue }, { requiredKeys: [] });
const profile = fc.record({
  id: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), hostileValue),
  education: fc.oneof(fc.array(fc.record({ level: fc.oneof(fc.constantFrom('BS', 'MBA', 'Grand Wizard'), hostileValue), field: hostileValue, credits: hostileValue }, { requiredKeys: [] }), { maxLength: 3 }), hostileValue),
  experience: fc.oneof(fc.array(job, { maxLength: 3 }), hostileValue),
  certifications: fc.oneof(fc.array(fc.record({ name: hostileValue, expires: hostileValue }, { requiredKeys: [] }), { maxLength: 3 }), hostileValue),
  collegeCredits: hostileValue,
  training: hostileValue,
}, { requiredKeys: [] }).map((p) => ({ ...p, name: NAME, email: EMAIL, statement: STATEMENT }));

const body = fc.oneof(
  profile.map((p) => JSON.stringify({ profile: p, asOf: '2026-01-01' })),
  fc.record({ profile: hostileValue, asOf: hostileValue, classes: hostileValue }, { requiredKeys: [] }).map((b) => JSON.stringify(b)),
  fc.string({ maxLength: 200 }),
  profile.map((p) => JSON.stringify({ profile: p }).slice(0, 50)),
);

describe('generated hostile requests', () => {
  it('never get a 5xx, and every error is problem+json with a code', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('/v1/evaluate', '/v1/classes/houston-440.4/evaluate', '/v1/classes/nys-its-2/evaluate'), async (payload, url) => {
        const res = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.json().code).toMatch(/^QUAL_ERR_/);
        }
      }),
      { numRuns: 300, seed: 424242 },
    );
  });

  it('leave no name, email or statement in the log', () => {
    const text = log.join('');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of [NAME, EMAIL, STATEMENT]) expect(text).not.toContain(secret);
  });
});

const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"quoted, with comma"', '""', '=SUM(A1)', '2015-01', 'present', 'yes', 'BS', 'CCNA; PMP'));
const csv = fc.record({
  header: fc.shuffledSubarray(['name', 'degree1_level', 'degree1_field', 'job1_title', 'job1_start', 'job1_end', 'job1_categories', 'certifications', 'statement'], { minLength: 1 }),
  rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 20 }),
  crlf: fc.boolean(),
});

describe('generated hostile CSVs', () => {
  it('give one record per row, in order, each scored or an error naming its line', async () => {
    await fc.assert(
      fc.asyncProperty(csv, async ({ header, rows, crlf }) => {
        const nl = crlf ? '\r\n' : '\n';
        const quote = (c: string) => (/[",\r\n]/.test(c) && !/^".*"$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
        // Each row starts with a plain id so that it is a row, whatever else it holds.
        const lines = rows.map((r, i) => [`F-${i}`, ...r.map(quote)].join(','));
        const text = [['id', ...header].join(','), ...lines].join(nl) + nl;
        const res = await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score?asOf=2026-01-01', payload: text, headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' } });
        expect(res.statusCode).toBe(200);
        const records = res.body.trim().split('\n').map((l) => JSON.parse(l) as { line: number; status: string; error?: string });
        expect(records).toHaveLength(rows.length);
        expect(records.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
        for (const r of records) if (r.status === 'error') expect(r.error).toMatch(new RegExp(`^line ${r.line}: `));
      }),
      { numRuns: 150, seed: 777 },
    );
  });
});
