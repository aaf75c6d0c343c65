import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApplicantRow } from './csv-row.ts';
import { scoreAll, type PoolOptions } from './pool.ts';
import { openApplicants, type ReadOptions } from './read-csv.ts';
import type { Scored } from './score.ts';
import { Tally } from './summary.ts';
import { csvRecord, csvWriter, jsonLine } from './write-csv.ts';

export interface WriteOptions extends PoolOptions {
  format: 'csv' | 'jsonl';
  /** Called once per applicant scored, in order (progress). */
  onScored?: (scored: Scored) => void;
}

export interface BatchOptions extends ReadOptions, WriteOptions {}

/** Applicants in, one record out per applicant in input order, streaming all the way: the tally comes back. */
export async function scoreApplicants(applicants: AsyncIterable<ApplicantRow>, output: Writable, options: WriteOptions): Promise<Tally> {
  const tally = new Tally();
  const { classes } = options;
  async function* scored(): AsyncGenerator<Scored> {
    for await (const s of scoreAll(applicants, options)) {
      tally.add(s);
      options.onScored?.(s);
      yield s;
    }
  }
  if (options.format === 'jsonl') {
    await pipeline(Readable.from((async function* () { for await (const s of scored()) yield `${jsonLine(s, classes)}\n`; })()), output);
  } else {
    await pipeline(Readable.from((async function* () { for await (const s of scored()) yield csvRecord(s, classes); })(), { objectMode: true }), csvWriter(classes), output);
  }
  return tally;
}

/** An applicant CSV scored: a file the header of which cannot be read is refused before any output. */
export async function scoreCsv(input: Readable, output: Writable, options: BatchOptions): Promise<Tally> {
  return scoreApplicants(await openApplicants(input, options), output, options);
}
