import type { Criterion } from '../rules/schema.ts';
import { findPhrase, phraseTokens, tokenize, type Token } from '../text/tokens.ts';

/** Evidence of person-specification criteria in an application's text (READING.md §5, council). */

/** A text of the application that evidence may come from, named by its place in the profile. */
export interface TextSource {
  source: string; // `statement`, `experience[2].description`, `experience[2].title`
  text: string;
}

/** A sentence that evidences a criterion, with offsets into its source so a page can highlight it. */
export interface Quote {
  source: string;
  text: string;
  start: number;
  end: number;
  term: string;
}

export type EvidenceStatus = 'evidenced' | 'partly' | 'not';

export interface CriterionEvidence {
  criterion: Criterion;
  status: EvidenceStatus;
  quotes: Quote[];
  terms: string[];
}

interface Sentence {
  source: string;
  text: string;
  start: number;
  tokens: Token[];
  /** A bare list of keywords ("AD, SAN, SSL, GDPR, LAN, WAN"): shows words, not experience. */
  list: boolean;
}

/** Words that, a few words before a term in the same clause, say the applicant lacks it. */
const NEGATION = new Set(['no', 'not', 'never', 'without', 'lack', 'lacking', 'lacks', 'little', 'limited', 'unfamiliar', 'nor', "haven't", "hasn't", "don't", "didn't", "cannot", "can't", 'neither']);
const CLAUSE_BREAK = new Set(['but', 'although', 'however', 'though', 'whereas', 'yet']);
const NEGATION_WINDOW = 6;

const split = new WeakMap<readonly TextSource[], Sentence[]>();

/** The texts cut into sentences and words, once per profile whatever the number of classes. */
function sentences(texts: readonly TextSource[]): Sentence[] {
  const cached = split.get(texts);
  if (cached) return cached;
  const out: Sentence[] = [];
  for (const { source, text } of texts) {
    for (const m of text.matchAll(/[^.!?\n]+(?:[.!?](?=\s|$))?/g)) {
      const trimmed = m[0].trim();
      if (!trimmed) continue;
      const start = m.index! + m[0].indexOf(trimmed);
      const tokens = tokenize(trimmed, start);
      const items = trimmed.split(/[,;/|•·]/).length;
      out.push({ source, text: trimmed, start, tokens, list: items >= 4 && tokens.length / items <= 2.5 });
    }
  }
  split.set(texts, out);
  return out;
}

/** A negation within a few words before the term, not across a clause break or a comma. */
function negated(sentence: Sentence, at: number): boolean {
  for (let i = at - 1; i >= 0 && i >= at - NEGATION_WINDOW; i--) {
    const token = sentence.tokens[i]!;
    const lower = token.raw.toLowerCase();
    if (CLAUSE_BREAK.has(lower)) return false;
    if (NEGATION.has(lower) || lower.endsWith("n't")) return true;
    const between = sentence.text.slice(token.end - sentence.start, sentence.tokens[i + 1]!.start - sentence.start);
    if (/[,;:]/.test(between) && i < at - 1) return false;
  }
  return false;
}

/** A criterion is evidenced by as many distinct terms as it asks (`evidenceNeeded`, default 2) found
 * in sentences that say something; fewer, or only in bare keyword lists, make it partly evidenced. */
export function assessCriteria(criteria: readonly Criterion[], texts: readonly TextSource[]): CriterionEvidence[] {
  const all = sentences(texts);
  return criteria.map((criterion) => {
    const quotes: Quote[] = [];
    // Distinct concepts (stems of a term) found, with the term as the rule writes it.
    const inProse = new Map<string, string>();
    const inLists = new Map<string, string>();
    for (const sentence of all) {
      for (const term of criterion.terms) {
        const hit = findPhrase(sentence.tokens, term).some((at) => !negated(sentence, at));
        if (!hit) continue;
        const concept = phraseTokens(term).map((t) => t.stem).join(' ');
        (sentence.list ? inLists : inProse).set(concept, term);
        if (!quotes.some((q) => q.source === sentence.source && q.start === sentence.start)) {
          quotes.push({ source: sentence.source, text: sentence.text, start: sentence.start, end: sentence.start + sentence.text.length, term });
        }
      }
    }
    const needed = Math.min(criterion.evidenceNeeded, criterion.terms.length);
    const status: EvidenceStatus = inProse.size >= needed ? 'evidenced' : inProse.size + inLists.size > 0 ? 'partly' : 'not';
    const terms = new Set([...inProse.values(), ...inLists.values()]);
    return { criterion, status, quotes, terms: [...terms] };
  });
}

/** Share of the criteria evidenced, a partly evidenced one counting half. */
export function evidenceShare(evidence: readonly CriterionEvidence[]): number {
  if (evidence.length === 0) return 1;
  return evidence.reduce((sum, e) => sum + (e.status === 'evidenced' ? 1 : e.status === 'partly' ? 0.5 : 0), 0) / evidence.length;
}
