import type { Criterion } from '../rules/schema.ts';
import { findPhrase, phraseTokens, tokenize, withinOneEdit, type Token } from '../text/tokens.ts';

/** Evidence of person-specification criteria in an application's text (docs/criteria.md). */

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

/** The texts of a profile read once: their sentences, and where each word stands, so a term is
 * looked for only in the sentences that hold its first word (or, for a long word, one a typo away),
 * not in every sentence: the work grows with the text and the number of terms, not their product. */
interface Reading {
  sentences: Sentence[];
  /** Sentence indices (ascending) holding a word of this stem, and of these letters as written. */
  byStem: Map<string, number[]>;
  byRaw: Map<string, number[]>;
  /** The distinct stems by length, for words one edit from a term's. */
  stemsOfLength: Map<number, string[]>;
  /** A term's candidate sentences, ascending. */
  candidates: Map<string, number[]>;
}

const split = new WeakMap<readonly TextSource[], Reading>();
/** The letters of an acronym as tokens.ts recognises one, with an optional plural "s". */
const ACRONYM_LIKE = /^[A-Z0-9&-]+s?s?$/;

/** A sentence longer than this (no full stop in a thousand characters) is read, and quoted, in
 * pieces cut at a space: a quote stays readable and a reason's size does not grow with the text. */
export const MAX_SENTENCE = 1_000;
/** Quotes kept per criterion: one is shown, a few let a page highlight; more say nothing new. */
export const MAX_QUOTES = 20;

/** Pieces of at most MAX_SENTENCE characters, cut after the last space before the limit (or at the
 * limit when there is none), each trimmed, with its offset in `text`. */
function pieces(text: string, start: number): Array<[string, number]> {
  if (text.length <= MAX_SENTENCE) return [[text, start]];
  const out: Array<[string, number]> = [];
  let from = 0;
  while (from < text.length) {
    let to = Math.min(from + MAX_SENTENCE, text.length);
    if (to < text.length) {
      const space = text.lastIndexOf(' ', to);
      if (space > from) to = space;
    }
    const piece = text.slice(from, to);
    const trimmed = piece.trim();
    if (trimmed) out.push([trimmed, start + from + piece.indexOf(trimmed)]);
    from = to;
  }
  return out;
}

/** The texts cut into sentences and words, once per profile whatever the number of classes. The
 * sentence pattern is linear: one class repeated, then at most one character and a look-ahead of one. */
function read(texts: readonly TextSource[]): Reading {
  const cached = split.get(texts);
  if (cached) return cached;
  const out: Sentence[] = [];
  for (const { source, text } of texts) {
    for (const m of text.matchAll(/[^.!?\n]+(?:[.!?](?=\s|$))?/g)) {
      const whole = m[0].trim();
      if (!whole) continue;
      for (const [trimmed, start] of pieces(whole, m.index! + m[0].indexOf(whole))) {
        const tokens = tokenize(trimmed, start);
        const items = trimmed.split(/[,;/|•·]/).length;
        out.push({ source, text: trimmed, start, tokens, list: items >= 4 && tokens.length / items <= 2.5 });
      }
    }
  }
  const reading: Reading = { sentences: out, byStem: new Map(), byRaw: new Map(), stemsOfLength: new Map(), candidates: new Map() };
  const index = (map: Map<string, number[]>, key: string, at: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  out.forEach((sentence, at) => {
    for (const token of sentence.tokens) {
      if (!reading.byStem.has(token.stem)) {
        const same = reading.stemsOfLength.get(token.stem.length);
        if (same) same.push(token.stem);
        else reading.stemsOfLength.set(token.stem.length, [token.stem]);
      }
      index(reading.byStem, token.stem, at);
      // Only what an acronym term ("LAN", matching "LAN" or "LANs") can match is indexed as written.
      if (token.raw.length <= 7 && ACRONYM_LIKE.test(token.raw)) index(reading.byRaw, token.raw, at);
    }
  });
  split.set(texts, reading);
  return reading;
}

/** The sentences where a term may stand: those holding a word its first word matches (sameWord). */
function candidates(reading: Reading, term: string): number[] {
  let found = reading.candidates.get(term);
  if (found) return found;
  const first = phraseTokens(term)[0];
  if (!first) found = reading.sentences.map((_, at) => at); // no word: findPhrase finds it anywhere
  else {
    const lists: Array<number[] | undefined> = [];
    if (first.acronym) lists.push(reading.byRaw.get(first.raw), reading.byRaw.get(`${first.raw}s`));
    else {
      lists.push(reading.byStem.get(first.stem));
      if (first.stem.length >= 6) {
        for (const length of [first.stem.length - 1, first.stem.length, first.stem.length + 1]) {
          for (const stem of reading.stemsOfLength.get(length) ?? []) if (stem !== first.stem && withinOneEdit(stem, first.stem)) lists.push(reading.byStem.get(stem));
        }
      }
    }
    const present = lists.filter((l): l is number[] => !!l);
    found = present.length === 1 ? present[0]! : [...new Set(present.flat())].sort((a, b) => a - b);
  }
  reading.candidates.set(term, found);
  return found;
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
  const reading = read(texts);
  const all = reading.sentences;
  return criteria.map((criterion) => {
    const quotes: Quote[] = [];
    // Distinct concepts (stems of a term) found, with the term as the rule writes it.
    const inProse = new Map<string, string>();
    const inLists = new Map<string, string>();
    // Each term with its candidate sentences and a cursor into them, advanced as the sentences are read in order.
    const looked = criterion.terms.map((term) => ({ term, concept: phraseTokens(term).map((t) => t.stem).join(' '), where: candidates(reading, term), next: 0 }));
    const visit = new Uint8Array(all.length);
    for (const l of looked) for (const at of l.where) visit[at] = 1;
    for (let at = 0; at < all.length; at++) {
      if (!visit[at]) continue;
      const sentence = all[at]!;
      let quoted = false; // each sentence is quoted once, for the first term found in it
      for (const l of looked) {
        while (l.next < l.where.length && l.where[l.next]! < at) l.next++;
        if (l.where[l.next] !== at) continue;
        const { term, concept } = l;
        const hit = findPhrase(sentence.tokens, term).some((i) => !negated(sentence, i));
        if (!hit) continue;
        (sentence.list ? inLists : inProse).set(concept, term);
        if (!quoted && quotes.length < MAX_QUOTES) quotes.push({ source: sentence.source, text: sentence.text, start: sentence.start, end: sentence.start + sentence.text.length, term });
        quoted = true;
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
