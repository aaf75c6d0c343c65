import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { QualifyError, fileError } from '../../errors.ts';
import { suggestMap } from '../../batch/map.ts';
import { HEAD_BYTES, headText, sampleRows } from '../../batch/preview.ts';

export interface MapCommandOptions {
  /** The export to suggest a map for. */
  suggest: string;
  /** Write the map here (never over an existing file) instead of standard output. */
  output?: string;
}

/** The start of a file, read for its header and first rows. */
function head(file: string): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES + 1);
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      return headText(buffer.subarray(0, Math.min(read, HEAD_BYTES)), read > HEAD_BYTES, file);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof QualifyError) throw error;
    throw fileError(file, error);
  }
}

/** `qualify map --suggest FILE.csv [-o map.yaml]`: a starting map from the header and the first
 * rows, for the user to check. Returns the exit status. */
export function runMap(options: MapCommandOptions, write: (text: string) => void, say: (line: string) => void): number {
  const file = options.suggest;
  const { names, rows } = sampleRows(head(file), file);
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
    throw fileError(options.output, error, 'write');
  }
  say(`qualify: wrote ${options.output}: check every line, then score with --map ${options.output}`);
  return 0;
}
