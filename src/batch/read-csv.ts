import { isUtf8 } from 'node:buffer';
import { pipeline, Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { QualifyError, type FieldIssue } from '../errors.ts';
import { mergeApplicants, readApplicant, type ApplicantRow, type Fields } from './csv-row.ts';
import { readHeader, type Header, type HeaderOptions } from './header.ts';

export interface ReadOptions extends HeaderOptions {
  /** `long`: consecutive rows with the same id are one applicant. */
  layout?: 'wide' | 'long';
  /** Told the header as soon as it is read: the columns ignored, for the user to check. */
  onHeader?: (header: Header) => void;
}

/** The encodings read: UTF-8 with or without a BOM, UTF-16 only with one (it cannot be told otherwise). */
export type Encoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';

/** The parser reads bytes as latin1, one character per byte, so that a cell that is not valid UTF-8
 * comes out as it was, to be seen rather than replaced (its encoding: null fails on a short row). */
type Parsed = { record: string[]; info: { lines: number; bytes: number }; raw: string } | { skipped: { code: string; message: string; lines: number; raw: string } };

const newlines = (text: string): number => (text.replace(/^\n+|\n+$/g, '').match(/\n/g) ?? []).length;

/** What a UTF-16 file puts where it has an unpaired surrogate or a stray last byte: a byte that is
 * never valid UTF-8, so that the cell holding it is reported like any other that is not text. */
const STRAY = Buffer.from([0xff]);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The file's bytes as UTF-8 with LF line ends, whatever it came as: a UTF-8 BOM is dropped, UTF-16
 * with a BOM is transcoded, and CRLF becomes LF (csv-parse counts a CRLF inside a quoted field as
 * two lines, which would put every later line number out by one). Invalid UTF-8 is passed on as it
 * is, for the row holding it to be reported. */
function decode(told: (encoding: Encoding) => void): Transform {
  let head: Buffer | null = Buffer.alloc(0); // the first bytes, until the BOM (or its absence) is known
  let encoding: Encoding = 'UTF-8';
  let held = Buffer.alloc(0); // UTF-16: an odd byte, or a high surrogate waiting for its low half
  let cr = false; // a CR that ended the last chunk: an LF may follow in the next
  const start = (first: Buffer): Buffer => {
    const [a, b, c] = first;
    if (a === 0xef && b === 0xbb && c === 0xbf) first = first.subarray(3);
    else if (a === 0xff && b === 0xfe) [encoding, first] = ['UTF-16LE', first.subarray(2)];
    else if (a === 0xfe && b === 0xff) [encoding, first] = ['UTF-16BE', first.subarray(2)];
    told(encoding);
    return first;
  };
  const utf8 = (chunk: Buffer, end: boolean): Buffer => {
    if (encoding === 'UTF-8') return chunk;
    const all = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
    let whole = all.length - (all.length % 2);
    if (!end && whole >= 2) {
      const last = encoding === 'UTF-16LE' ? all.readUInt16LE(whole - 2) : all.readUInt16BE(whole - 2);
      if (last >= 0xd800 && last <= 0xdbff) whole -= 2;
    }
    held = end ? Buffer.alloc(0) : Buffer.from(all.subarray(whole));
    const units = encoding === 'UTF-16LE' ? all.subarray(0, whole) : Buffer.from(all.subarray(0, whole)).swap16();
    const text = units.toString('utf16le');
    // Buffer.from would turn an unpaired surrogate into U+FFFD without a word: mark it instead.
    const out = LONE.test(text) ? Buffer.concat(text.split(new RegExp(LONE, 'g')).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [STRAY, Buffer.from(part)]))) : Buffer.from(text);
    return end && all.length > whole ? Buffer.concat([out, STRAY]) : out;
  };
  const lf = (chunk: Buffer, end: boolean): Buffer => {
    let text = (cr ? '\r' : '') + chunk.toString('latin1');
    cr = !end && text.endsWith('\r');
    if (cr) text = text.slice(0, -1);
    return Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1');
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head !== null) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 3) return done();
        chunk = start(head);
        head = null;
      }
      const out = lf(utf8(chunk, false), false);
      done(null, out.length > 0 ? out : undefined);
    },
    flush(done) {
      const rest = head === null ? Buffer.alloc(0) : start(head);
      head = null;
      const out = lf(utf8(rest, true), true);
      done(null, out.length > 0 ? out : undefined);
    },
  });
}

