// A piscina worker: scores the tasks of one run (block.ts). Bundled to dist/batch-worker.mjs by the build.
import { workerData } from 'node:worker_threads';
import { bundledCatalogue } from '../rules/load.ts';
import { taskScorer, type Done, type Task } from './block.ts';

// Workers score with the project's own rules, and read with the run's reading (piscina's
// workerData): both are worked out once per thread, on its first task.
let score: ((task: Task) => Done) | undefined;

export default function scoreTask(task: Task): Done {
  score ??= taskScorer(workerData, bundledCatalogue());
  return score(task);
}
