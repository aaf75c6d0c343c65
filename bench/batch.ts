// Rows per second scoring a generated applicant file beside a plain csv-parse → csv-stringify
// pass over the same file, in the same run, as ratios to it: with the engine, and with the engine's
// first decisions reused for every later applicant (decision: 'reused'), which is the ceiling the
// pipeline itself (read, map, validate, format, count, in order) puts on scoring. Then peak RSS
// scoring a much larger file in a child process. Sizes: BENCH_ROWS (100,000) and BENCH_RSS_ROWS
// (1,000,000).
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { generateApplicants } from '../src/batch/generate.ts';
import { defaultWorkers } from '../src/batch/pool.ts';
import { scoreCsv } from '../src/batch/run.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RSS_ROWS = Number(process.env.BENCH_RSS_ROWS ?? 1_000_000);
const asOf = new Date(Date.UTC(2026, 0, 1));
const sink = () => new Writable({ write(_chunk, _enc, done) { done(); } });

async function generate(file: string, rows: number): Promise<void> {
  // BENCH_INFER=1: categories and supervision left blank, so every job is read from its duties.
  await pipeline(generateApplicants(rows, { seed: 11, badShare: 0.02, stated: !process.env.BENCH_INFER }), createWriteStream(file));
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** In a child: score the file and print the process's peak RSS (worker threads included), in MB. */
async function child(file: string): Promise<void> {
  await scoreCsv(createReadStream(file), sink(), { classes: ['chicago-06G7'], asOf, format: 'csv' });
  console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-bench-'));
  try {
    const file = join(dir, 'applicants.csv');
    await generate(file, ROWS);
    console.log(`qualify bench:batch: ${ROWS} generated applicants (${(statSync(file).size / 1e6).toFixed(1)} MB), ${defaultWorkers()} workers, class chicago-06G7, categories ${process.env.BENCH_INFER ? 'read from the duties' : 'stated'}`);
    const pass = ROWS / (await time(() => pipeline(createReadStream(file), parse({ columns: true, bom: true }), stringify({ header: true }), sink())));
    const ours = ROWS / (await time(() => scoreCsv(createReadStream(file), sink(), { classes: ['chicago-06G7'], asOf, format: 'csv' })));
    const ceiling = ROWS / (await time(() => scoreCsv(createReadStream(file), sink(), { classes: ['chicago-06G7'], asOf, format: 'csv', decision: 'reused' })));
    console.log(`csv-parse → csv-stringify pass-through:          ${pass.toFixed(0)} rows/s`);
    console.log(`qualify score:                                   ${ours.toFixed(0)} rows/s, ratio ${(ours / pass).toFixed(3)} (target ≥ 0.80)`);
    console.log(`qualify score, decisions reused (pipeline only): ${ceiling.toFixed(0)} rows/s, ratio ${(ceiling / pass).toFixed(3)}`);
    if (RSS_ROWS > 0) {
      const big = join(dir, 'big.csv');
      await generate(big, RSS_ROWS);
      const started = performance.now();
      const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', big], { encoding: 'utf8' });
      const { maxRssMb } = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as { maxRssMb: number };
      console.log(`peak RSS scoring ${RSS_ROWS} rows: ${maxRssMb.toFixed(0)} MB (target < 300 MB), in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else await main();
