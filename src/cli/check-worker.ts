// A piscina worker of `qualify check`: decides a slice of the profiles. Bundled to dist/check-worker.mjs.
import { parseAsOf } from '../check.ts';
import { checkTask, type CheckTask, type Checked } from './commands/check.ts';

export default function check(task: CheckTask): Checked {
  return checkTask(task, { classes: task.classes, asOf: parseAsOf(task.asOf), ...(task.decision ? { decision: task.decision } : {}) });
}
