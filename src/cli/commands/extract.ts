import { readFileSync } from 'node:fs';
import { QualifyError } from '../../errors.ts';
import { extractResume } from '../../text/resume.ts';
import { bundledVocabulary } from '../../vocab/vocabulary.ts';

/** Prints the profile read from a plain-text résumé, and on stderr the lines it could not read. */
export function runExtract(file: string, out: (text: string) => void, err: (text: string) => void): void {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  const { profile, unread } = extractResume(text, bundledVocabulary());
  out(`${JSON.stringify(profile, null, 2)}\n`);
  for (const u of unread) err(`line ${u.line}: ${u.why}: ${u.text}\n`);
}
