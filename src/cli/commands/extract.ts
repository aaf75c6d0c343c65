import { readFileSync } from 'node:fs';
import { fileError } from '../../errors.ts';
import { extractResume } from '../../text/resume.ts';
import { bundledVocabulary } from '../../vocab/vocabulary.ts';

/** Prints the profile read from a plain-text résumé, and on stderr the lines it could not read. */
export function runExtract(file: string, out: (text: string) => void, err: (text: string) => void): void {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw fileError(file, error);
  }
  const { profile, unread } = extractResume(text, bundledVocabulary());
  out(`${JSON.stringify(profile, null, 2)}\n`);
  for (const u of unread) err(`line ${u.line}: ${u.why}: ${u.text}\n`);
}
