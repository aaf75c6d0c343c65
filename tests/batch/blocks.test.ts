import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blocks, type Block } from '../../src/batch/blocks.ts';
import { parseRecords, type Parsed } from '../../src/batch/records.ts';

/** The bytes fed in pieces of `piece` bytes, as a file stream would. */
const pieces = (bytes: Buffer, piece: number): Readable => Readable.from(Array.from({ length: Math.ceil(bytes.length / piece) }, (_, i) => bytes.subarray(i * piece, (i + 1) * piece)));

async function cut(bytes: Buffer, size: number, piece: number): Promise<Block[]> {
  const out: Block[] = [];
  for await (const block of blocks(pieces(bytes, piece), size)) out.push(block);
  return out;
}

/** Each block's records read on their own, with the lines and bytes of the whole input. */
const readEach = (all: Block[]): Parsed[] =>
  all.flatMap((block) =>
    [...parseRecords(Buffer.from(block.bytes).toString('latin1'), block.delimiter)].map((p) =>
      'record' in p ? { record: p.record, lines: block.line + p.lines, bytes: block.offset + p.bytes } : { unclosed: { lines: block.line + p.unclosed.lines, raw: p.unclosed.raw } },
    ),
  );

/** Rows as exports have them, and as they go wrong: quoted commas, doubled quotes and line breaks,
 * stray quotes, empty lines, lone CRs, quotes that never close. Never CRLF (decode.ts). */
const field = fc.constantFrom('A-1', '', ' ', 'Ran the WAN', '"Ran the WAN, firewalls"', '"two\nlines"', '"say ""hi"""', 'Computer "Science', '"B.S." Hons', '"x"y', 'a\rb', '"unclosed', '"');
const row = fc.array(field, { minLength: 1, maxLength: 5 }).map((fields) => fields.join(','));
const file = fc.record({ rows: fc.array(fc.oneof(row, fc.constant('')), { maxLength: 30 }), eol: fc.constantFrom('\n', '\r'), last: fc.boolean() })
  .map(({ rows, eol, last }) => Buffer.from(rows.join(eol) + (last ? eol : ''), 'latin1'));

describe('cutting the input into blocks of whole records', () => {
  it('cuts only where a record ends: each block read on its own gives the records, lines and bytes of the whole', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 64 }), async (bytes, size, piece) => {
        const all = await cut(bytes, size, piece);
        expect(Buffer.concat(all.map((b) => b.bytes))).toEqual(bytes);
        expect(readEach(all)).toEqual([...parseRecords(bytes.toString('latin1'))]);
      }),
      { seed: 20260103, numRuns: 3000 },
    );
  });

  it('ends each block with the first record that reaches the size, and counts the lines and bytes before it', async () => {
    const csv = Buffer.from('id,note\nA-1,"two\nlines"\n\nA-2,x\nA-3,y\n');
    const all = await cut(csv, 10, 3);
    expect(all.map((b) => [Buffer.from(b.bytes).toString(), b.line, b.offset, b.delimiter])).toEqual([
      ['id,note\nA-1,"two\nlines"\n', 0, 0, '\n'],
      ['\nA-2,x\nA-3,y\n', 3, 24, '\n'],
    ]);
  });

  it('leaves a quote that never closes, and all after it, to the last block', async () => {
    const all = await cut(Buffer.from('id\nA-1\n"A-2\nA-3\nA-4\n'), 1, 4);
    expect(all.map((b) => Buffer.from(b.bytes).toString())).toEqual(['id\n', 'A-1\n', '"A-2\nA-3\nA-4\n']);
  });
});
