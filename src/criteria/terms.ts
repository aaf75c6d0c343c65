import { words as STOPWORDS } from 'natural/lib/natural/util/stopwords.js';
import { tokenize, type Token } from '../text/tokens.ts';

/** Words of person specifications that name no skill: a criterion's evidence lies elsewhere. */
const GENERIC = new Set([
  'knowledge', 'understanding', 'ability', 'able', 'experience', 'experienced', 'skills', 'skill', 'good', 'deep', 'sound',
  'strong', 'excellent', 'significant', 'previous', 'including', 'various', 'etc', 'particular', 'appropriate', 'effectively',
  'successfully', 'context', 'range', 'variety', 'across', 'within', 'ensure', 'ensuring', 'demonstrable', 'proven',
]);
const stop = new Set(STOPWORDS);

/** A word that names something: an acronym, or a word that is neither a stopword nor generic. */
export const useful = (t: Token): boolean => t.acronym || (!stop.has(t.raw.toLowerCase()) && !GENERIC.has(t.raw.toLowerCase()) && t.raw.length > 2);

/** A first proposal of evidence terms for a criterion, which the analyst then edits: acronyms as
 * written, runs of useful words as phrases (noun-phrase-like), and the longer single words. */
export function proposeTerms(text: string, limit = 12): string[] {
  const tokens = tokenize(text);
  const terms: string[] = [];
  const seen = new Set<string>(); // lower case: a set, as a list searched per word grows with the square of the text
  const add = (term: string): void => {
    if (terms.length >= limit || seen.has(term.toLowerCase())) return;
    seen.add(term.toLowerCase());
    terms.push(term);
  };
  let run: Token[] = [];
  const flush = (): void => {
    if (run.length >= 2 && run.length <= 3) add(run.map((t) => (t.acronym ? t.raw : t.raw.toLowerCase())).join(' '));
    run = [];
  };
  tokens.forEach((token, i) => {
    // A phrase never runs across punctuation: "concepts, protocols" are two things.
    if (i > 0 && /[,;:.()]/.test(text.slice(tokens[i - 1]!.end, token.start))) flush();
    if (useful(token)) run.push(token);
    else flush();
  });
  flush();
  for (const token of tokens) if (token.acronym) add(token.raw);
  for (const token of tokens) if (useful(token) && !token.acronym && token.raw.length >= 5) add(token.raw.toLowerCase());
  return terms.slice(0, limit);
}
