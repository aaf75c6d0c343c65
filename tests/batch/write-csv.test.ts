import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/batch/write-csv.ts';

/** Cells made mostly of what CSV must quote or may not: commas, quotes, both line breaks, spaces. */
const cell = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\n', '\r', ' ', "'", '='), fc.string({ minLength: 1, maxLength: 1 }), fc.constantFrom('é', '😀')), maxLength: 12 });
const record = fc.array(cell, { minLength: 1, maxLength: 6 });

describe('writing a CSV record', () => {
  it('gives the bytes csv-stringify gives, for any cells without a carriage return', () => {
    // csv-stringify leaves a field with a carriage return but no line feed bare; quoted, it cannot
    // be read as a line end (RFC 4180), which the next test checks.
    fc.assert(fc.property(record.filter((cells) => !cells.some((c) => c.includes('\r'))), (cells) => {
        expect(csvLine(cells)).toBe(stringify([cells], { record_delimiter: 'unix' }));
      }), { numRuns: 2000 });
  });

  it('reads back as the same cells, line breaks of any kind included', () => {
    // A record of one empty cell is a blank line, which a reader skips: every record here has text.
    fc.assert(fc.property(record.filter((cells) => cells.join('') !== ''), (cells) => {
        expect(parse(csvLine(cells))).toEqual([cells]);
      }));
  });

  it('quotes a cell with a comma, a quote or a line break, doubling its quotes, and leaves the others bare', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'cr\r', 'plain', ''])).toBe('"a,b","say ""hi""","two\nlines","cr\r",plain,\n');
  });
});