/** A parser that never stops at a bad row: a row it cannot read is passed on, in order, as `skipped`. */
function parser(): ReturnType<typeof parse> {
  // Records as arrays: the header is read by readHeader, once, and each row by position.
  const p = parse({ encoding: 'latin1', bom: false, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, raw: true, skip_records_with_error: true });
  p.on('skip', (err: Error & { code: string; lines: number; raw?: string }) => p.push({ skipped: { code: err.code, message: err.message, lines: err.lines, raw: err.raw ?? '' } }));
  return p;
}

/** C0 controls but tab, LF and CR, and DEL: nothing an applicant typed, and nothing to pass on. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** The first byte of a cell that does not start a valid UTF-8 character. */
function firstInvalid(cell: Buffer): number {
  for (let i = 0; i < cell.length; ) {
    const lead = cell[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(cell.subarray(i, i + length)) || i + length > cell.length) return i;
    i += length;
  }
  return -1;
}

/** A cell read: its text, or why it is not text qualify can pass on. */
type Cell = { text: string } | { problem: string };

/** A cell as the parser gives it, one latin1 character per byte, read as UTF-8: ASCII as it stands,
 * anything else checked, so that bytes that are not UTF-8 are reported rather than replaced. */
function readCell(latin1: string, encoding: Encoding): Cell {
  let text = latin1;
  if (/[^\u0000-\u007f]/.test(latin1)) {
    const cell = Buffer.from(latin1, 'latin1');
    if (!isUtf8(cell)) {
      return { problem: encoding === 'UTF-8' ? `is not UTF-8 text (byte ${hex(cell[firstInvalid(cell)] ?? 0)}); save the file as CSV UTF-8` : `holds a broken ${encoding} character (an unpaired surrogate or a stray byte)` };
    }
    text = cell.toString('utf8');
  }
  const control = CONTROL.exec(text);
  return control ? { problem: `contains a control character (${codePoint(control[0])})` } : { text };
}

const empty = (cell: Cell): boolean => 'text' in cell && cell.text.trim() === '';

/** The header's names as text; a header that is not text refuses the file, as it would be read wrong throughout. */
function headerNames(raw: readonly string[], cells: readonly Cell[]): string[] {
  const unreadable = (why: string) => new QualifyError('QUAL_ERR_UNREADABLE_FILE', why, [{ path: '(header)', message: why }]);
  // NUL bytes in the first row of a file without a UTF-16 BOM: UTF-16 saved without one, or not a CSV.
  if (raw.some((c) => c.includes('\0'))) throw unreadable(NUL_HEADER);
  return cells.map((cell, i) => {
    if ('problem' in cell) throw unreadable(`the header row cannot be read: column ${i + 1} ${cell.problem.replace(/; save the file as CSV UTF-8$/, '')}; save the file as CSV UTF-8`);
    return cell.text;
  });
}

const NUL_HEADER = 'the file is not UTF-8 text: its first row holds NUL bytes (UTF-16 saved without a byte-order mark, or a spreadsheet file rather than a CSV?); save it as CSV UTF-8 and try again';

const unreadable = (line: number, why: string, id = ''): ApplicantRow => ({ line, id, profile: id ? { id } : {}, jobs: [], degrees: [], issues: [{ path: '(row)', message: why }], unread: true });

/** A data row by position. A row of another width than the header's would be read askew: fields
 * past the header's width shift every later column, and a short row has lost some (a line break in
 * a field that is not quoted splits a row in two). Empty trailing fields are common and harmless.
 * A cell that is not text, or holds a control character, fails the row, naming the column; a
 * column qualify does not read is not looked at. */
