// Screening records under load: APPLICANTS (default 10,000) generated applicants uploaded to one
// opening, then re-rated after a rule change (houston-440.4 asking 60 months instead of 72), on a
// real server with the default SQLite store in a fresh folder (or DATABASE_URL). Meanwhile a probe
// calls the other routes (every 50 ms to every second) and keeps the slowest answer of each: none
// may take 1 s.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { buildApp } from '../src/api/app.ts';
import { generateApplicants } from '../src/batch/generate.ts';
import { projectRoot } from '../src/paths.ts';
import { loadCatalogue } from '../src/rules/load.ts';

const APPLICANTS = Number(process.env.APPLICANTS ?? 10_000);
const store = { url: process.env.DATABASE_URL, dataDir: mkdtempSync(join(tmpdir(), 'qualify-bench-store-')) };

/** Houston's rule file with 60 months of infrastructure experience instead of 72. */
function changedRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-bench-rules-'));
  cpSync(join(projectRoot, 'rules'), dir, { recursive: true });
  const file = join(dir, 'houston-440.4.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^( {8}months: )72$/m, '$160'));
  return dir;
}

/** Calls the other routes until stopped; the slowest answer of each, in ms. */
function probe(base: string, opening: string) {
  const profile = JSON.stringify({ asOf: '2026-01-01', profile: { id: 'probe', education: [{ level: 'B.S.', field: 'Computer Science' }], experience: [{ title: 'Network Administrator', start: '2015-01', end: '2021-12', categories: ['it-infrastructure'] }], certifications: [{ name: 'CCNA' }] } });
  // Each route with how often it is called, in ms: the service's own routes as a monitor or an
  // applicant would call them; the opening's pages as recruiters reading it would.
  const calls: Record<string, [() => Promise<Response>, number]> = {
    'GET /health': [() => fetch(`${base}/health`), 50],
    'GET /v1/classes': [() => fetch(`${base}/v1/classes`), 50],
    'POST /v1/classes/:id/evaluate': [() => fetch(`${base}/v1/classes/houston-440.4/evaluate`, { method: 'POST', body: profile, headers: { 'content-type': 'application/json' } }), 50],
    'GET /v1/openings': [() => fetch(`${base}/v1/openings`), 250],
    'GET /v1/openings/:id/applicants': [() => fetch(`${base}/v1/openings/${opening}/applicants`), 1000],
    'GET /v1/openings/:id/review': [() => fetch(`${base}/v1/openings/${opening}/review`), 1000],
  };
  const slowest: Record<string, number> = Object.fromEntries(Object.keys(calls).map((k) => [k, 0]));
  let running = true;
  const loops = Object.entries(calls).map(async ([name, [call, every]]) => {
    while (running) {
      // Timed from when the call was due, not from when it went out: the probe shares the server's
      // event loop, and a loop held up delays the call itself (no coordinated omission).
      const due = performance.now() + every;
      await new Promise((r) => setTimeout(r, every));
      const res = await call();
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${name}: ${res.status}`);
      slowest[name] = Math.max(slowest[name]!, performance.now() - due);
    }
  });
  return async () => {
    running = false;
    await Promise.all(loops);
    return slowest;
  };
}

async function during<T>(base: string, opening: string, label: string, work: () => Promise<T>): Promise<T> {
  const stop = probe(base, opening);
  const t = performance.now();
  const result = await work();
  const seconds = (performance.now() - t) / 1000;
  const slowest = await stop();
  console.log(`${label}: ${seconds.toFixed(1)} s`);
  for (const [route, ms] of Object.entries(slowest)) console.log(`  meanwhile ${route.padEnd(34)} slowest ${ms.toFixed(0).padStart(5)} ms${ms >= 1000 ? '  (over 1 s)' : ''}`);
  return result;
}

async function main(): Promise<void> {
  const csv = await text(generateApplicants(APPLICANTS, { seed: 7, badShare: 0 }));
  const headers = { 'content-type': 'application/json', 'x-reviewer': 'bench' };
  const before = await buildApp({ log: false, rateLimit: 0, store });
  await before.listen({ port: 0, host: '127.0.0.1' });
  let base = `http://127.0.0.1:${(before.server.address() as { port: number }).port}`;
  console.log(`qualify bench:openings: ${APPLICANTS} applicants, one opening (houston-440.4, chicago-06G7), ${store.url ? 'PostgreSQL' : 'SQLite'}`);
  const opening = await (await fetch(`${base}/v1/openings`, { method: 'POST', headers, body: JSON.stringify({ title: 'Bench', asOf: '2026-01-01', classes: ['houston-440.4', 'chicago-06G7'], groupBy: 'self_id_group' }) })).json() as { id: string };
  const added = await during(base, opening.id, 'upload', async () => {
    const res = await fetch(`${base}/v1/openings/${opening.id}/uploads`, { method: 'POST', headers, body: JSON.stringify({ csv }) });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return (await res.json()) as { added: number };
  });
  console.log(`  ${added.added} applicants stored`);
  await before.close();

  const after = await buildApp({ log: false, rateLimit: 0, store, catalogue: loadCatalogue({ rulesDir: changedRules() }) });
  await after.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(after.server.address() as { port: number }).port}`;
  const rerated = await during(base, opening.id, 're-rating (accepted)', async () => {
    const res = await fetch(`${base}/v1/openings/${opening.id}/rerate`, { method: 'POST', headers, body: JSON.stringify({ accept: true }) });
    if (!res.ok) throw new Error(`rerate: ${res.status} ${await res.text()}`);
    return (await res.json()) as { evaluated: number; changes: unknown[] };
  });
  console.log(`  ${rerated.evaluated} outcomes re-evaluated, ${rerated.changes.length} changed`);
  await after.close();
}

await main();
