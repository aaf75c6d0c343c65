// A piscina worker: scores a chunk of applicants. Bundled to dist/batch-worker.mjs by the build.
import type { ApplicantRow } from './csv-row.ts';
import { bundledCatalogue } from '../rules/load.ts';
import { scoreApplicant, type Scored } from './score.ts';

export interface Task {
  rows: ApplicantRow[];
  classes: string[];
  asOf?: string;
}

// Workers score with the project's own rules: a thread loads them once, on its first task.
export default function score({ rows, classes, asOf }: Task): Scored[] {
  const date = asOf === undefined ? undefined : new Date(asOf);
  return rows.map((row) => scoreApplicant(row, { classes, asOf: date, catalogue: bundledCatalogue() }));
}
