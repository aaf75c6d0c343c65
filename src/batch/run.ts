import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { scoreAll, type PoolOptions } from './pool.ts';
import { readApplicants, type ReadOptions } from './read-csv.ts';
import type { Scored } from './score.ts';
import { Tally } from './summary.ts';
import { csvRecord, csvWriter, jsonLine } from './write-csv.ts';

export interface BatchOptions extends ReadOptions, PoolOptions {
  format: 'csv' | 'jsonl';
  /** Called once per applicant scored, in order (progress). */
  onScored?: (scored: Scored) => void;
}

/** CSV in, one record out per applicant in input order, streaming all the way: the tally comes back. */
export async function scoreCsv(input: Readable, output: Writable, options: BatchOptions): Promise<Tally> {
  const tally = new Tally();
  const { classes } = options;
  async function* scored(): AsyncGenerator<Scored> {
    for await (const s of scoreAll(readApplicants(input, options), options)) {
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
