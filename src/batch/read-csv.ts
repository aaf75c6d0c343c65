import { pipeline, type Readable } from 'node:stream';
import { QualifyError, type FieldIssue } from '../errors.ts';
import { blocks, type Block } from './blocks.ts';
import { empty, readCell, type Cell } from './cells.ts';
import { mergeApplicants, rowReader, type ApplicantRow } from './csv-row.ts';
import { decode, type Encoding } from './decode.ts';
import { readHeader, type Header, type HeaderOptions } from './header.ts';
import { parseRecords, type Parsed } from './records.ts';

export interface ReadOptions extends HeaderOptions {
  /** `long`: consecutive rows with the same id are one applicant. */
  layout?: 'wide' | 'long';
  /** Told the header as soon as it is read: the columns ignored, for the user to check. */
  onHeader?: (header: Header) => void;
  /** Bytes of whole records per block scored by a thread (a block ends with the record that
   * reaches it). Default BLOCK_SIZE. */
  blockSize?: number;
}

const BLOCK_SIZE = 256 * 1024;

/** How the rows of a file are read, worked out by the main thread from its first row and sent to
 * every worker: what the header says, the encoding and the layout. */
export interface Reading {
  header: Header;
  encoding: Encoding;
  layout: 'wide' | 'long';
}

/** Line breaks within a record's text (raw, or its fields: the same ones), which starts that many
 * lines before the line it ends on; empty lines before it and its own line end are not counted.
 * A break is an LF or a CR, as lines are counted (records.ts). */
const BREAK = /[\n\r]/;
const breaks = (text: string): number => (text.match(/[\n\r]/g) ?? []).length;
const newlines = (raw: string): number => breaks(raw.replace(/^[\n\r]+|[\n\r]+$/g, ''));
const fieldNewlines = (record: readonly string[]): number => record.reduce((n, field) => n + (BREAK.test(field) ? breaks(field) : 0), 0);

/** The records of a block, a quote that never closes among them. */
const parsed = (block: Block): Generator<Parsed> => parseRecords(Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength).toString('latin1'), block.delimiter);

const NUL_HEADER = 'the file is not UTF-8 text: its first row holds NUL bytes (UTF-16 saved without a byte-order mark, or a spreadsheet file rather than a CSV?); save it as CSV UTF-8 and try again';

/** The header's names as text; a header that is not text refuses the file, as it would be read wrong throughout. */
function headerNames(raw: readonly string[], cells: readonly Cell[]): string[] {
  const unreadable = (why: string) => new QualifyError('QUAL_ERR_UNREADABLE_FILE', why, [{ path: '(header)', message: why }]);
  // NUL bytes in the first row of a file without a UTF-16 BOM: UTF-16 saved without one, or not a CSV.
  if (raw.some((c) => c.includes('\0'))) throw unreadable(NUL_HEADER);
  return cells.map((cell, i) => {
    if (typeof cell !== 'string') throw unreadable(`the header row cannot be read: column ${i + 1} ${cell.problem.replace(/; save the file as CSV UTF-8$/, '')}; save the file as CSV UTF-8`);
    return cell;
  });
}

/** The header, the first row that is not blank, when the block holds it, and the rest of the block
 * after it. Every row is read by the header: one that cannot be read refuses the file. */
function headerIn(block: Block, options: HeaderOptions, encoding: Encoding): { header: Header; rest: Block } | null {
  for (const item of parsed(block)) {
    if ('unclosed' in item) {
      if (encoding === 'UTF-8' && item.unclosed.raw.includes('\0')) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', NUL_HEADER);
      // In csv-parse's words, as before records were read by hand.
      throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', 'the header row cannot be read: Quote Not Closed: the parsing is finished with an opening quote');
    }
    const cells = item.record.map((cell) => readCell(cell, encoding));
    if (cells.every(empty)) continue;
    const header = readHeader(headerNames(encoding === 'UTF-8' ? item.record : [], cells), options);
    return { header, rest: { ...block, bytes: block.bytes.slice(item.bytes), line: block.line + item.lines, offset: block.offset + item.bytes } };
  }
  return null;
}

const unreadable = (line: number, why: string, id = ''): ApplicantRow => ({ line, id, profile: id ? { id } : {}, jobs: [], degrees: [], issues: [{ path: '(row)', message: why }], unread: true });

/** A data row by position, null for a blank one. A row of another width than the header's would be
 * read askew: fields past the header's width shift every later column, and a short row has lost some
 * (a line break in a field that is not quoted splits a row in two). Empty trailing fields are common
 * and harmless. A cell that is not text, or holds a control character, fails the row, naming the
 * column; a column qualify does not read is not looked at. */
