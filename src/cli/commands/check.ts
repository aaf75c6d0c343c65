import { readFileSync } from 'node:fs';
import { checkProfile, parseAsOf, selectRules } from '../../check.ts';
import { bundledCatalogue } from '../../rules/load.ts';
import { QualifyError, describeIssues } from '../../errors.ts';

export interface CheckCommandOptions {
  class?: string;
  asOf?: string;
}

/** FILE holds one profile, a JSON array of profiles, or JSON Lines; `-` is standard input. */
export function readProfiles(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  const trimmed = text.trim();
  if (trimmed === '') throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file} is empty`);
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return trimmed.split(/\r?\n/).flatMap((line, i) => {
      if (line.trim() === '') return [];
      try {
        return [JSON.parse(line)];
      } catch (error) {
        throw new QualifyError('QUAL_ERR_MALFORMED_JSON', `${file}:${i + 1}: not JSON (nor a JSON document, nor JSON Lines): ${(error as Error).message}`);
      }
    });
  }
}

/** Prints one JSON line per (profile, class); returns the exit status (1 when a profile was invalid). */
export function runCheck(file: string, options: CheckCommandOptions, out: (line: string) => void, err: (line: string) => void): number {
  const classes = options.class ? options.class.split(',').map((c) => c.trim()) : undefined;
  const asOf = parseAsOf(options.asOf);
  const catalogue = bundledCatalogue();
  selectRules(classes, catalogue.rules); // an unknown class fails before any profile is read
  let status = 0;
  readProfiles(file).forEach((input, i) => {
    try {
      for (const decision of checkProfile(input, { classes, asOf, catalogue })) out(JSON.stringify(decision));
    } catch (error) {
      if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') throw error;
      const id = input && typeof input === 'object' && 'id' in input ? ` (id ${String((input as { id: unknown }).id)})` : '';
      err(`qualify: profile ${i + 1}${id} is invalid: ${describeIssues(error.issues)}`);
      status = 1;
    }
  });
  return status;
}
