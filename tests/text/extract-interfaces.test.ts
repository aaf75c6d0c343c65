import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { projectRoot } from '../../src/paths.ts';

const resume = 'EXPERIENCE\nNetwork Administrator, Metro Transit, Jan 2013 - Jun 2019\nEDUCATION\nB.S. in Computer Science, 2012\nCERTIFICATIONS\nCCNA; Certified Forklift Operator\n';

describe('résumé extraction', () => {
  it('runs from the CLI: the profile on stdout, what it could not read on stderr', () => {
    const res = spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), 'extract', '-'], { input: resume, encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout).experience[0]).toMatchObject({ title: 'Network Administrator', employer: 'Metro Transit', start: '2013-01', end: '2019-06', extracted: true });
    expect(res.stderr).toContain('line 6: certification not in the catalogue: kept, to confirm: Certified Forklift Operator');
  });

  it('answers POST /v1/profiles/extract with the profile and the unread lines', async () => {
    const app = await buildApp({ log: false, rateLimit: 0 });
    const res = await app.inject({ method: 'POST', url: '/v1/profiles/extract', payload: resume, headers: { 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().profile.education[0]).toMatchObject({ level: 'B.S.', field: 'Computer Science', completed: '2012' });
    expect(res.json().unread).toHaveLength(1);
    const empty = await app.inject({ method: 'POST', url: '/v1/profiles/extract', payload: '  ', headers: { 'content-type': 'text/plain' } });
    expect(empty.json()).toMatchObject({ status: 400, code: 'QUAL_ERR_INVALID_REQUEST' });
    const json = await app.inject({ method: 'POST', url: '/v1/profiles/extract', payload: { text: resume } });
    expect(json.statusCode).toBe(415);
    await app.close();
  });
});
