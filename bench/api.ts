// Requests per second and latency of POST /v1/classes/houston-440.4/evaluate beside a bare fastify
// route that parses the same JSON body and answers the same decision (the same bytes), in the same
// run. Each server runs in its own child process and autocannon loads it from this one, on
// loopback. On a small machine client and servers share the cores (and other work), so the CPU
// each used is printed too, and the servers' CPU time per request, a ratio that contention skews
// less. Then the service with the engine's answer given: a route of the same app, behind the same
// hooks, answering the decision made beforehand, which is the ceiling the service itself puts on
// the ratio. Bounded: BENCH_ROUNDS (default 2) rounds, each loading the servers for BENCH_SECONDS
// (default 10).
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/api/app.ts';
import { VERSION_HEADER } from '../src/api/headers.ts';
import { checkProfile } from '../src/check.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARM_UP_SECONDS = 3;
const CLASS = 'houston-440.4';
const request = {
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
};
const body = JSON.stringify(request);

type Kind = 'app' | 'bare' | 'given';
const PATHS: Record<Kind, string> = { app: `/v1/classes/${CLASS}/evaluate`, bare: '/bare', given: '/v1/decided' };

/** In a child process: one server, its port sent up, then its CPU time whenever asked; it ends
 * with the bench. */
async function serve(kind: Kind): Promise<void> {
  const [decision] = checkProfile(request.profile, { classes: [CLASS], asOf: new Date(`${request.asOf}T00:00:00Z`) });
  let server;
  if (kind === 'bare') {
    server = Fastify();
    server.post(PATHS.bare, () => decision);
  } else {
    server = await buildApp({ log: false, rateLimit: 0 });
    if (kind === 'given') server.post(PATHS.given, (_request, reply) => reply.header(VERSION_HEADER, decision!.rulesVersion).send(decision));
  }
  await server.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', () => process.send!({ cpu: process.cpuUsage() }));
  process.on('disconnect', () => process.exit(0));
  process.send!({ port: (server.server.address() as { port: number }).port });
}

interface Server {
  child: ChildProcess;
  url: string;
}

async function start(kind: Kind): Promise<Server> {
  const child = fork(process.argv[1]!, ['serve', kind], { stdio: 'inherit' });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return { child, url: `http://127.0.0.1:${port}${PATHS[kind]}` };
}

/** The server's CPU time so far, in microseconds. */
async function serverCpu(server: Server): Promise<number> {
  server.child.send('usage');
  const [{ cpu }] = (await once(server.child, 'message')) as [{ cpu: NodeJS.CpuUsage }];
  return cpu.user + cpu.system;
}

async function load(server: Server, seconds: number) {
  const [serverBefore, clientBefore] = [await serverCpu(server), process.cpuUsage()];
  const result = await autocannon({ url: server.url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: CONNECTIONS, duration: seconds });
  const client = process.cpuUsage(clientBefore);
  const serverMicros = (await serverCpu(server)) - serverBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    serverCores: serverMicros / 1e6 / seconds,
    clientCores: (client.user + client.system) / 1e6 / seconds,
    /** The server's CPU time per request answered, in microseconds. */
    cpuPerRequest: serverMicros / result.requests.total,
  };
}

type Result = Awaited<ReturnType<typeof load>>;

/** The CPU time, in microseconds, the engine alone takes on the bench's request (checkProfile, in
 * this process, as the server calls it): the median of 20 batches. */
function engineMicros(): number {
  const options = { classes: [CLASS], asOf: new Date(`${request.asOf}T00:00:00Z`) };
  return median(
    Array.from({ length: 20 }, () => {
      const before = process.cpuUsage();
      for (let i = 0; i < 200; i++) checkProfile(request.profile, options);
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 200;
    }),
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

async function main(): Promise<void> {
  const servers = { bare: await start('bare'), app: await start('app'), given: await start('given') };
  const answers = await Promise.all(Object.values(servers).map((s) => fetch(s.url, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).then((r) => r.text())));
  if (new Set(answers).size !== 1) throw new Error('the bare route and the given answer must be the same decision as the evaluate route');

  console.log(`qualify bench:api: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per route, loopback; a ${Buffer.byteLength(answers[0]!)}-byte decision`);
  console.log(`${availableParallelism()} cores; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  engineMicros(); // warm up
  const engine = engineMicros();
  for (const server of Object.values(servers)) await load(server, WARM_UP_SECONDS);
  console.log('route'.padEnd(36), 'req/s'.padStart(7), 'p50'.padStart(7), 'p99'.padStart(7), 'errors'.padStart(7), 'server'.padStart(7), 'client'.padStart(7), 'µs/req'.padStart(7));
  const row = (name: string, r: Result) =>
    console.log(name.padEnd(36), r.rps.toFixed(0).padStart(7), `${r.p50} ms`.padStart(7), `${r.p99} ms`.padStart(7), String(r.errors).padStart(7), r.serverCores.toFixed(2).padStart(7), r.clientCores.toFixed(2).padStart(7), r.cpuPerRequest.toFixed(0).padStart(7));
  const rounds: Array<{ bare: Result; ours: Result; given: Result }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const bare = await load(servers.bare, SECONDS);
    const ours = await load(servers.app, SECONDS);
    const given = await load(servers.given, SECONDS);
    row(`bare fastify, same answer (${round})`, bare);
    row(`POST /v1/classes/:id/evaluate (${round})`, ours);
    row(`the service, the answer given (${round})`, given);
    rounds.push({ bare, ours, given });
  }
  console.log('(server, client: CPU used, in cores; µs/req: the server\'s CPU time per request)');
  const ratios = rounds.map((r) => r.ours.rps / r.bare.rps);
  const worstP99 = Math.max(...rounds.map((r) => r.ours.p99));
  console.log(`throughput ratio: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)} (target ≥ 0.60); evaluate p99 at most ${worstP99} ms (target < 10 ms)`);
  console.log(`with the engine's answer given (the service alone): median ${median(rounds.map((r) => r.given.rps / r.bare.rps)).toFixed(2)}`);
  const [bareCpu, oursCpu] = [median(rounds.map((r) => r.bare.cpuPerRequest)), median(rounds.map((r) => r.ours.cpuPerRequest))];
  console.log(`server CPU per request: bare ${bareCpu.toFixed(0)} µs, evaluate ${oursCpu.toFixed(0)} µs (ratio ${(bareCpu / oursCpu).toFixed(2)}); checkProfile alone, in a warm loop, ${engine.toFixed(0)} µs (more in a server, between requests)`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}: other work on the machine slows both routes, not always evenly`);
  for (const { child } of Object.values(servers)) child.kill();
}

if (process.argv[2] === 'serve') await serve(process.argv[3] as Kind);
else await main();
