import type { Criterion } from '../rules/schema.ts';
import { carried, type Found } from './carried.ts';
import { compile, type Match } from './matcher.ts';
import { sentences, type TextSource } from './sentences.ts';

/** Evidence of person-specification criteria in an application's text (docs/criteria.md). */

export type { TextSource } from './sentences.ts';
export { MAX_SENTENCE } from './sentences.ts';
export type { Match } from './matcher.ts';

/** A sentence that evidences a criterion, exactly as written: `text` is the source's text from
 * `start` to `end`, so a page can highlight it. */
export interface Quote {
  source: string;
  text: string;
  start: number;
  end: number;
  /** The first term or criterion word it carries. */
  term: string;
  matches: Match[];
}

export type EvidenceStatus = 'evidenced' | 'partly' | 'not';

export interface CriterionEvidence {
  criterion: Criterion;
  status: EvidenceStatus;
  /** The sentences that carry it, the strongest first. */
  quotes: Quote[];
  /** What was found, as terms and criterion words ("leader ≈ leadership" for a synonym). */
  terms: string[];
}

/** Quotes kept per criterion: one is shown, a few let a page highlight; more say nothing new. */
export const MAX_QUOTES = 20;
/** A sentence states a criterion in other words when it carries this share of the criterion's
 * words (weighted by rarity), and at least two of them. */
const MEANING_SHARE = 0.5;
/** Words of the criterion beside a term in one sentence that make the sentence state it. */
const WORDS_BESIDE_TERM = 2;

/** Whether one sentence states the criterion: in its words, or a term with words of the criterion. */
const states = (f: Found): boolean =>
  !f.sentence.list && ((f.share >= MEANING_SHARE && f.words.size >= 2) || (f.terms.size >= 1 && f.words.size >= WORDS_BESIDE_TERM));
/** Whether a sentence shows anything of the criterion: a term, or two of its words. */
const shows = (f: Found): boolean => f.terms.size > 0 || f.words.size >= 2;
/** Quotes come strongest first: a sentence that states the criterion, then prose before lists,
 * then more terms and words of it, then the order of the text. */
const stronger = (a: Found, b: Found): number =>
  Number(states(b)) - Number(states(a)) || Number(a.sentence.list) - Number(b.sentence.list) || b.terms.size + b.share - (a.terms.size + a.share) || a.order - b.order;

function judge(found: readonly Found[], needed: number): EvidenceStatus {
  const inProse = new Set(found.filter((f) => !f.sentence.list).flatMap((f) => [...f.terms]));
  if (inProse.size >= needed || found.some(states)) return 'evidenced';
  return found.some(shows) ? 'partly' : 'not';
}

const label = (m: Match): string => (m.via === 'synonym' ? `${m.word.toLowerCase()} ≈ ${m.for}` : m.for);

/** A criterion is evidenced by `evidenceNeeded` distinct terms (default 2) in sentences that say
 * something, or by one sentence that states it in other words; anything less found is partly. */
export function assessCriteria(criteria: readonly Criterion[], texts: readonly TextSource[]): CriterionEvidence[] {
  const compiled = compile(criteria);
  const found = new Map<number, Found[]>();
  sentences(texts).forEach((sentence, order) => {
    for (const f of carried(compiled, sentence, order)) {
      const list = found.get(f.criterion);
      if (list) list.push(f);
      else found.set(f.criterion, [f]);
    }
  });
  return compiled.criteria.map((c, index) => {
    const mine = (found.get(index) ?? []).filter(shows).sort(stronger);
    const status = judge(mine, c.needed);
    const quotes = mine.slice(0, MAX_QUOTES).map(({ sentence: s, matches }) => ({ source: s.source, text: s.text, start: s.start, end: s.end, term: matches[0]!.for, matches }));
    const terms = [...new Set(mine.flatMap((f) => f.matches.map(label)))];
    return { criterion: c.criterion, status, quotes, terms };
  });
}

/** Share of the criteria evidenced, a partly evidenced one counting half. */
export function evidenceShare(evidence: readonly CriterionEvidence[]): number {
  if (evidence.length === 0) return 1;
  return evidence.reduce((sum, e) => sum + (e.status === 'evidenced' ? 1 : e.status === 'partly' ? 0.5 : 0), 0) / evidence.length;
}
