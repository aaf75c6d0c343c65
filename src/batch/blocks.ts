/** Blocks of whole records: the decoded input (UTF-8, LF line ends: decode.ts) cut where a record
 * ends, as records.ts (and csv-parse) read them, so that a block read on its own gives the records,
 * lines and raw text it would within the file. The main thread only cuts and counts lines; worker
 * threads read. */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export interface Block {
  /** Whole records with their line ends: bytes of its own, to move to a worker thread. */
  bytes: Uint8Array;
  /** Line breaks before the block, counted as csv-parse counts lines (each CR, each LF): its first
   * line is line + 1. */
  line: number;
  /** Bytes of the decoded input before the block. */
  offset: number;
  /** The file's record delimiter, found as csv-parse finds it: the first CR or LF outside quotes. */
  delimiter?: '\n' | '\r';
}

/** Where the reading of records.ts stands as the bytes go by, by its rules: a quote opens a quoted
 * field only at the start of a field, and the next quote that is not doubled ends the quoted part;
 * a record ends at a delimiter outside quotes on a line that is not empty. */
class Cutter {
  /** Where scanning goes on, in the bytes held. */
  private pos = 0;
  private quoting = false;
  /** The next delimiter at or after `pos`, once looked for (-1: not looked for, or none). */
  private next = -1;
  delimiter = 0;

  constructor(private readonly size: number) {}

  /** The end of the first record ending `size` bytes or more into `bytes`; 0 when none does yet.
   * At the end of the input (`eof`), a quote on the last byte closes its field. */
  cut(bytes: Buffer, eof: boolean): number {
    while (this.pos < bytes.length) {
      const quote = bytes.indexOf(QUOTE, this.pos);
      if (this.quoting) {
        if (quote < 0 || (quote + 1 === bytes.length && !eof)) {
          this.pos = quote < 0 ? bytes.length : quote;
          return 0;
        }
        // A doubled quote is one quote of the field's text; any other ends the quoted part.
        this.quoting = bytes[quote + 1] === QUOTE;
        this.pos = quote + (this.quoting ? 2 : 1);
        continue;
      }
      const end = this.recordEnd(bytes, quote < 0 ? bytes.length : quote);
      if (end > 0 || quote < 0) {
        this.pos = end || bytes.length;
        return end;
      }
      const before = bytes[quote - 1];
      this.quoting = quote === 0 || before === COMMA || before === this.delimiter;
      this.pos = quote + 1;
    }
    return 0;
  }

  /** The bytes held now start `end` bytes further on. */
  rebase(end: number): void {
    this.pos -= end;
    this.next = this.next < end ? -1 : this.next - end;
  }

  /** The end of the first record ending in [pos, to) at or past `size`, finding the delimiter first. */
  private recordEnd(bytes: Buffer, to: number): number {
    if (this.delimiter === 0) {
      const [lf, cr] = [bytes.indexOf(LF, this.pos), bytes.indexOf(CR, this.pos)];
      const first = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (first < 0 || first >= to) return 0;
      this.delimiter = bytes[first]!;
    }
    const from = Math.max(this.pos, this.size - 1);
    for (let d = this.next >= from ? this.next : bytes.indexOf(this.delimiter, from); d >= 0; d = bytes.indexOf(this.delimiter, d + 1)) {
      this.next = d;
      if (d >= to) return 0;
      // An empty line is skipped by csv-parse, not a record: cutting after it would change raw texts.
      if (d > 0 && bytes[d - 1] !== this.delimiter) return d + 1;
    }
    this.next = -1;
    return 0;
  }
}

/** CR and LF bytes: csv-parse counts a line at each. */
function lineBreaks(bytes: Buffer): number {
  let n = 0;
  for (const byte of [LF, CR]) for (let i = bytes.indexOf(byte); i >= 0; i = bytes.indexOf(byte, i + 1)) n += 1;
  return n;
}

/** The decoded input in blocks of whole records, each `size` bytes or a record more; the last holds
 * what is left at the end, a record whose quote never closes included (read-csv.ts reports it). */
export async function* blocks(input: AsyncIterable<Buffer>, size: number): AsyncGenerator<Block> {
  const cutter = new Cutter(size);
  let held: Buffer = Buffer.alloc(0);
  let line = 0;
  let offset = 0;
  const take = (end: number): Block => {
    const records = held.subarray(0, end);
    const block: Block = { bytes: new Uint8Array(records), line, offset, ...(cutter.delimiter ? { delimiter: cutter.delimiter === LF ? '\n' : '\r' } : {}) };
    line += lineBreaks(records);
    offset += end;
    held = held.subarray(end);
    cutter.rebase(end);
    return block;
  };
  for await (const chunk of input) {
    held = held.length === 0 ? chunk : Buffer.concat([held, chunk]);
    for (let end = cutter.cut(held, false); end > 0; end = cutter.cut(held, false)) yield take(end);
  }
  for (let end = cutter.cut(held, true); end > 0 && end < held.length; end = cutter.cut(held, true)) yield take(end);
  if (held.length > 0) yield take(held.length);
}
