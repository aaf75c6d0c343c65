import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecords, type Parsed } from '../../src/batch/records.ts';

/** csv-parse itself, with the options qualify read files with before blocks: the reference. */
function csvParse(text: string, delimiter?: '\n' | '\r'): Parsed[] {
  const out: Parsed[] = [];
  parse(Buffer.from(text, 'latin1'), {
    encoding: 'latin1', bom: false, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true, raw: true,
    ...(delimiter === undefined ? {} : { record_delimiter: delimiter }),
    on_record: (record: unknown, { lines, bytes }) => {
      out.push({ record: (record as { record: string[] }).record, lines, bytes });
      return null;
    },
    on_skip: (error) => {
      expect(error!.code).toBe('CSV_QUOTE_NOT_CLOSED');
      out.push({ unclosed: { lines: error!.lines as number, raw: error!.raw as string } });
      return undefined;
    },
  });
  return out;
}

/** Text as decode.ts gives it: any of the characters that matter to CSV, and others, but never CRLF. */
const text = fc.array(fc.constantFrom('a', 'b', ' ', ',', ',', '"', '"', '\n', '\n', '\r', '\0', 'é', '\t'), { maxLength: 60 }).map((chars) => chars.join('').replace(/\r+\n/g, '\n'));

describe('reading the records of a block by hand', () => {
  it('gives the records, lines, ends and unclosed quotes csv-parse gives, whatever the text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, '\n' as const, '\r' as const), (csv, delimiter) => {
        expect([...parseRecords(csv, delimiter)]).toEqual(csvParse(csv, delimiter));
      }),
      { seed: 20260102, numRuns: 5000 },
    );
  });

  it('reads quoted fields with commas, doubled quotes and line breaks, stray quotes and empty lines as csv-parse does', () => {
    const csv = 'id,note\n\nA-1,"Ran the WAN,\nfirewalls ""and"" more"\nA-2,Computer "Science\nA-3,"B.S." Hons\n"",\nA-4,"no end';
    expect([...parseRecords(csv)]).toEqual(csvParse(csv));
    expect([...parseRecords(csv)].map((p) => ('record' in p ? p.record : p.unclosed.raw))).toEqual([
      ['id', 'note'],
      ['A-1', 'Ran the WAN,\nfirewalls "and" more'],
      ['A-2', 'Computer "Science'],
      ['A-3', '"B.S." Hons'],
      ['', ''],
      'A-4,"no end',
    ]);
  });
});
