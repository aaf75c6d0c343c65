import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bundledCatalogue } from '../rules/load.ts';
import { rowTasks, taskScorer, type Done, type Run, type Task } from './block.ts';
import { mergeApplicants, type ApplicantRow } from './csv-row.ts';
import { scoreTasks, type PoolOptions } from './pool.ts';
import { Applicants, Grouping, openApplicants, type ReadOptions } from './read-csv.ts';
import { Tally } from './summary.ts';
import { outputHead, type Format } from './write-csv.ts';

/** How far a run has got: applicants scored, and bytes of the input read up to the last of them. */
export interface Progress {
  rows: number;
  bytes: number;
}

export interface WriteOptions extends PoolOptions {
  format: Format;
  /** Called once per applicant scored, in order, with the run's progress (the bytes move on block
   * by block). */
  onScored?: (progress: Progress) => void;
}

export interface BatchOptions extends ReadOptions, WriteOptions {}

/** The results with the long layout's applicants that span blocks put together: the rows of a
 * block's first and last applicant come back unscored; they are grouped across blocks and each
 * applicant scored here, before the records that follow it. */
async function* joined(results: AsyncIterable<Done>, here: () => (task: Task) => Done): AsyncGenerator<Done> {
  const grouping = new Grouping();
  const scored = (rows: ApplicantRow[] | undefined): Done[] => {
    if (rows === undefined) return [];
    const applicant = mergeApplicants(rows);
    return [here()({ rows: [applicant], end: applicant.end ?? 0 })];
  };
  for await (const done of results) {
    for (const row of done.first ?? []) yield* scored(grouping.add(row));
    // Records of the block's own, or a last applicant of its own: the one open before has ended.
    if (done.output.length > 0 || done.last) yield* scored(grouping.end());
    yield done;
    for (const row of done.last ?? []) grouping.add(row);
  }
  yield* scored(grouping.end());
}

/** Applicants in, one record out per applicant in input order, streaming all the way: the tally
 * comes back. Applicants opened by openApplicants are read, scored and written out in blocks on
 * worker threads; any other rows are scored there in batches. */
export async function scoreApplicants(applicants: AsyncIterable<ApplicantRow>, output: Writable, options: WriteOptions): Promise<Tally> {
  const tally = new Tally();
  const opened = applicants instanceof Applicants ? applicants : null;
  const run: Run = { classes: options.classes, asOf: options.asOf, format: options.format, ...(options.decision ? { decision: options.decision } : {}), ...(opened ? { reading: opened.reading } : {}), ...(options.rules === undefined ? {} : { rules: options.rules }) };
  let here: ((task: Task) => Done) | undefined;
  const results = joined(scoreTasks(opened ? opened.blocks() : rowTasks(applicants), run, options), () => (here ??= taskScorer(run, options.catalogue ?? bundledCatalogue())));
  async function* bytes(): AsyncGenerator<Buffer> {
    const head = outputHead(options.classes, options.format);
    if (head) yield Buffer.from(head);
    for await (const done of results) {
      const before = tally.rows.total;
      tally.merge(done.tally);
      for (let rows = before + 1; rows <= tally.rows.total; rows++) options.onScored?.({ rows, bytes: done.end });
      if (done.output.length > 0) yield Buffer.from(done.output.buffer, done.output.byteOffset, done.output.byteLength);
    }
  }
  await pipeline(Readable.from(bytes(), { highWaterMark: 2 }), output);
  return tally;
}

/** An applicant CSV scored: a file the header of which cannot be read is refused before any output. */
export async function scoreCsv(input: Readable, output: Writable, options: BatchOptions): Promise<Tally> {
  return scoreApplicants(await openApplicants(input, options), output, options);
}
