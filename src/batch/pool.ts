import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { projectRoot } from '../paths.ts';
import { bundledCatalogue, type Catalogue } from '../rules/load.ts';
import type { ApplicantRow } from './csv-row.ts';
import { scoreApplicant, type Scored } from './score.ts';
import type { Task } from './worker.ts';

export interface PoolOptions {
  classes: string[];
  /** Missing: each class's qualifying date, else today. */
  asOf?: Date | undefined;
  /** Rules other than the project's own are scored in this thread: workers load the bundled ones. */
  catalogue?: Catalogue;
  /** Score in worker threads even with one worker and a small input (a server's main thread must stay free). */
  offThread?: boolean;
  /** Worker threads; 1 scores in this thread. Default: every core. */
  workers?: number;
  /** Applicants per task: large enough that messaging costs little, small enough to keep memory flat. */
  chunk?: number;
}

export const WORKER_FILE = join(projectRoot, 'dist', 'batch-worker.mjs');
export const defaultWorkers = (): number => availableParallelism();
/** Inputs of fewer chunks than this are scored in the calling thread. */
export const SERIAL_CHUNKS = 4;

async function* chunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** Up to `n` items from the iterator; fewer only when it has ended. */
async function take<T>(source: AsyncIterator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < n) {
    const next = await source.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

async function* concat<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** Scores applicants on all cores and yields the results in input order; at most two tasks per
 * thread are in flight, so memory stays flat whatever the file size. */
export async function* scoreAll(applicants: AsyncIterable<ApplicantRow>, options: PoolOptions): AsyncGenerator<Scored> {
  const workers = options.workers ?? defaultWorkers();
  const size = options.chunk ?? 256;
  const source = applicants[Symbol.asyncIterator]();
  // Starting threads (each loads the engine and its vocabularies) costs more than scoring a few
  // chunks here: a small input is scored in this thread.
  const own = options.catalogue === undefined || options.catalogue === bundledCatalogue();
  const serial = !own || (workers <= 1 && !options.offThread);
  const head = serial || options.offThread ? [] : await take(source, size * SERIAL_CHUNKS);
  if (serial || (!options.offThread && head.length < size * SERIAL_CHUNKS)) {
    const catalogue = options.catalogue ?? bundledCatalogue();
    for await (const row of concat(head, source)) yield scoreApplicant(row, { ...options, catalogue });
    return;
  }
  if (!existsSync(WORKER_FILE)) throw new Error(`the batch worker is not built (${WORKER_FILE}); run npm run build`);
  // Each worker is a V8 isolate of its own; a small young generation makes it collect early, keeping
  // the process's peak memory flat whatever the file size.
  const pool = new Piscina<Task, Scored[]>({ filename: WORKER_FILE, maxThreads: workers, minThreads: workers, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 } });
  const inFlight: Array<Promise<Scored[]>> = [];
  const asOf = options.asOf?.toISOString();
  try {
    for await (const rows of chunks(concat(head, source), size)) {
      inFlight.push(pool.run({ rows, classes: options.classes, ...(asOf === undefined ? {} : { asOf }) }));
      if (inFlight.length >= workers * 2) yield* await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield* await inFlight.shift()!;
  } finally {
    // A failed run leaves tasks in flight: their rejections are settled here, not left unhandled.
    for (const task of inFlight) task.catch(() => {});
    await pool.destroy();
  }
}
