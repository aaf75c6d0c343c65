import type { Catalogue } from '../rules/load.ts';
import type { Block } from './blocks.ts';
import { mergeApplicants, type ApplicantRow } from './csv-row.ts';
import { blockReader, Grouping, type Reading } from './read-csv.ts';
import { scoreApplicant, type ScoreOptions } from './score.ts';
import { Tally, type TallyData } from './summary.ts';
import { recordWriter, type Format } from './write-csv.ts';
import { Utf8Writer } from '../threads.ts';

/** What every task of a run is scored with: a worker thread is given it once, when it starts. */
export interface Run {
  classes: string[];
  asOf?: Date | undefined;
  format: Format;
  decision?: ScoreOptions['decision'];
  /** How the file's rows are read; none when they come read (tasks of rows). */
  reading?: Reading;
  /** The rules folder (`--rules`) workers load; the project's own when missing. */
  rules?: string;
}

/** A task: a block of the file, or applicants read elsewhere (and the input bytes read up to the
 * end of the last). */
export type Task = Block | { rows: ApplicantRow[]; end: number };

/** A task scored: the output records of the applicants it holds whole, in order, and their counts.
 * In the long layout, the rows of a block's first applicant, which may go on from the block before,
 * and of its last, which may go on in the next, come back unscored for the main thread to join. */
export interface Done {
  /** UTF-8, of its own: bytes cross from a worker thread as they are, where text would be copied
   * onto the main thread's heap and encoded there. */
  output: Uint8Array;
  tally: TallyData;
  /** Bytes of the input read up to the end of the task, for progress. */
  end: number;
  first?: ApplicantRow[];
  last?: ApplicantRow[];
}

/** The thread's writer of output, used by one task at a time (tasks are scored synchronously). */
const writer = new Utf8Writer();

/** Applicants read elsewhere, as tasks of this many. */
const ROWS_PER_TASK = 256;

export async function* rowTasks(applicants: AsyncIterable<ApplicantRow>): AsyncGenerator<Task> {
  let rows: ApplicantRow[] = [];
  for await (const row of applicants) {
    rows.push(row);
    if (rows.length === ROWS_PER_TASK) {
      yield { rows, end: row.end ?? 0 };
      rows = [];
    }
  }
  if (rows.length > 0) yield { rows, end: rows.at(-1)!.end ?? 0 };
}

/** The scorer of one run's tasks, read, scored, formatted and counted in one go, row by row: the
 * file's reading (its columns, the map's tables and words) is worked out once, before the first. */
export function taskScorer(run: Run, catalogue: Catalogue): (task: Task) => Done {
  const read = run.reading === undefined ? null : blockReader(run.reading);
  const long = run.reading?.layout === 'long';
  const options: ScoreOptions = { classes: run.classes, asOf: run.asOf, catalogue, ...(run.decision ? { decision: run.decision } : {}) };
  return (task) => {
    const tally = new Tally();
    const output = recordWriter(run.classes, run.format, writer.empty());
    const score = (applicant: ApplicantRow) => {
      const scored = scoreApplicant(applicant, options);
      tally.add(scored);
      output(scored);
    };
    const open: Pick<Done, 'first' | 'last'> = {};
    if ('rows' in task) task.rows.forEach(score);
    else if (!long) for (const row of read!(task)) score(row);
    else {
      // The block's first applicant and its last may have rows in the blocks beside it.
      const grouping = new Grouping();
      let groups = 0;
      const take = (group: ApplicantRow[]) => {
        if (groups++ === 0 && group[0]!.id) open.first = group;
        else score(mergeApplicants(group));
      };
      for (const row of read!(task)) {
        const done = grouping.add(row);
        if (done) take(done);
      }
      const rest = grouping.end();
      if (rest && groups > 0 && rest[0]!.id) open.last = rest;
      else if (rest) take(rest);
    }
    return { output: writer.bytes(), tally: tally.data(), end: 'rows' in task ? task.end : task.offset + task.bytes.length, ...open };
  };
}
