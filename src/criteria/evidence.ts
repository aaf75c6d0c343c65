import type { Criterion } from '../rules/schema.ts';

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

/** Words that, shortly before a term, say the applicant lacks it ("no experience of AD"). */
const NEGATION = /\b(no|not|never|without|lack(?:ing|s)?|little|limited|unfamiliar|none)\b[^.;,]{0,40}$/i;

interface Sentence {
  source: string;
  text: string;
  start: number;
}

function sentences(texts: readonly TextSource[]): Sentence[] {
  const out: Sentence[] = [];
  for (const { source, text } of texts) {
    for (const m of text.matchAll(/[^.!?\n]+[.!?]?/g)) {
      const trimmed = m[0].trim();
      if (trimmed) out.push({ source, text: trimmed, start: (m.index ?? 0) + m[0].indexOf(trimmed) });
    }
  }
  return out;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new Map<string, RegExp>();
/** Whole-word, case-insensitive; an acronym of capitals (AD, LAN) must keep its case. */
function pattern(term: string): RegExp {
  let re = patterns.get(term);
  if (!re) {
    const acronym = /^[A-Z0-9]{2,5}s?$/.test(term);
    re = new RegExp(`(?<![\\w-])${escape(term)}(?![\\w-])`, acronym ? 'g' : 'gi');
    patterns.set(term, re);
  }
  return re;
}

/** Two distinct terms make a criterion evidenced, one makes it partly evidenced. */
export function assessCriteria(criteria: readonly Criterion[], texts: readonly TextSource[]): CriterionEvidence[] {
  const all = sentences(texts);
  return criteria.map((criterion) => {
    const quotes: Quote[] = [];
    const terms = new Set<string>();
    for (const sentence of all) {
      for (const term of criterion.terms) {
        for (const m of sentence.text.matchAll(pattern(term))) {
          if (NEGATION.test(sentence.text.slice(0, m.index))) continue;
          terms.add(term.toLowerCase());
          if (!quotes.some((q) => q.source === sentence.source && q.start === sentence.start)) {
            quotes.push({ source: sentence.source, text: sentence.text, start: sentence.start, end: sentence.start + sentence.text.length, term });
          }
        }
      }
    }
    const needed = Math.min(2, criterion.terms.length);
    const status: EvidenceStatus = terms.size >= needed ? 'evidenced' : terms.size > 0 ? 'partly' : 'not';
    return { criterion, status, quotes, terms: [...terms] };
  });
}

/** Share of the criteria evidenced, a partly evidenced one counting half. */
export function evidenceShare(evidence: readonly CriterionEvidence[]): number {
  if (evidence.length === 0) return 1;
  return evidence.reduce((sum, e) => sum + (e.status === 'evidenced' ? 1 : e.status === 'partly' ? 0.5 : 0), 0) / evidence.length;
}
