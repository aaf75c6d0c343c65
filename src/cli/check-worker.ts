// A piscina worker of `qualify check`: decides a slice of the profiles. Bundled to dist/check-worker.mjs.
import { parseAsOf } from '../check.ts';
import { catalogueOf, type Catalogue } from '../rules/load.ts';
import { checkTask, type CheckTask, type Checked } from './commands/check.ts';

/** The `--rules` folder's catalogue, loaded by the first task that names it. */
let working: { dir: string; catalogue: Catalogue } | undefined;

export default function check(task: CheckTask): Checked {
  if (task.rules !== undefined && working?.dir !== task.rules) working = { dir: task.rules, catalogue: catalogueOf(task.rules) };
  const catalogue = task.rules === undefined ? {} : { catalogue: working!.catalogue };
  return checkTask(task, { classes: task.classes, asOf: parseAsOf(task.asOf), ...catalogue, ...(task.decision ? { decision: task.decision } : {}) });
}
