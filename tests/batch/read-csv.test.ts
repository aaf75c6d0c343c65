import { Readable, Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApplicantRow } from '../../src/batch/csv-row.ts';
import { readApplicants } from '../../src/batch/read-csv.ts';
import { scoreCsv, type BatchOptions } from '../../src/batch/run.ts';
import { QualifyError } from '../../src/errors.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';

const asOf = new Date(Date.UTC(2026, 0, 1));
const HEADER = 'id,job1_title,job1_start,job1_end,job1_hours,degree1_level,degree1_field';
const WIDTH = HEADER.split(',').length;
const good = (id: string, title = 'Network Administrator') => `${id},${title},2015-01,2020-12,40,bachelor,Computer Science`;

type Record = { line: number; id: string; status: string; error?: string };

/** The bytes, fed in pieces of `piece` bytes (all at once by default), as a file stream would. */
const stream = (bytes: Buffer, piece = bytes.length || 1): Readable => Readable.from(Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece)));
const toBytes = (csv: string | Buffer): Buffer => (typeof csv === 'string' ? Buffer.from(csv) : csv);

/** Scored in this thread with the bundled rules, as JSON Lines; what was written comes back too. */
async function score(csv: string | Buffer, options: Partial<BatchOptions> & { piece?: number } = {}): Promise<{ records: Record[]; written: string }> {
  let written = '';
  const out = new Writable({ write(chunk, _e, done) { written += chunk.toString(); done(); } });
  await scoreCsv(stream(toBytes(csv), options.piece), out, { classes: ['houston-440.4'], asOf, format: 'jsonl', workers: 1, catalogue: bundledCatalogue(), ...options });
  return { records: written.trim() ? written.trim().split('\n').map((l) => JSON.parse(l) as Record) : [], written };
}

async function read(csv: string | Buffer, piece?: number): Promise<ApplicantRow[]> {
  const rows: ApplicantRow[] = [];
  for await (const row of readApplicants(stream(toBytes(csv), piece))) rows.push(row);
  return rows;
}

