// A piscina worker of `qualify check`: decides a slice of the profiles. Bundled to dist/check-worker.mjs.
import { parseAsOf } from '../check.ts';
import { checkLines, type CheckTask, type Checked } from './commands/check.ts';

export default function check({ profiles, first, classes, asOf }: CheckTask): Checked[] {
  const options = { classes, asOf: parseAsOf(asOf) };
  return profiles.map((input, i) => checkLines(input, first + i, options));
}
