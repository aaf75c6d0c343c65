import type { Token } from '../text/tokens.ts';

/** Words that say the applicant lacks what follows in the same clause. */
const NEGATION = new Set(['no', 'not', 'never', 'without', 'lack', 'lacking', 'lacks', 'little', 'limited', 'unfamiliar', 'nor', 'neither', 'cannot']);
/** Words that start a new clause: what follows is said afresh ("I have not led a team, but I coach"). */
const CLAUSE_BREAK = new Set(['but', 'although', 'however', 'though', 'whereas', 'yet', 'while', 'i', 'we']);
/** A negation reaches this many words at most: a clause rarely runs longer without a comma. */
const WINDOW = 12;

/** Per token, whether a negation stands before it in the same clause. A comma, semicolon or colon
 * ends the clause, except right before the word: "not AD, SAN" lacks both. */
export function negatedWords(text: string, tokens: readonly Token[]): boolean[] {
  return tokens.map((_, at) => {
    for (let i = at - 1; i >= 0 && i >= at - WINDOW; i--) {
      const lower = tokens[i]!.raw.toLowerCase();
      if (CLAUSE_BREAK.has(lower)) return false;
      if (NEGATION.has(lower) || lower.endsWith("n't") || lower.endsWith('n’t')) return true;
      if (i < at - 1 && /[,;:]/.test(text.slice(tokens[i]!.end, tokens[i + 1]!.start))) return false;
    }
    return false;
  });
}
