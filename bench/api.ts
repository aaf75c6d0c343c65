// Requests per second and latency of POST /v1/classes/houston-440.4/evaluate, beside a bare
// fastify route that parses the same JSON body and returns a fixed JSON, in the same run, with
// autocannon on loopback. Bounded: each run lasts BENCH_SECONDS (default 10).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/api/app.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const body = JSON.stringify({
  asOf: '2026-01-01',
  profile: {
    id: 'B-1',
    education: [{ level: 'B.S.', field: 'Computer Science' }],
    experience: [
      { title: 'Network Administrator', employer: 'Metro', start: '2013-01', end: '2019-06', categories: ['it-infrastructure'], supervisory: false },
      { title: 'Infrastructure Lead', employer: 'County', start: '2019-07', end: 'present', categories: ['it-infrastructure'], supervisory: true },
      { title: 'Help Desk Analyst', employer: 'College', start: '2010-01', end: '2012-12', categories: ['information-technology'], supervisory: false },
    ],
    certifications: [{ name: 'CCNA' }, { name: 'CompTIA Security+' }],
  },
});

async function load(url: string) {
  const result = await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS, duration: SECONDS });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function main(): Promise<void> {
  const app = await buildApp({ log: false, rateLimit: 0 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify();
  bare.post('/bare', async (request) => ({ ok: true, id: (request.body as { profile: { id: string } }).profile.id }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const port = (server: typeof app) => (server.server.address() as { port: number }).port;

  console.log(`qualify bench:api: ${CONNECTIONS} connections, ${SECONDS} s each, loopback`);
  const baseline = await load(`http://127.0.0.1:${port(bare as never)}/bare`);
  const ours = await load(`http://127.0.0.1:${port(app)}/v1/classes/houston-440.4/evaluate`);
  const row = (name: string, r: typeof ours) => console.log(name.padEnd(34), r.rps.toFixed(0).padStart(8), `${r.p50} ms`.padStart(9), `${r.p99} ms`.padStart(9), String(r.errors).padStart(7));
  console.log('route'.padEnd(34), 'req/s'.padStart(8), 'p50'.padStart(9), 'p99'.padStart(9), 'errors'.padStart(7));
  row('bare fastify (parse body, fixed JSON)', baseline);
  row('POST /v1/classes/:id/evaluate', ours);
  console.log(`throughput ratio: ${(ours.rps / baseline.rps).toFixed(2)} (target ≥ 0.60); p99 ${ours.p99} ms (target < 20 ms)`);
  await Promise.all([app.close(), bare.close()]);
}

await main();
