import { accessSync, constants, createReadStream, createWriteStream, existsSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { SingleBar } from 'cli-progress';
import { parseAsOf, selectRules } from '../../check.ts';
import { catalogueOf } from '../../rules/load.ts';
import { QualifyError, fileError } from '../../errors.ts';
import { knownIds } from '../../vocab/vocabulary.ts';
import { reportFormat, writeReport } from '../../batch/report.ts';
import type { ApplicantRow } from '../../batch/csv-row.ts';
import type { Header } from '../../batch/header.ts';
import { loadMap } from '../../batch/map.ts';
import { openApplicants } from '../../batch/read-csv.ts';
import { scoreApplicants } from '../../batch/run.ts';

export interface ScoreCommandOptions {
  class: string;
  asOf?: string;
  format?: string;
  output?: string;
  map?: string;
  layout?: string;
  workers?: string;
  report?: string;
  groupBy?: string;
  /** Header names not to read, separated by commas. */
  ignore?: string;
  /** Folder of rule files to score with (a working copy); the bundled rules/ when missing. */
  rules?: string;
}

/** `Candidate ID → id, Major → degree1_field, job1_title`: the columns read, for the summary. */
function columnsSaid(header: Header): string[] {
  const used = header.used.map((u) => (u.column === u.as ? u.as : `${u.column} → ${u.as}`));
  return [`columns used: ${used.join(', ')}`, ...(header.ignored.length > 0 ? [`columns ignored as asked: ${header.ignored.map((c) => c.trim()).join(', ')}`] : [])];
}

/** Standard output behind a writable of its own: a run that fails mid-stream destroys the streams
 * of its pipeline, and process.stdout must outlive it to report the error. */
function toStdout(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (process.stdout.write(chunk)) done();
      else process.stdout.once('drain', () => done());
    },
  });
}

function option<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--${name} "${value}" must be one of ${allowed.join(', ')}`);
}

/** Scores an applicant CSV; returns the exit status: 1 when any row could not be scored. */
export async function runScore(file: string, options: ScoreCommandOptions): Promise<number> {
  const classes = options.class.split(',').map((c) => c.trim());
  const catalogue = catalogueOf(options.rules);
  selectRules(classes, catalogue.rules);
  const asOf = parseAsOf(options.asOf);
  const format = option('format', options.format ?? (options.output?.endsWith('.jsonl') ? 'jsonl' : undefined), ['csv', 'jsonl'] as const, 'csv');
  const layout = option('layout', options.layout, ['wide', 'long'] as const, 'wide');
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--workers "${options.workers}" must be a whole number of 1 or more`);
  const report = options.report;
  // Checked before a row is scored: a report that cannot be written in that format is refused first.
  if (report !== undefined) reportFormat(report);
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw fileError(file, error);
  }
  // A folder opens, and fails only once read: it is refused here, before any output.
  if (stats.isDirectory()) throw fileError(file, { code: 'EISDIR' });
  const size = stats.size;
  if (options.output !== undefined) writable(options.output);
  if (report !== undefined) writable(report, `the report ${report}`);
  const map = options.map ? loadMap(options.map, { ...(options.groupBy ? { groupBy: options.groupBy } : {}), categories: knownIds(catalogue.vocab, 'category') }) : undefined;
  const ignore = [...(map?.ignore ?? []), ...(options.ignore ?? '').split(',').map((name) => name.trim()).filter(Boolean)];
  const input = createReadStream(file);
  let applicants: AsyncIterable<ApplicantRow>;
  let header: Header | undefined;
  try {
    applicants = await openApplicants(input, {
      layout,
      // Every column is read, mapped or ignored as asked: one that is none of these stops the run, named.
      unknown: 'refuse',
      ignore,
      ...(map ? { map: map.columns, convert: map.convert } : {}),
      ...(options.groupBy ? { groupBy: options.groupBy } : {}),
      onHeader: (read) => (header = read),
    });
  } catch (error) {
    // A file refused (empty, not UTF-8, no id column): say which, exit 2, and write nothing.
    if (error instanceof QualifyError && error.code === 'QUAL_ERR_UNREADABLE_FILE') throw new QualifyError(error.code, `${file}: ${error.message}`, error.issues);
    throw error;
  }
  // Opened only once the header is read: a file that is refused leaves no empty output behind.
  const output: Writable = options.output ? createWriteStream(options.output) : toStdout();
  // Progress on a terminal only: the bytes up to the last row scored (the file is read well ahead
  // of scoring, so bytes read would show 100% half-way), with rows and rows/s beside.
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'scoring [{bar}] {percentage}% | {rows} rows | {speed} rows/s | ETA {eta_formatted}', stream: process.stderr, hideCursor: true }) : null;
  const started = Date.now();
  let rows = 0;
  let shown = 0;
  bar?.start(size, 0, { rows: 0, speed: 0 });
  const tally = await scoreApplicants(applicants, output, {
    classes, asOf, format, catalogue,
    ...(options.rules === undefined ? {} : { rules: options.rules }),
    ...(workers === undefined ? {} : { workers }),
    onScored: (progress) => {
      rows = progress.rows;
      if (bar && Date.now() - shown > 100) {
        shown = Date.now();
        bar.update(progress.bytes, { rows, speed: Math.round(rows / Math.max(0.001, (shown - started) / 1000)) });
      }
    },
  });
  bar?.update(size, { rows, speed: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) });
  bar?.stop();
  process.stderr.write(`${[tally.describe(), ...(header ? columnsSaid(header) : [])].join('\n')}\n`);
  if (report !== undefined) {
    writeReport(report, tally, {
      classes: selectRules(classes, catalogue.rules).map((r) => ({ id: r.rule.id, title: r.rule.title, rulesVersion: r.version })),
      asOf: asOf ?? new Date(),
      generatedAt: new Date(),
      groupBy: options.groupBy,
      rows: { total: tally.rows.total, scored: tally.rows.total - tally.rows.errors, errors: tally.rows.errors },
      columnsUsed: header?.used ?? [],
    });
  }
  return tally.rows.errors > 0 ? 1 : 0;
}

/** A file the run will write, checked before any row is scored: a folder that does not exist or
 * takes no files would otherwise be found only once every row is scored. */
function writable(file: string, what = file): void {
  const exists = existsSync(file);
  if (exists && statSync(file).isDirectory()) throw fileError(what, { code: 'EISDIR' }, 'write');
  try {
    accessSync(exists ? file : dirname(resolve(file)), constants.W_OK);
  } catch (error) {
    throw fileError(what, error, 'write');
  }
}
