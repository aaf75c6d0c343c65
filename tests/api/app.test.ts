import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, optionsFromEnv } from '../../src/api/app.ts';
import { dataPath, rulesPath } from '../../src/paths.ts';
import { bundledRules, loadCatalogue } from '../../src/rules/load.ts';
import { loadVocabulary } from '../../src/vocab/vocabulary.ts';

const profile = {
  id: 'A-1',
  name: 'Dana Reyes',
  email: 'dana@example.org',
  statement: 'A private supporting statement.',
  education: [{ level: 'B.S.', field: 'Computer Science' }],
  experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'], supervisory: false }],
  certifications: [{ name: 'CCNA' }],
};

/** Collects the service's log lines, to check what reaches the log. */
function logSink() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(...chunk.toString().split('\n').filter(Boolean)); done(); } });
  return { stream, lines };
}

let app: FastifyInstance;
const log = logSink();
beforeAll(async () => {
  app = await buildApp({ log: log.stream, rateLimit: 0 });
});
afterAll(() => app.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => app.inject({ method: 'POST', url, payload: payload as object, headers });

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, code: string, path?: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), type: expect.stringContaining('problems/') });
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe('the class routes', () => {
  it('list every class with its rules version, also in a header', async () => {
    const res = await app.inject({ url: '/v1/classes' });
    expect(res.statusCode).toBe(200);
    const { classes } = res.json();
    expect(classes.map((c: { id: string }) => c.id)).toContain('houston-440.4');
    expect(classes[0]).toMatchObject({ title: expect.any(String), jurisdiction: expect.any(String), effective: expect.any(String), rulesVersion: expect.stringMatching(/\+[0-9a-f]{12}$/) });
    expect(res.headers['qualify-rules-version']).toContain('houston-440.4=');
  });

  it('show one class with its quoted clauses', async () => {
    const res = await app.inject({ url: '/v1/classes/houston-440.4' });
    expect(res.statusCode).toBe(200);
    expect(res.json().paths[0].requirements[0].clause).toMatch(/^Requires a Bachelor's degree/);
    expect(res.headers['qualify-rules-version']).toBe(res.json().rulesVersion);
  });

  it('answer 404 with a problem for an unknown class', async () => {
    expectProblem(await app.inject({ url: '/v1/classes/atlantis-1' }), 404, 'QUAL_ERR_UNKNOWN_CLASS');
    expectProblem(await post('/v1/classes/atlantis-1/evaluate', { profile }), 404, 'QUAL_ERR_UNKNOWN_CLASS');
  });
});

describe('the vocabularies route', () => {
  const ids = (list: Array<{ id: string }>) => list.map((t) => t.id);

  it('lists the ids and labels of the vocabularies the service decides with', async () => {
    const res = await app.inject({ url: '/v1/vocabularies' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['capacities', 'categories', 'certificationCategories', 'degreeLevels', 'fieldFamilies', 'fields']);
    expect(ids(body.categories)).toEqual(expect.arrayContaining(['it-infrastructure', 'clerical-administrative']));
    expect(body.categories).toContainEqual({ id: 'it-infrastructure', label: 'IT infrastructure' });
    expect(ids(body.capacities)).toEqual(expect.arrayContaining(['lead', 'supervisory']));
    expect(ids(body.fieldFamilies)).toEqual(expect.arrayContaining(['engineering', 'computing']));
    expect(body.fields).toContainEqual({ id: 'computer-science', name: 'Computer Science', family: 'computing' });
    expect(ids(body.degreeLevels)).toEqual(expect.arrayContaining(['bachelor', 'master']));
    expect(ids(body.degreeLevels).indexOf('bachelor')).toBeLessThan(ids(body.degreeLevels).indexOf('master'));
    expect(ids(body.certificationCategories)).toEqual(expect.arrayContaining(['system-specific', 'advanced']));
    expect(ids(body.categories)).not.toContain('procurement');
  });

  it('lists a category added only to the data of the catalogue the app was given', async () => {
    // A copy of data/ with one more category, as tests/vocab/open.test.ts makes.
    const data = mkdtempSync(join(tmpdir(), 'qualify-data-'));
    cpSync(dataPath(), data, { recursive: true });
    const categories = join(data, 'categories.yaml');
    writeFileSync(categories, readFileSync(categories, 'utf8').replace('categories:', 'categories:\n  procurement:\n    label: procurement\n    title: [buyer, procurement officer]\n    duties: [tenders, vendor selection]\n'));
    const other = await buildApp({ log: false, rateLimit: 0, catalogue: loadCatalogue({ vocab: loadVocabulary(data) }) });
    const body = (await other.inject({ url: '/v1/vocabularies' })).json();
    await other.close();
    expect(body.categories).toContainEqual({ id: 'procurement', label: 'procurement' });
    expect(ids(body.categories)).toContain('it-infrastructure');
  });
});

describe('evaluation', () => {
  it('decides one profile against one class, with the rules version in body and header', async () => {
    const res = await post('/v1/classes/houston-440.4/evaluate', { profile, asOf: '2026-01-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'A-1', class: 'houston-440.4', status: 'qualified', asOf: '2026-01-01' });
    expect(res.headers['qualify-rules-version']).toBe(res.json().rulesVersion);
  });

  it('ranks every class by status then score for a self-check, or only the listed ones', async () => {
    const all = (await post('/v1/evaluate', { profile, asOf: '2026-01-01' })).json().decisions;
    expect(all).toHaveLength(bundledRules().size);
    expect(all[0].status).toBe('qualified');
    const listed = (await post('/v1/evaluate', { profile, classes: ['chicago-06J7', 'houston-440.4'] })).json().decisions;
    expect(listed.map((d: { class: string }) => d.class)).toEqual(['houston-440.4', 'chicago-06J7']);
  });

  it('accepts a JSON Resume document', async () => {
    const resume = {
      basics: { name: 'Dana', email: 'dana@example.org' },
      work: [{ name: 'Metro', position: 'Network Administrator', startDate: '2015-01-01', endDate: '2020-12-31', categories: ['it-infrastructure'], supervisory: false }],
      education: [{ studyType: 'BS', area: 'Computer Science' }],
      certificates: [{ name: 'CCNA' }],
    };
    const res = await post('/v1/classes/houston-440.4/evaluate', { profile: resume, asOf: '2026-01-01' });
    expect(res.json()).toMatchObject({ id: expect.stringMatching(/^resume-[0-9a-f]{10}$/), status: 'qualified' });
  });

  it('names a JSON Resume document\'s own fields in its errors, with the body\'s other errors too', async () => {
    const resume = { basics: { name: 'Dana' }, work: [{ position: 'Network Administrator', startDate: '2015-01', endDate: '2021-13' }] };
    expect((await post('/v1/evaluate', { profile: resume })).json().errors).toEqual([{ path: 'profile.work[0].endDate', message: 'must be a date YYYY-MM-DD, YYYY-MM or YYYY' }]);
    const paths = (await post('/v1/evaluate', { profile: resume, asOf: '2026-02-31' })).json().errors.map((e: { path: string }) => e.path);
    expect(paths.sort()).toEqual(['asOf', 'profile.work[0].endDate']);
  });

  it('defaults the as-of date to today', async () => {
    const res = await post('/v1/classes/houston-440.4/evaluate', { profile });
    expect(res.json().asOf).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe('bad input gets a problem naming the field, never a 500 nor a silent fix', () => {
  const bad = (changes: object) => ({ profile: { ...profile, ...changes } });
  it.each([
    ['an invalid date', bad({ experience: [{ start: '2019-13' }] }), 'profile.experience[0].start'],
    ['an end before the start', bad({ experience: [{ start: '2020-03', end: '2019-01' }] }), 'profile.experience[0].end'],
    ['hours out of range', bad({ experience: [{ start: '2020', hoursPerWeek: 0 }] }), 'profile.experience[0].hoursPerWeek'],
    ['too many jobs', bad({ experience: Array.from({ length: 51 }, () => ({ start: '2020' })) }), 'profile.experience'],
    ['a wrong type', bad({ experience: 'lots' }), 'profile.experience'],
    ['a missing id', { profile: { experience: [] } }, 'profile.id'],
  ])('%s', async (_what, body, path) => {
    expectProblem(await post('/v1/evaluate', body), 400, 'QUAL_ERR_INVALID_PROFILE', path);
  });

  it('decides a profile with a degree level it does not know, naming the degree and the levels it knows', async () => {
    const res = await post('/v1/classes/houston-440.4/evaluate', { asOf: '2026-01-01', ...bad({ education: [{ level: 'Grand Wizard', field: 'Computer Science' }] }) });
    expect(res.statusCode).toBe(200);
    const reason = res.json().reasons.find((r: { code: string }) => r.code === 'DEGREE_NOT_COUNTED');
    expect(reason.message).toMatch(/Grand Wizard.*bachelor/s);
  });

  it('a profile checked once, as the engine reads it, refused as the whole body was before: every bad field, the profile\'s first', async () => {
    const res = await post('/v1/classes/houston-440.4/evaluate', { ...bad({ experience: [{ start: 'soon' }] }), asOf: '2026-02-30' });
    expectProblem(res, 400, 'QUAL_ERR_INVALID_PROFILE');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['profile.experience[0].start', 'asOf']);
    // The body is refused before the class is looked up, and an unknown category named from the body.
    expectProblem(await post('/v1/classes/atlantis-1/evaluate', bad({ experience: 'lots' })), 400, 'QUAL_ERR_INVALID_PROFILE', 'profile.experience');
    expectProblem(await post('/v1/classes/houston-440.4/evaluate', bad({ experience: [{ start: '2020', categories: ['it'] }] })), 400, 'QUAL_ERR_INVALID_PROFILE', 'profile.experience[0].categories[0]');
  });

  it('a bad as-of date or class list', async () => {
    expectProblem(await post('/v1/evaluate', { profile, asOf: '2026-02-30' }), 400, 'QUAL_ERR_INVALID_REQUEST', 'asOf');
    expectProblem(await post('/v1/evaluate', { profile, classes: 'houston-440.4' }), 400, 'QUAL_ERR_INVALID_REQUEST', 'classes');
    expectProblem(await post('/v1/evaluate', { profile, classes: ['houston-440.4', 'houston-440.4'] }), 400, 'QUAL_ERR_INVALID_OPTION', 'classes');
  });

  it('a key the request does not take, named, never passed over (a mistyped asOf would decide as of today)', async () => {
    const res = await post('/v1/classes/houston-440.4/evaluate', { profile, asof: '2020-01-01' });
    expectProblem(res, 400, 'QUAL_ERR_INVALID_REQUEST', 'asof');
    expect(res.json().errors).toEqual([{ path: 'asof', message: 'is not a key this request takes' }]);
    expectProblem(await post('/v1/evaluate', { profile, class: ['houston-440.4'] }), 400, 'QUAL_ERR_INVALID_REQUEST', 'class');
    const query = await app.inject({ method: 'POST', url: '/v1/classes/houston-440.4/score?asof=2020-01-01', payload: 'id\nA-1\n', headers: { 'content-type': 'text/csv' } });
    expectProblem(query, 400, 'QUAL_ERR_INVALID_REQUEST', 'asof');
  });

  it('malformed JSON', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/evaluate', payload: '{"profile": ', headers: { 'content-type': 'application/json' } }), 400, 'QUAL_ERR_MALFORMED_JSON');
  });

  it('a body too large', async () => {
    expectProblem(await post('/v1/evaluate', { profile: { ...profile, statement: 'x'.repeat(300_000) } }), 413, 'QUAL_ERR_BODY_TOO_LARGE');
  });

  it('an unsupported media type', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/evaluate', payload: 'hello', headers: { 'content-type': 'text/plain' } }), 415, 'QUAL_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown route', async () => {
    expectProblem(await app.inject({ url: '/v2/nothing' }), 404, 'QUAL_ERR_NOT_FOUND');
  });
});

describe('the service', () => {
  it('answers /health', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', classes: bundledRules().size });
  });

  it('publishes its OpenAPI document, generated from the zod schemas, and a page to browse it', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/classes', '/v1/classes/{id}', '/v1/classes/{id}/evaluate', '/v1/evaluate', '/v1/vocabularies', '/health']));
    expect(JSON.stringify(doc.paths['/v1/evaluate'].post.requestBody)).toContain('hoursPerWeek');
    const vocabularies = doc.paths['/v1/vocabularies'].get.responses['200'].content['application/json'].schema;
    expect(vocabularies.properties.fields.items.properties.family.description).toMatch(/family/);
    expect(vocabularies.properties.capacities.description).toMatch(/supervisory/);
    expect((await app.inject({ url: '/docs' })).statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await app.inject({ url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('logs one line per request with its timing, and never a name, email, statement or profile', async () => {
    await post('/v1/evaluate', { profile });
    await post('/v1/evaluate', { profile: { ...profile, experience: [{ start: 'soon' }] } });
    const lines = log.lines.map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.at(-1)).toMatchObject({ method: 'POST', route: '/v1/evaluate', status: 400, ms: expect.any(Number) });
    expect(log.lines.join('\n')).not.toMatch(/Dana Reyes|dana@example\.org|private supporting statement|Network Administrator/);
  });
});

describe('API keys', () => {
  it('guard recruiter routes when configured, and leave self-check routes open', async () => {
    const guarded = await buildApp({ log: false, apiKeys: ['s3cret'], rateLimit: 0 });
    expectProblem(await guarded.inject({ method: 'POST', url: '/v1/classes/houston-440.4/evaluate', payload: { profile } }), 401, 'QUAL_ERR_UNAUTHORIZED');
    expectProblem(await guarded.inject({ method: 'POST', url: '/v1/classes/houston-440.4/evaluate', payload: { profile }, headers: { 'x-api-key': 'wrong' } }), 401, 'QUAL_ERR_UNAUTHORIZED');
    expect((await guarded.inject({ method: 'POST', url: '/v1/classes/houston-440.4/evaluate', payload: { profile }, headers: { authorization: 'Bearer s3cret' } })).statusCode).toBe(200);
    expect((await guarded.inject({ method: 'POST', url: '/v1/classes/houston-440.4/evaluate', payload: { profile }, headers: { 'x-api-key': 's3cret' } })).statusCode).toBe(200);
    expect((await guarded.inject({ method: 'POST', url: '/v1/evaluate', payload: { profile } })).statusCode).toBe(200);
    await guarded.close();
  });

  it('come from the environment, as do the limits', () => {
    expect(optionsFromEnv({ QUALIFY_API_KEYS: 'a, b', QUALIFY_RATE_LIMIT: '10', QUALIFY_BODY_LIMIT: '1000' })).toEqual({ apiKeys: ['a', 'b'], rateLimit: 10, bodyLimit: 1000 });
    expect(() => optionsFromEnv({ QUALIFY_RATE_LIMIT: 'lots' })).toThrow(/QUALIFY_RATE_LIMIT must be a whole number/);
  });
});

describe('rate limiting', () => {
  it('answers 429 with a problem past the limit per client', async () => {
    const limited = await buildApp({ log: false, rateLimit: 2 });
    await limited.inject({ url: '/health' });
    await limited.inject({ url: '/health' });
    expectProblem(await limited.inject({ url: '/health' }), 429, 'QUAL_ERR_RATE_LIMITED');
    await limited.close();
  });
});

describe('a real listening port', () => {
  it('serves a decision over HTTP on loopback', async () => {
    const live = await buildApp({ log: false, rateLimit: 0 });
    await live.listen({ port: 0, host: '127.0.0.1' });
    const { port } = live.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/v1/classes/houston-440.4/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile, asOf: '2026-01-01' }) });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('qualified');
    await live.close();
  });
});

describe('a service of its own rules (serve --rules)', () => {
  it('serves, decides and scores the classes of that folder, the CSV on a scoring thread', async () => {
    const rules = mkdtempSync(join(tmpdir(), 'qualify-served-'));
    writeFileSync(join(rules, 'draft-1.yaml'), readFileSync(join(rulesPath(), 'houston-440.4.yaml'), 'utf8').replace('id: houston-440.4', 'id: draft-1').replace('months: 72', 'months: 24'));
    const own = await buildApp({ log: false, rateLimit: 0, rules });
    try {
      expect((await own.inject('/v1/classes')).json().classes.map((c: { id: string }) => c.id)).toEqual(['draft-1']);
      const twoYears = { ...profile, experience: [{ ...profile.experience[0], start: '2019-01', end: '2020-12' }] };
      expect((await own.inject({ method: 'POST', url: '/v1/classes/draft-1/evaluate', payload: { profile: twoYears, asOf: '2026-01-01' } })).json().status).toBe('qualified');
      const csv = 'id,degree1_level,degree1_field,certifications,job1_title,job1_start,job1_end,job1_categories\nA-1,B.S.,Computer Science,CCNA,Network Administrator,2019-01,2020-12,it-infrastructure\n';
      const scored = await own.inject({ method: 'POST', url: '/v1/classes/draft-1/score?asOf=2026-01-01', payload: csv, headers: { 'content-type': 'text/csv' } });
      expect(scored.body.split('\n')[1]).toMatch(/^2,A-1,draft-1,qualified,/);
    } finally {
      await own.close();
    }
  });
});