/** The error a file is refused with, and that nothing was written before it. */
async function refusal(csv: string | Buffer): Promise<QualifyError> {
  let written = '';
  const out = new Writable({ write(chunk, _e, done) { written += chunk.toString(); done(); } });
  const error = await scoreCsv(stream(toBytes(csv)), out, { classes: ['houston-440.4'], asOf, format: 'csv', workers: 1, catalogue: bundledCatalogue() }).then(() => null, (e: unknown) => e);
  expect(written).toBe('');
  expect(error).toBeInstanceOf(QualifyError);
  expect(error).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE' });
  return error as QualifyError;
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('encodings', () => {
  it('reads UTF-16LE and UTF-16BE files with a byte-order mark: one scored record per row, characters whole', async () => {
    const csv = [`${HEADER},job1_description`, `${good('É-1', 'Ingénieur réseau')},"Ran the WAN 🛠, firewalls"`, `${good('A-2')},x`].join('\r\n');
    for (const bytes of [utf16le(csv), utf16be(csv)]) {
      for (const piece of [undefined, 1, 3]) {
        const { records } = await score(bytes, { piece });
        expect(records.map((r) => [r.line, r.id, r.status === 'error'])).toEqual([[2, 'É-1', false], [3, 'A-2', false]]);
        const rows = await read(bytes, piece);
        expect(rows[0]!.profile.experience).toMatchObject([{ title: 'Ingénieur réseau', description: 'Ran the WAN 🛠, firewalls' }]);
      }
    }
  });

  it('refuses UTF-16 without a byte-order mark before any output, saying to save the file as UTF-8', async () => {
    const csv = [HEADER, good('A-1'), good('A-2')].join('\n');
    for (const bytes of [Buffer.from(csv, 'utf16le'), Buffer.from(csv, 'utf16le').swap16(), Buffer.from(`\n\n${csv}`, 'utf16le')]) {
      const error = await refusal(bytes);
      expect(error.message).toMatch(/^the file is not UTF-8 text: its first row holds NUL bytes \(UTF-16 saved without a byte-order mark.*save it as CSV UTF-8/);
    }
  });

  it('reports a cell that is not valid UTF-8 as an error record naming the line and the column, never replacing it', async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n${good('A-1')}\nA-2,Ing`), Buffer.from([0xe9]), Buffer.from(`nieur,2015-01,2020-12,40,bachelor,CS\n${good('A-3')}\n`)]);
    const { records, written } = await score(latin1);
    expect(records.map((r) => [r.line, r.id, r.status])).toEqual([[2, 'A-1', expect.not.stringMatching('error')], [3, 'A-2', 'error'], [4, 'A-3', expect.not.stringMatching('error')]]);
    expect(records[1]!.error).toBe('line 3: job1_title: is not UTF-8 text (byte 0xE9); save the file as CSV UTF-8');
    expect(written).not.toContain('\ufffd');
  });

  it('reports an unpaired surrogate of a UTF-16 file as an error record for its row', async () => {
    const { records } = await score(utf16le(`${HEADER}\n${good('A-1', 'Broken \ud83d title')}\n${good('A-2')}\n`));
    expect(records.map((r) => [r.line, r.status === 'error'])).toEqual([[2, true], [3, false]]);
    expect(records[0]!.error).toBe('line 2: job1_title: holds a broken UTF-16LE character (an unpaired surrogate or a stray byte)');
  });

  it('refuses a header row that is not UTF-8 text, before any output', async () => {
    const error = await refusal(Buffer.concat([Buffer.from(`${HEADER},Pr`), Buffer.from([0xe9]), Buffer.from(`nom\n${good('A-1')},x\n`)]));
    expect(error.message).toBe('the header row cannot be read: column 8 is not UTF-8 text (byte 0xE9); save the file as CSV UTF-8');
  });
});

describe('rows of another width than the header', () => {
  it('reports a row with fewer fields than the header as an error naming the line and the counts, never scoring it', async () => {
    const { records } = await score([HEADER, good('A-1'), good('A-2'), good('A-3'), 'A-4,Engineer,2015-01', good('A-5')].join('\n'));
    expect(records.map((r) => [r.line, r.id, r.status === 'error'])).toEqual([[2, 'A-1', false], [3, 'A-2', false], [4, 'A-3', false], [5, 'A-4', true], [6, 'A-5', false]]);
    expect(records[3]!.error).toBe(`line 5: the row has 3 fields where the header has ${WIDTH}`);
  });

  it('still refuses a row with more fields than the header when the extra ones hold text', async () => {
    const { records } = await score([HEADER, `${good('A-1')},stray`].join('\n'));
    expect(records[0]).toMatchObject({ line: 2, id: 'A-1', status: 'error', error: `line 2: the row has ${WIDTH + 1} fields where the header has ${WIDTH}: a comma in a field that is not quoted?` });
  });

  it('reads rows padded with empty trailing fields, of the header\'s width or wider', async () => {
    const { records } = await score([`${HEADER},job1_description`, `${good('A-1')},`, `${good('A-2')},,,,`, `${good('A-3')}, , `].join('\r\n'));
    expect(records.map((r) => [r.id, r.status === 'error'])).toEqual([['A-1', false], ['A-2', false], ['A-3', false]]);
  });

  it('skips a row whose every field is empty, like a blank line, keeping the line numbers of the rest', async () => {
    const { records } = await score([HEADER, ',,,,,,', good('A-1'), '', ',,', ' , ,  ,,,,', '""', good('A-2')].join('\n'));
    expect(records.map((r) => [r.line, r.id])).toEqual([[3, 'A-1'], [8, 'A-2']]);
  });
});

describe('headers and empty files', () => {
  it('refuses two columns that name the same field once normalised, before any output', async () => {
    const error = await refusal(`id,Job 1 Title,job1_title\nA-1,Engineer,Engineer\n`);
    expect(error.message).toBe('the columns "Job 1 Title" and "job1_title" name the same field; drop or rename one');
  });

  it('refuses an empty file: no bytes, a byte-order mark alone, blank lines or empty rows alone', async () => {
    for (const csv of [Buffer.alloc(0), Buffer.from('\ufeff'), Buffer.from([0xff, 0xfe]), Buffer.from('\n\r\n  \n'), Buffer.from('\ufeff,,,\r\n,,,\r\n'), utf16le('\r\n\r\n')]) {
      expect((await refusal(csv)).message).toMatch(/^the CSV is empty: it has no rows, not even a header/);
    }
  });
});

describe('control characters', () => {
  it('reports a control character in a cell as an error record naming the line and the column', async () => {
    const { records } = await score([HEADER, good('A-1'), good('A-2'), good('A-3', 'Network\u0000Engineer'), good('A-4', 'Bell\u0007'), good('A-5', 'Tab\tand DEL\u007f')].join('\n'));
    expect(records.map((r) => [r.line, r.id, r.status === 'error'])).toEqual([[2, 'A-1', false], [3, 'A-2', false], [4, 'A-3', true], [5, 'A-4', true], [6, 'A-5', true]]);
    expect(records.map((r) => r.error).filter(Boolean)).toEqual([
      'line 4: job1_title: contains a control character (U+0000)',
      'line 5: job1_title: contains a control character (U+0007)',
      'line 6: job1_title: contains a control character (U+007F)',
    ]);
  });

  it('never passes a control character into an id, and names every bad cell of the row', async () => {
    const { records, written } = await score([HEADER, `A\u001b-1,Eng\u0001ineer,2015-01,2020-12,40,bachelor,Computer Science`].join('\n'));
    expect(records).toEqual([expect.objectContaining({ line: 2, id: '', status: 'error', error: 'line 2: id: contains a control character (U+001B); job1_title: contains a control character (U+0001)' })]);
    expect(written).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });

  it('reads tabs, and line breaks in quoted fields, and does not look at columns it does not read', async () => {
    const { records } = await score([`${HEADER},Phone`, `${good('A-1', '"Network\tEngineer,\nnights"')},555\u0007`].join('\n'));
    expect(records).toEqual([expect.objectContaining({ line: 2, id: 'A-1' })]);
    expect(records[0]!.status).not.toBe('error');
  });

  it('refuses a header row holding a control character', async () => {
    expect((await refusal(`id,job1\u0002_title\nA-1,x\n`)).message).toBe('the header row cannot be read: column 2 contains a control character (U+0002); save the file as CSV UTF-8');
  });
});

describe('one record per row, whatever the rows hold', () => {
  type Kind = 'good' | 'invalid' | 'control' | 'short' | 'wide' | 'padded' | 'empty';
  const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f'];
  const TITLES = ['Network Administrator', 'Ingénieur réseau', 'Analyst, Systems', 'Lead "Ops" Engineer', 'Two\nlines', 'A carriage\rreturn', 'Tab\there', '网络工程师'];
  const rowArb = fc.record({
    kind: fc.constantFrom<Kind>('good', 'good', 'good', 'invalid', 'control', 'short', 'wide', 'padded', 'empty'),
    id: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,"é\n-]{0,8}$/),
    title: fc.constantFrom(...TITLES),
    control: fc.constantFrom(...CONTROLS),
    column: fc.integer({ min: 0, max: WIDTH - 1 }),
    length: fc.integer({ min: 1, max: WIDTH - 1 }),
    quoteAll: fc.boolean(),
    crlf: fc.boolean(),
    blankBefore: fc.boolean(),
  });
  const fileArb = fc.record({
    rows: fc.array(rowArb, { maxLength: 25 }),
    encoding: fc.constantFrom('utf8', 'utf8-bom', 'utf16le', 'utf16be'),
    piece: fc.integer({ min: 1, max: 64 }),
    blockSize: fc.integer({ min: 1, max: 400 }),
  });

  const quote = (field: string, always: boolean): string => (always || /[",\n\r]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

  it('yields as many records as non-empty rows, in input order by line, each scored or an error naming its line, whatever the blocks', async () => {
    await fc.assert(
      fc.asyncProperty(fileArb, async ({ rows, encoding, piece, blockSize }) => {
        let text = `${HEADER}\n`;
        let line = 2;
        const expected: Array<{ line: number; kind: Kind }> = [];
        for (const row of rows) {
          if (row.blankBefore) {
            text += '\n';
            line += 1;
          }
          let fields = [row.id, row.title, '2015-01', '2020-12', '40', 'bachelor', 'Computer Science'];
          if (row.kind === 'invalid') fields[4] = 'lots';
          if (row.kind === 'control') fields[row.column] = `${fields[row.column]}${row.control}x`;
          if (row.kind === 'short') fields = fields.slice(0, row.length);
          if (row.kind === 'wide') fields = [...fields, 'stray'];
          if (row.kind === 'padded') fields = [...fields, '', ''];
          if (row.kind === 'empty') fields = Array.from({ length: row.length + 1 }, () => '');
          text += fields.map((f) => quote(f, row.quoteAll)).join(',') + (row.crlf ? '\r\n' : '\n');
          if (row.kind !== 'empty') expected.push({ line, kind: row.kind });
          line += 1 + (fields.join('').match(/[\n\r]/g) ?? []).length; // a quoted line break (LF or CR) moves the next row down
        }
        const bytes = { utf8: Buffer.from(text), 'utf8-bom': Buffer.from(`\ufeff${text}`), utf16le: utf16le(text), utf16be: utf16be(text) }[encoding];
        const { records } = await score(bytes, { piece, blockSize });
        expect(records).toHaveLength(expected.length);
        expect(records.map((r) => r.line)).toEqual(expected.map((e) => e.line));
        records.forEach((record, i) => {
          const { kind } = expected[i]!;
          if (kind === 'good' || kind === 'padded') {
            expect(record.status).not.toBe('error');
            return;
          }
          expect(record.status).toBe('error');
          expect(record.error).toMatch(new RegExp(`^line ${record.line}: `));
          if (kind === 'short') expect(record.error).toMatch(/the row has \d+ fields where the header has 7$/);
          if (kind === 'control') expect(record.error).toMatch(/: contains a control character \(U\+00(0|1|7F)/);
          expect(record.id).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
        });
      }),
      { seed: 20260101, numRuns: 80 },
    );
  });
});

describe('progress', () => {
  it('each row carries the bytes read up to its end, so progress follows scoring, not reading', async () => {
    const csv = `id,job1_title\n${Array.from({ length: 1_000 }, (_, i) => `P-${i},"Analyst, level ${i % 3}"`).join('\n')}\n`;
    const ends: number[] = [];
    for await (const row of readApplicants(Readable.from([Buffer.from(csv)]))) ends.push(row.end!);
    expect(ends).toHaveLength(1_000);
    expect(ends.every((e, i) => i === 0 || e > ends[i - 1]!)).toBe(true);
    // Half the rows are about half the bytes, and the last row ends the file.
    expect(ends[499]! / csv.length).toBeCloseTo(0.5, 1);
    expect(ends.at(-1)).toBe(csv.length);
  });
});
