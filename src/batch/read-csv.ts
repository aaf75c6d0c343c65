import { Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse, type Options } from 'csv-parse';
import { QualifyError } from '../errors.ts';
import { columnKey } from './columns.ts';
import { mergeApplicants, readApplicant, type ApplicantRow } from './csv-row.ts';

export interface ReadOptions {
  /** Renames another export's columns onto ours (`--map`): their header → our column. */
  map?: Record<string, string>;
  /** `long`: consecutive rows with the same id are one applicant. */
  layout?: 'wide' | 'long';
  /** The self-identification column for the adverse-impact report. */
  groupBy?: string;
}

type Parsed = { record: Record<string, string>; info: { lines: number }; raw: string } | { skipped: { code: string; message: string; lines: number; raw: string } };

const newlines = (text: string): number => (text.replace(/^\n+|\n+$/g, '').match(/\n/g) ?? []).length;

/** CRLF → LF before parsing: csv-parse counts a CRLF inside a quoted field as two lines, which
 * would put every later line number out by one. A CR at the end of a chunk waits for the next. */
function crlfToLf(): Transform {
  let pending = '';
  const decoder = new StringDecoder('utf8'); // a character split between two chunks stays whole
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = pending + decoder.write(chunk);
      pending = text.endsWith('\r') ? '\r' : '';
      done(null, (pending ? text.slice(0, -1) : text).replace(/\r\n/g, '\n'));
    },
    flush(done) {
      done(null, pending + decoder.end());
    },
  });
}

/** A parser that never stops at a bad row: a row it cannot read is passed on, in order, as `skipped`. */
function parser(columns: Options['columns']): ReturnType<typeof parse> {
  const p = parse({ bom: true, columns, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true, skip_records_with_error: true });
  p.on('skip', (err: Error & { code: string; lines: number; raw?: string }) => p.push({ skipped: { code: err.code, message: err.message, lines: err.lines, raw: err.raw ?? '' } }));
  return p;
}

const unreadable = (line: number, why: string): ApplicantRow => ({ line, id: '', profile: {}, jobs: [], degrees: [], issues: [{ path: '(row)', message: `cannot read the row: ${why}` }] });

/** Every row of the CSV as one applicant (or one unreadable row), in order, streaming. */
async function* rows(input: Readable, options: ReadOptions, header: string[] | null = null, lineOffset = 0): AsyncGenerator<ApplicantRow> {
  let columns: string[] = header ?? [];
  const mapped = (names: string[]) => names.map((name) => columnKey(options.map?.[name] ?? name));
  const p = parser(header ? header : (names: string[]) => (columns = mapped(names)));
  input.pipe(crlfToLf()).pipe(p);
  for await (const item of p as AsyncIterable<Parsed>) {
    if ('skipped' in item) {
      const { raw, lines, code, message } = item.skipped;
      const start = lineOffset + lines - newlines(raw);
      if (code !== 'CSV_QUOTE_NOT_CLOSED') {
        yield unreadable(start, message.replace(/ at line \d+.*$/, ''));
        continue;
      }
      // An unclosed quote swallows the rest of the file: report its row, then read on after it.
      yield unreadable(start, 'a quote opened in this row is never closed');
      const rest = raw.slice(raw.indexOf('\n') + 1);
      if (rest.trim()) yield* rows(Readable.from([rest]), options, columns, start);
      continue;
    }
    if (!columns.includes('id')) throw new QualifyError('QUAL_ERR_INVALID_OPTION', 'the CSV has no id column (after --map)', [{ path: 'id', message: 'missing column' }]);
    const line = lineOffset + item.info.lines - newlines(item.raw);
    yield readApplicant(item.record, line, options.groupBy ? columnKey(options.groupBy) : undefined);
  }
}

/** Applicants of the CSV, in input order; with the long layout, consecutive rows sharing an id are merged. */
export async function* readApplicants(input: Readable, options: ReadOptions = {}): AsyncGenerator<ApplicantRow> {
  if (options.layout !== 'long') {
    yield* rows(input, options);
    return;
  }
  let group: ApplicantRow[] = [];
  for await (const row of rows(input, options)) {
    if (group.length > 0 && (row.id === '' || row.id !== group[0]!.id)) {
      yield mergeApplicants(group);
      group = [];
    }
    if (row.id === '') yield row;
    else group.push(row);
  }
  if (group.length > 0) yield mergeApplicants(group);
}
