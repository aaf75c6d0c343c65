import { Transform } from 'node:stream';

/** The encodings read: UTF-8 with or without a BOM, UTF-16 only with one (it cannot be told otherwise). */
export type Encoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';

/** What a UTF-16 file puts where it has an unpaired surrogate or a stray last byte: a byte that is
 * never valid UTF-8, so that the cell holding it is reported like any other that is not text. */
const STRAY = Buffer.from([0xff]);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The file's bytes as UTF-8 with LF line ends, whatever it came as: a UTF-8 BOM is dropped, UTF-16
 * with a BOM is transcoded, and CRLF becomes LF (csv-parse counts a CRLF inside a quoted field as
 * two lines, which would put every later line number out by one). Invalid UTF-8 is passed on as it
 * is, for the row holding it to be reported. */
export function decode(told: (encoding: Encoding) => void): Transform {
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
    if (!cr && !chunk.includes(0x0d)) return chunk; // nothing to convert, as in most files
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
