import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { QualifyError } from '../../errors.ts';
import { generateApplicants } from '../../batch/generate.ts';

export async function runGenerate(options: { rows: string; badShare?: string; seed?: string; output?: string }): Promise<void> {
  const rows = Number(options.rows);
  const badShare = options.badShare === undefined ? 0.02 : Number(options.badShare);
  const seed = options.seed === undefined ? 1 : Number(options.seed);
  if (!Number.isInteger(rows) || rows < 0) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--rows "${options.rows}" must be a whole number`);
  if (!(badShare >= 0 && badShare <= 1)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--bad-share "${options.badShare}" must be between 0 and 1`);
  if (!Number.isInteger(seed)) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--seed "${options.seed}" must be a whole number`);
  await pipeline(generateApplicants(rows, { seed, badShare }), options.output ? createWriteStream(options.output) : process.stdout);
}