function fromFields(cells: readonly Cell[], header: Header, line: number): ApplicantRow {
  const width = header.keys.length;
  const idCell = cells[header.keys.indexOf('id')];
  // The id as it stands, to find the row by, when it is clean text: columns left of a stray comma are still in place.
  const id = idCell !== undefined && 'text' in idCell ? idCell.text.trim() : '';
  if (cells.length > width && !cells.slice(width).every(empty)) {
    return unreadable(line, `the row has ${cells.length} fields where the header has ${width}: a comma in a field that is not quoted?`, id);
  }
  if (cells.length < width) return unreadable(line, `the row has ${cells.length} fields where the header has ${width}`, id);
  const record: Fields = {};
  const issues: FieldIssue[] = [];
  header.keys.forEach((key, i) => {
    if (key === null) return;
    const cell = cells[i]!;
    if ('problem' in cell) issues.push({ path: header.columns[i] ?? key, message: cell.problem });
    else record[key] = cell.text;
  });
  if (issues.length > 0) return { ...unreadable(line, '', id), issues };
  return readApplicant(record, line, header);
}

/** csv-parse's own words for a row it cannot read, without its line (ours is given) or a control character it quotes. */
const parserSays = (message: string): string => message.replace(/ at line \d+.*$/, '').replace(new RegExp(CONTROL, 'g'), codePoint);

/** Every row of the CSV as one applicant (or one unreadable row), in order, streaming. `decoded`:
 * the input is already UTF-8 with LF line ends (the rest of a file after an unclosed quote). */
async function* rows(input: Readable, options: ReadOptions, file: { encoding: Encoding }, given: Header | null = null, lineOffset = 0, decoded = false): AsyncGenerator<ApplicantRow> {
  let header = given;
  const p = parser();
  // pipeline, not pipe: a read error of the input reaches the parser, and so the reader, instead of leaving it waiting.
  if (decoded) pipeline(input, p, () => {});
  else pipeline(input, decode((encoding) => (file.encoding = encoding)), p, () => {});
  for await (const item of p as AsyncIterable<Parsed>) {
    if ('skipped' in item) {
      const { raw, lines, code, message } = item.skipped;
      if (header === null) {
        // Every row is read by the header: one that cannot be read refuses the file, before any output.
        if (file.encoding === 'UTF-8' && raw.includes('\0')) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', NUL_HEADER);
        throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `the header row cannot be read: ${parserSays(message)}`);
      }
      const start = lineOffset + lines - newlines(raw);
      if (code !== 'CSV_QUOTE_NOT_CLOSED') {
        yield unreadable(start, `cannot read the row: ${parserSays(message)}`);
        continue;
      }
      // An unclosed quote swallows the rest of the file: report its row, then read on after it.
      yield unreadable(start, 'cannot read the row: a quote opened in this row is never closed');
      const rest = raw.slice(raw.indexOf('\n') + 1);
      if (rest.trim()) yield* rows(Readable.from([Buffer.from(rest, 'latin1')]), options, file, header, start, true);
      continue;
    }
    const cells = item.record.map((cell) => readCell(cell, file.encoding));
    // A row whose every field is blank (`,,,,`, as spreadsheets export an empty row) is skipped like a blank line.
    if (cells.every(empty)) continue;
    if (header === null) {
      header = readHeader(headerNames(file.encoding === 'UTF-8' ? item.record : [], cells), options);
      options.onHeader?.(header);
      continue;
    }
    yield { ...fromFields(cells, header, lineOffset + item.info.lines - newlines(item.raw)), end: item.info.bytes };
  }
  if (header === null) {
    const why = 'the CSV is empty: it has no rows, not even a header; its first row must name the columns, one of them id';
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', why, [{ path: 'id', message: 'missing column' }]);
  }
}

/** Applicants of the CSV, in input order; with the long layout, consecutive rows sharing an id are merged. */
export async function* readApplicants(input: Readable, options: ReadOptions = {}): AsyncGenerator<ApplicantRow> {
  const file = { encoding: 'UTF-8' as Encoding };
  if (options.layout !== 'long') {
    yield* rows(input, options, file);
    return;
  }
  let group: ApplicantRow[] = [];
  for await (const row of rows(input, options, file)) {
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
