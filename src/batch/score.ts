import { checkProfile, type CheckOptions } from '../check.ts';
import type { Decision } from '../engine/decision.ts';
import { QualifyError, describeIssues, type FieldIssue } from '../errors.ts';
import type { Catalogue } from '../rules/load.ts';
import { normaliseProfile } from '../profile/normalise.ts';
import { columnOf } from './columns.ts';
import type { ApplicantRow } from './csv-row.ts';

/** One output record per applicant: its decisions (one per class, in the order asked), or why it
 * could not be scored, naming the line and the column. */
export type Scored = { line: number; id: string; group?: string } & ({ decisions: Decision[] } | { error: string });

export interface ScoreOptions {
  classes: string[];
  asOf?: Date | undefined;
  catalogue: Catalogue;
  /** `reused`, for bench:batch alone, to measure the pipeline without the engine (`CheckOptions`). */
  decision?: CheckOptions['decision'];
}

/** An issue of the row as a whole (path `(row)`) is said without a path: `line 5: the row has 3
 * fields where the header has 7`; in the long layout, `(row) (line 6)` reads `line 6: …`. */
const ROW = /^\(row\)(?: \((line \d+)\))?$/;
const said = (issue: FieldIssue): string => {
  const row = ROW.exec(issue.path);
  if (!row) return describeIssues([issue]);
  return row[1] ? `${row[1]}: ${issue.message}` : issue.message;
};
const errorOf = (line: number, issues: readonly FieldIssue[]): string => `line ${line}: ${issues.map(said).join('; ')}`;

/** The profile's issues beside the row's own, one per column: the row's say it more plainly. */
function merged(row: ApplicantRow, issues: readonly FieldIssue[]): FieldIssue[] {
  const named = issues.map((i) => ({ path: columnOf(i.path, row.jobs, row.degrees, row.line, row), message: i.message }));
  const said = new Set(row.issues.map((i) => i.path));
  return [...row.issues, ...named.filter((i) => !said.has(i.path))];
}

/** Everything wrong with a row, as its columns name it: its own issues and its profile's, so that
 * one pass over the file finds them all. None for a row that scores. */
export function rowIssues(row: ApplicantRow, catalogue: Catalogue): FieldIssue[] {
  if (row.unread || row.issues.some((i) => ROW.test(i.path))) return row.issues;
  try {
    normaliseProfile(row.profile, catalogue.vocab);
    return row.issues;
  } catch (error) {
    return error instanceof QualifyError ? merged(row, error.issues) : row.issues;
  }
}

export function scoreApplicant(row: ApplicantRow, options: ScoreOptions): Scored {
  const base = { line: row.line, id: row.id, ...(row.group === undefined ? {} : { group: row.group }) };
  if (row.unread || row.issues.length > 0) return { ...base, error: errorOf(row.line, rowIssues(row, options.catalogue)) };
  try {
    const decisions = checkProfile(row.profile, options);
    // checkProfile ranks several classes; the columns follow the order asked for.
    return { ...base, decisions: options.classes.map((c) => decisions.find((d) => d.class === c)!) };
  } catch (error) {
    if (error instanceof QualifyError) {
      if (error.code === 'QUAL_ERR_INVALID_PROFILE') return { ...base, error: errorOf(row.line, merged(row, error.issues)) };
      throw error; // an unknown class or a bad rule file is the run's problem, not the row's
    }
    // One applicant the engine cannot score must not stop the other 49,999: it gets its error record.
    return { ...base, error: errorOf(row.line, [{ path: '(row)', message: `could not be scored: ${(error as Error).message}` }]) };
  }
}