function rowOf({ header, encoding }: Reading): (record: readonly string[], line: number) => ApplicantRow | null {
  const width = header.keys.length;
  const idAt = header.keys.indexOf('id');
  const read = rowReader(header, header.keys);
  const cell = (text: string): Cell => readCell(text, encoding);
  return (record, line) => {
    // A row whose every field is blank (`,,,,`, as spreadsheets export an empty row) is skipped like a blank line.
    if (record.every((text) => empty(cell(text)))) return null;
    const idCell = record[idAt] === undefined ? undefined : cell(record[idAt]!);
    // The id as it stands, to find the row by, when it is clean text: columns left of a stray comma are still in place.
    const id = typeof idCell === 'string' ? idCell.trim() : '';
    if (record.length > width && !record.slice(width).every((text) => empty(cell(text)))) {
      return unreadable(line, `the row has ${record.length} fields where the header has ${width}: a comma in a field that is not quoted?`, id);
    }
    if (record.length < width) return unreadable(line, `the row has ${record.length} fields where the header has ${width}`, id);
    const values: Array<string | undefined> = [];
    const issues: FieldIssue[] = [];
    for (let i = 0; i < width; i++) {
      const key = header.keys[i];
      const value = key === null ? undefined : cell(record[i]!);
      values.push(typeof value === 'string' ? value : undefined);
      if (typeof value === 'object') issues.push({ path: header.columns[i] ?? key!, message: value.problem });
    }
    if (issues.length > 0) return { ...unreadable(line, '', id), issues };
    return read(values, line);
  };
}

/** A reader of blocks into their rows, each one applicant (wide layout) or row of one (long) or
 * an unreadable row, in order, named by their line in the file; worked out once per file. Rows
 * come one by one, each dropped once scored. */
export function blockReader(reading: Reading): (block: Block) => Generator<ApplicantRow> {
  const row = rowOf(reading);
  const read = function* (block: Block): Generator<ApplicantRow> {
    for (const item of parsed(block)) {
      if ('unclosed' in item) {
        // An unclosed quote swallows the rest of the input: report its row, then read on after it.
        const { raw, lines } = item.unclosed;
        const start = block.line + lines - newlines(raw);
        yield unreadable(start, 'cannot read the row: a quote opened in this row is never closed');
        const rest = raw.slice(raw.indexOf('\n') + 1);
        if (rest.trim()) yield* read({ bytes: Buffer.from(rest, 'latin1'), line: start, offset: block.offset + block.bytes.length - rest.length });
        continue;
      }
      const applicant = row(item.record, block.line + item.lines - fieldNewlines(item.record));
      if (applicant === null) continue;
      applicant.end = block.offset + item.bytes;
      yield applicant;
    }
  };
  return read;
}

/** The long layout's applicants from its rows as they come: consecutive rows with the same id are
 * one applicant; a row without an id stands alone. */
export class Grouping {
  private open: ApplicantRow[] = [];

  /** The applicant this row completes, when it is another's; the row joins the open one. */
  add(row: ApplicantRow): ApplicantRow[] | undefined {
    let done: ApplicantRow[] | undefined;
    if (this.open.length > 0 && (row.id === '' || row.id !== this.open[0]!.id)) {
      done = this.open;
      this.open = [];
    }
    this.open.push(row);
    return done;
  }

  /** The applicant left open, at the end of the rows. */
  end(): ApplicantRow[] | undefined {
    const done = this.open.length > 0 ? this.open : undefined;
    this.open = [];
    return done;
  }
}

/** An applicant CSV opened: its header read, the rest still to come, in blocks of whole records.
 * Iterated, it gives the applicants read in this thread; run.ts scores its blocks on worker threads. */
export class Applicants implements AsyncIterable<ApplicantRow> {
  constructor(readonly reading: Reading, private readonly rest: AsyncIterable<Block>) {}

  /** The blocks of data rows, for one pass (iterating the applicants is the other). */
  blocks(): AsyncIterable<Block> {
    return this.rest;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ApplicantRow> {
    const read = blockReader(this.reading);
    if (this.reading.layout !== 'long') {
      for await (const block of this.rest) yield* read(block);
      return;
    }
    const grouping = new Grouping();
    for await (const block of this.rest) {
      for (const row of read(block)) {
        const done = grouping.add(row);
        if (done) yield mergeApplicants(done);
      }
    }
    const last = grouping.end();
    if (last) yield mergeApplicants(last);
  }
}

/** An applicant CSV, its header read: resolves once the header is, so that a file without an id
 * column, or one that cannot be read at all, is refused before a byte of output is written. */
export async function openApplicants(input: Readable, options: ReadOptions = {}): Promise<Applicants> {
  let encoding: Encoding = 'UTF-8';
  // pipeline, not pipe: a read error of the input reaches the reader, instead of leaving it waiting.
  const decoded = pipeline(input, decode((found) => (encoding = found)), () => {});
  const source = blocks(decoded, options.blockSize ?? BLOCK_SIZE);
  try {
    for (let next = await source.next(); !next.done; next = await source.next()) {
      const found = headerIn(next.value, options, encoding);
      if (found === null) continue;
      const { header, rest } = found;
      // Self-reported experience ends on the day the file is read, for every row and thread alike.
      if (header.selfReported && header.convert?.today === undefined) header.convert = { ...header.convert!, today: new Date() };
      options.onHeader?.(header);
      return new Applicants({ header, encoding, layout: options.layout ?? 'wide' }, (async function* () {
        if (rest.bytes.length > 0) yield rest;
        yield* source;
      })());
    }
  } catch (error) {
    decoded.destroy();
    throw error;
  }
  const why = 'the CSV is empty: it has no rows, not even a header; its first row must name the columns, one of them id';
  throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', why, [{ path: 'id', message: 'missing column' }]);
}

/** Applicants of the CSV, in input order, read in this thread; with the long layout, consecutive
 * rows sharing an id are merged. */
export async function* readApplicants(input: Readable, options: ReadOptions = {}): AsyncGenerator<ApplicantRow> {
  yield* await openApplicants(input, options);
}
