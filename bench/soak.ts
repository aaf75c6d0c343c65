// Soak: the service as a separate process (`qualify serve`), measured for capacity on a mix of
// varied requests, then held at half of that rate for SOAK_SECONDS (default 600), one window a
// minute: requests, p99 and errors per window, and the server's resident memory at each window's
// end. Loopback only; every run is bounded in time and stops by itself.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { projectRoot } from '../src/paths.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WINDOW = Math.min(60, SECONDS);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 10);
/** Share of the measured capacity to hold (default half). */
const SHARE = Number(process.env.SOAK_SHARE ?? 0.5);
const PORT = 3000 + Math.floor(Math.random() * 1000) + 1000;

/** A job of a varied kind, so the service sees many distinct profiles and texts. */
function profile(i: number): object {
  const kinds = [['it-infrastructure'], ['information-technology'], ['project-management'], ['clerical-administrative']];
  return {
    id: `S-${i}`,
    education: i % 3 === 0 ? [] : [{ level: ['B.S.', 'BA', 'MBA', 'Associate'][i % 4], field: ['Computer Science', 'History', 'Business', 'Mathematics'][i % 4] }],
    experience: Array.from({ length: 1 + (i % 3) }, (_, j) => ({
      title: ['Network Engineer', 'Help Desk Analyst', 'Project Manager', 'Office Manager'][(i + j) % 4],
      start: `${2010 + ((i + j) % 10)}-0${1 + (j % 9)}`,
      end: j === 0 ? 'present' : `${2021 + (j % 3)}-12`,
      ...(i % 2 === 0 ? { categories: kinds[(i + j) % 4], supervisory: (i + j) % 5 === 0 } : { description: `Ran the ${['WAN', 'service desk', 'PMO', 'office'][(i + j) % 4]} and led a team of ${(i % 7) + 2} staff.` }),
    })),
    certifications: i % 4 === 0 ? [] : [{ name: ['CCNA', 'PMP', 'CompTIA Security+', 'AWS Solutions Architect Associate'][i % 4] }],
    statement: i % 5 === 0 ? `I have managed networks and ${i} projects, and led teams of engineers.` : undefined,
  };
}

// Malformed JSON is left out: the service answers it with 400 and closes the connection, and
// autocannon's reconnection would count as latency (it is covered by the API tests instead).
type Request = { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
const json = { 'content-type': 'application/json' };
const requests: Request[] = [
  ...Array.from({ length: 40 }, (_, i): Request => ({ method: 'POST', path: '/v1/classes/houston-440.4/evaluate', body: JSON.stringify({ asOf: '2026-01-01', profile: profile(i) }), headers: json })),
  ...Array.from({ length: 10 }, (_, i): Request => ({ method: 'POST', path: '/v1/evaluate', body: JSON.stringify({ asOf: '2026-01-01', profile: profile(100 + i) }), headers: json })),
  { method: 'GET', path: '/v1/classes' },
  { method: 'GET', path: '/v1/classes/nyc-1002C' },
  { method: 'GET', path: '/health' },
  { method: 'POST', path: '/v1/evaluate', body: JSON.stringify({ profile: { id: 'x', experience: [{ start: 'soon' }] } }), headers: json },
  { method: 'POST', path: '/v1/profiles/extract', body: 'EXPERIENCE\nNetwork Engineer, City of Example, 2015 - 2020\nEDUCATION\nB.S. in Computer Science, 2014\nCERTIFICATIONS\nCCNA', headers: { 'content-type': 'text/plain' } },
];

const rss = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function run(duration: number, overallRate?: number) {
  const r = await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: CONNECTIONS, duration, requests, ...(overallRate ? { overallRate } : {}) });
  const fivexx = Object.entries(r.statusCodeStats ?? {}).filter(([code]) => code.startsWith('5')).reduce((s, [, v]) => s + (v as { count: number }).count, 0);
  return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, errors: r.errors + r.timeouts, fivexx };
}

async function main(): Promise<void> {
  const server = spawn(process.execPath, [`${projectRoot}/bin/qualify.mjs`, 'serve', '--port', String(PORT)], { env: { ...process.env, QUALIFY_RATE_LIMIT: '0', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    for (let i = 0; i < 50; i++) {
      if (await fetch(`http://127.0.0.1:${PORT}/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const start = rss(server.pid!);
    const capacity = await run(10);
    const rate = Math.max(1, Math.floor(capacity.rps * SHARE));
    console.log(`qualify bench:soak: ${requests.length} varied requests, ${CONNECTIONS} connections; capacity ${capacity.rps.toFixed(0)} req/s, soak at ${rate} req/s (${SHARE} of capacity) for ${SECONDS} s; server RSS at start ${start.toFixed(0)} MB`);
    console.log('window'.padEnd(8), 'requests'.padStart(9), 'p50'.padStart(7), 'p99'.padStart(7), 'max'.padStart(7), '5xx'.padStart(5), 'errors'.padStart(7), 'RSS MB'.padStart(8));
    for (let w = 0; w * WINDOW < SECONDS; w++) {
      const r = await run(Math.min(WINDOW, SECONDS - w * WINDOW), rate);
      console.log(`${w + 1}`.padEnd(8), String(r.total).padStart(9), `${r.p50}`.padStart(7), `${r.p99}`.padStart(7), `${r.max}`.padStart(7), String(r.fivexx).padStart(5), String(r.errors).padStart(7), rss(server.pid!).toFixed(0).padStart(8));
    }
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
