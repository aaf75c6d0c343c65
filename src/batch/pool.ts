import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { projectRoot } from '../paths.ts';
import { bundledCatalogue, type Catalogue } from '../rules/load.ts';
import { concat, inOrder, occurrences, takeUntil } from '../threads.ts';
import { taskScorer, type Done, type Run, type Task } from './block.ts';
import type { ScoreOptions } from './score.ts';

export interface PoolOptions {
  classes: string[];
  /** Missing: each class's qualifying date, else today. */
  asOf?: Date | undefined;
  /** Rules other than the project's own are scored in this thread, unless they are `rules`'s. */
  catalogue?: Catalogue;
  /** The folder `catalogue` was loaded from (`--rules`), for worker threads to load it too. */
  rules?: string;
  /** Score in worker threads even with one worker and a small input (a server's main thread must stay free). */
  offThread?: boolean;
  /** Worker threads; 1 scores in this thread. Default: every core. */
  workers?: number;
  decision?: ScoreOptions['decision'];
}

export const WORKER_FILE = join(projectRoot, 'dist', 'batch-worker.mjs');
export const defaultWorkers = (): number => availableParallelism();
/** Inputs of fewer rows than this are scored in the calling thread. A worker costs about half a
 * second to start and warm up (V8 compiles the engine again in each thread, more of it for more
 * classes): on two cores one thread scores a generated export as fast up to about 30,000 rows of
 * one class (20,000 rows: 3.3 s against 3.7 s on two workers), and 8,800 rows of four classes in
 * 3.7 s against 5.0 s. */
export const SERIAL_ROWS = 30_000;

/** How many rows a task holds: in a block, about one per record delimiter. */
const rowsIn = (task: Task): number => ('rows' in task ? task.rows.length : occurrences(task.bytes, (task.delimiter ?? '\n').charCodeAt(0)));

/** The bytes of a block move to the worker thread rather than being copied. */
const moved = (task: Task): ArrayBuffer[] => ('bytes' in task ? [task.bytes.buffer as ArrayBuffer] : []);

/** Scores the tasks on all cores and yields the results in input order (src/threads.ts). */
export async function* scoreTasks(tasks: AsyncIterable<Task>, run: Run, options: PoolOptions): AsyncGenerator<Done> {
  const workers = options.workers ?? defaultWorkers();
  const source = tasks[Symbol.asyncIterator]();
  // Starting threads (each loads the engine and its vocabularies) costs more than scoring a few
  // tasks here: a small input is scored in this thread.
  const own = options.catalogue === undefined || options.catalogue === bundledCatalogue() || options.rules !== undefined;
  const serial = !own || (workers <= 1 && !options.offThread);
  let rows = 0;
  const head = serial || options.offThread ? [] : await takeUntil(source, (task) => (rows += rowsIn(task)) >= SERIAL_ROWS);
  if (serial || (!options.offThread && rows < SERIAL_ROWS)) {
    const score = taskScorer(run, options.catalogue ?? bundledCatalogue());
    for await (const task of concat(head, source)) yield score(task);
    return;
  }
  if (!existsSync(WORKER_FILE)) throw new Error(`the batch worker is not built (${WORKER_FILE}); run npm run build`);
  // Each worker is a V8 isolate of its own; a small young generation makes it collect early, keeping
  // the process's peak memory flat whatever the file size.
  const pool = new Piscina<Task, Done>({ filename: WORKER_FILE, workerData: run, maxThreads: workers, minThreads: workers, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 } });
  try {
    // Four tasks per thread: one slow task keeps the others busy.
    yield* inOrder(pool, concat(head, source), workers * 4, moved);
  } finally {
    await pool.destroy();
  }
}
