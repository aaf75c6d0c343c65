// A piscina worker: scores the tasks of one run (block.ts). Bundled to dist/batch-worker.mjs by the build.
import { workerData } from 'node:worker_threads';
import { catalogueOf } from '../rules/load.ts';
import { taskScorer, type Done, type Run, type Task } from './block.ts';

// Workers score with the run's rules (the project's own, or a --rules folder) and read with its
// reading (piscina's workerData): both are worked out once per thread, on its first task.
let score: ((task: Task) => Done) | undefined;

export default function scoreTask(task: Task): Done {
  score ??= taskScorer(workerData, catalogueOf((workerData as Run).rules));
  return score(task);
}
