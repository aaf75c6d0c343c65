/** The records of a block of the decoded input, read exactly as csv-parse reads them with
 * relax_quotes, relax_column_count and skip_empty_lines (tests/batch/records.test.ts holds the two
 * to the same records, lines and errors), but by hand: on whole blocks of text in a worker thread
 * csv-parse took as long as everything else a row goes through, the engine aside.
 *
 * The text is latin1, one character per byte, so that a cell that is not UTF-8 comes out as it was;
 * its line ends are LF or CR, never CRLF (decode.ts). As csv-parse reads: a quote opens a quoted
 * field only at the start of a field; in one, `""` is a quote, and the next other quote ends the
 * quoted part: before a comma, a line end or the end of the text it closes the field, otherwise the
 * field reads on unquoted, the quotes kept (relax_quotes). The record delimiter is the first CR or LF
 * outside quotes, unless given; a line end on an empty line is skipped. Lines are counted at every
 * CR and LF, inside quotes too. blocks.ts cuts the input where these rules end a record. */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** A record, the line it ends on and the characters read up to its end (its line end included); or
 * a quote that never closes, which swallows the rest of the text: the line the text ends on, and
 * the raw text from the end of the record before. */
export type Parsed = { record: string[]; lines: number; bytes: number } | { unclosed: { lines: number; raw: string } };

export function* parseRecords(text: string, delimiter?: '\n' | '\r'): Generator<Parsed> {
  const n = text.length;
  let delim = delimiter === undefined ? -1 : delimiter.charCodeAt(0);
  const isEnd = (c: number): boolean => c === delim || (delim < 0 && (c === LF || c === CR));
  // Positions only grow: the next LF, CR and delimiter are found once each, and again once passed.
  let [lf, cr, next, breaks] = [text.indexOf('\n'), text.indexOf('\r'), -1, 0];
  const found = (at: number): number => (at < 0 ? n : at);
  /** The line a position is on, as csv-parse counts: one more at each CR and LF before it. */
  const lineAt = (to: number): number => {
    for (; lf >= 0 && lf < to; lf = text.indexOf('\n', lf + 1)) breaks += 1;
    for (; cr >= 0 && cr < to; cr = text.indexOf('\r', cr + 1)) breaks += 1;
    return 1 + breaks;
  };
  /** Where an unquoted field (or the rest of one) ends: at a comma, a line end or the end of the text. */
  const fieldEnd = (from: number): number => {
    if (delim < 0) {
      let i = from;
      while (i < n && text.charCodeAt(i) !== COMMA && !isEnd(text.charCodeAt(i))) i++;
      return i;
    }
    if (next < from) next = found(text.indexOf(String.fromCharCode(delim), from));
    return Math.min(found(text.indexOf(',', from)), next);
  };
  let record: string[] = [];
  let start = 0;
  let pos = 0;
  /** The field at `pos`, unquoted, moving `pos` to its end. */
  const plain = (): string => {
    const end = fieldEnd(pos);
    const field = text.slice(pos, end);
    pos = end;
    return field;
  };
  /** The field that starts with a quote at `pos`, moving `pos` to its end; null when the quote never closes. */
  const quoted = (): string | null => {
    let value = '';
    let from = pos + 1;
    let quote = text.indexOf('"', from);
    for (; quote >= 0 && text.charCodeAt(quote + 1) === QUOTE; quote = text.indexOf('"', from)) {
      value += text.slice(from, quote + 1);
      from = quote + 2;
    }
    if (quote < 0) return null;
    value += text.slice(from, quote);
    pos = quote + 1;
    const after = pos < n ? text.charCodeAt(pos) : -1;
    if (after === -1 || after === COMMA || isEnd(after)) return value;
    // Read on unquoted: the quotes stay in the text, but after a NUL (which closes the field in
    // csv-parse, as a character that is "falsy").
    return (after === 0 ? value : `"${value}"`) + plain();
  };
  for (;;) {
    if (pos >= n) {
      // A comma ends the text: the record has an empty last field.
      if (record.length > 0) yield { record: [...record, ''], lines: lineAt(n - 1), bytes: n };
      return;
    }
    const first = text.charCodeAt(pos);
    if (record.length === 0 && isEnd(first)) {
      if (delim < 0) delim = first;
      pos += 1;
      continue;
    }
    const field = first === QUOTE ? quoted() : plain();
    if (field === null) {
      yield { unclosed: { lines: lineAt(n - 1), raw: text.slice(start) } };
      return;
    }
    record.push(field);
    if (pos >= n) {
      yield { record, lines: lineAt(n - 1), bytes: n };
      return;
    }
    const c = text.charCodeAt(pos);
    pos += 1;
    if (c === COMMA) continue;
    if (delim < 0) delim = c;
    yield { record, lines: lineAt(pos - 1), bytes: pos };
    record = [];
    start = pos;
  }
}
