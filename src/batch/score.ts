import { checkProfile } from '../check.ts';
import type { Decision } from '../engine/decision.ts';
import { QualifyError, describeIssues, type FieldIssue } from '../errors.ts';
import type { LoadedRule } from '../rules/load.ts';
import { columnOf } from './columns.ts';
import type { ApplicantRow } from './csv-row.ts';

/** One output record per applicant: its decisions (one per class, in the order asked), or why it
 * could not be scored, naming the line and the column. */
export type Scored = { line: number; id: string; group?: string } & ({ decisions: Decision[] } | { error: string });

export interface ScoreOptions {
  classes: string[];
  asOf: Date;
  rules?: Map<string, LoadedRule>;
}

function errorOf(row: ApplicantRow, issues: readonly FieldIssue[]): string {
  const named = issues.map((i) => ({ path: columnOf(i.path, row.jobs, row.degrees, row.line), message: i.message }));
  return `line ${row.line}: ${describeIssues(named)}`;
}

export function scoreApplicant(row: ApplicantRow, options: ScoreOptions): Scored {
  const base = { line: row.line, id: row.id, ...(row.group === undefined ? {} : { group: row.group }) };
  if (row.issues.length > 0) return { ...base, error: errorOf(row, row.issues) };
  try {
    const decisions = checkProfile(row.profile, { classes: options.classes, asOf: options.asOf, ...(options.rules ? { rules: options.rules } : {}) });
    // checkProfile ranks several classes; the columns follow the order asked for.
    return { ...base, decisions: options.classes.map((c) => decisions.find((d) => d.class === c)!) };
  } catch (error) {
    if (error instanceof QualifyError && error.code === 'QUAL_ERR_INVALID_PROFILE') return { ...base, error: errorOf(row, error.issues) };
    throw error;
  }
}
