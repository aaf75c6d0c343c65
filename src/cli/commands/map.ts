import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { QualifyError } from '../../errors.ts';
import { suggestMap } from '../../batch/map.ts';

export interface MapCommandOptions {
  /** The export to suggest a map for. */
  suggest: string;
  /** Write the map here (never over an existing file) instead of standard output. */
  output?: string;
}

/** Rows looked at, after the header, to guess date forms and list separators. */
export const SAMPLE_ROWS = 20;
/** Bytes read from the start of the file: the header and the first rows of any sane export. */
const HEAD_BYTES = 1 << 20;

/** The text of the start of a file: UTF-8 (a BOM dropped) or UTF-16 with a BOM, cut after its last
 * whole line when the file goes on. */
function head(file: string): string {
  let bytes: Buffer;
  let more: boolean;
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES + 1);
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      more = read > HEAD_BYTES;
      bytes = buffer.subarray(0, Math.min(read, HEAD_BYTES));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  else {
    if (bytes.includes(0)) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file}: the file is not UTF-8 text: it holds NUL bytes (UTF-16 saved without a byte-order mark, or a spreadsheet file rather than a CSV?); save it as CSV UTF-8 and try again`);
    text = bytes.toString('utf8').replace(/^\ufeff/, '');
  }
  return more ? text.slice(0, text.lastIndexOf('\n') + 1) : text;
}

/** `qualify map --suggest FILE.csv [-o map.yaml]`: a starting map from the header and the first
 * rows, for the user to check. Returns the exit status. */
export function runMap(options: MapCommandOptions, write: (text: string) => void, say: (line: string) => void): number {
  const file = options.suggest;
  let records: string[][];
  try {
    records = parse(head(file), { to: SAMPLE_ROWS + 1, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true }) as string[][];
  } catch (error) {
    if (error instanceof QualifyError) throw error;
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file}: the header row cannot be read: ${(error as Error).message}`);
  }
  const [names, ...rows] = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!names) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file}: the CSV is empty: it has no rows, not even a header`);
  const map = suggestMap(basename(file), names, rows);
  if (options.output === undefined) {
    write(map);
    return 0;
  }
  try {
    // Never over a map that exists: it may hold the user's checks.
    writeFileSync(options.output, map, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new QualifyError('QUAL_ERR_INVALID_OPTION', `${options.output} exists already; qualify map does not write over a map (it may hold your checks): name another file, or remove it`);
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot write ${options.output}: ${(error as Error).message}`);
  }
  say(`qualify: wrote ${options.output}: check every line, then score with --map ${options.output}`);
  return 0;
}
