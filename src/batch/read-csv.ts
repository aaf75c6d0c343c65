import { pipeline, Readable, Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import { QualifyError } from '../errors.ts';
import { mergeApplicants, readApplicant, type ApplicantRow, type Fields } from './csv-row.ts';
import { readHeader, type Header, type HeaderOptions } from './header.ts';

export interface ReadOptions extends HeaderOptions {
  /** `long`: consecutive rows with the same id are one applicant. */
  layout?: 'wide' | 'long';
  /** Told the header as soon as it is read: the columns ignored, for the user to check. */
  onHeader?: (header: Header) => void;
}

type Parsed = { record: string[]; info: { lines: number }; raw: string } | { skipped: { code: string; message: string; lines: number; raw: string } };

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
function parser(): ReturnType<typeof parse> {
  // Records as arrays: the header is read by readHeader, once, and each row by position.
  const p = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true, skip_records_with_error: true });
  p.on('skip', (err: Error & { code: string; lines: number; raw?: string }) => p.push({ skipped: { code: err.code, message: err.message, lines: err.lines, raw: err.raw ?? '' } }));
  return p;
}

const unreadable = (line: number, why: string): ApplicantRow => ({ line, id: '', profile: {}, jobs: [], degrees: [], issues: [{ path: '(row)', message: `cannot read the row: ${why}` }] });

/** A data row by position; fields past the header's width shift every later column, so a row
 * with text there is refused rather than read askew. Empty trailing fields are common and harmless. */
function fromFields(fields: readonly string[], header: Header, line: number): ApplicantRow {
  const width = header.keys.length;
  if (fields.length > width && fields.slice(width).some((f) => f.trim() !== '')) {
    // The id as it stands, to find the row by: columns left of the stray comma are still in place.
    const id = fields[header.keys.indexOf('id')]?.trim() ?? '';
    return { ...unreadable(line, `it has ${fields.length} fields where the header has ${width}: a comma in a field that is not quoted?`), id };
  }
  const record: Fields = {};
  header.keys.forEach((key, i) => {
    if (key !== null) record[key] = fields[i];
  });
  return readApplicant(record, line, header);
}

/** Every row of the CSV as one applicant (or one unreadable row), in order, streaming. */
async function* rows(input: Readable, options: ReadOptions, given: Header | null = null, lineOffset = 0): AsyncGenerator<ApplicantRow> {
  let header = given;
  const p = parser();
  // pipeline, not pipe: a read error of the input reaches the parser, and so the reader, instead of leaving it waiting.
  pipeline(input, crlfToLf(), p, () => {});
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
      if (rest.trim()) yield* rows(Readable.from([rest]), options, header, start);
      continue;
    }
    if (header === null) {
      header = readHeader(item.record, options);
      options.onHeader?.(header);
      continue;
    }
    yield fromFields(item.record, header, lineOffset + item.info.lines - newlines(item.raw));
  }
  if (header === null) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', 'the CSV is empty: its first row must name the columns, one of them id', [{ path: 'id', message: 'missing column' }]);
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

/** readApplicants, started: resolves once the header is read and the first applicant with it, so
 * that a file without an id column is refused before a byte of output is written. */
export async function openApplicants(input: Readable, options: ReadOptions = {}): Promise<AsyncIterable<ApplicantRow>> {
  const applicants = readApplicants(input, options);
  const first = await applicants.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* applicants;
  })();
}
