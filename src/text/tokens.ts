import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** A word of an application, with where it stands and the forms it is compared in. */
export interface Token {
  raw: string;
  start: number;
  end: number;
  /** Porter stem of the lower-case word: "virtualised" and "virtualization" share "virtual". */
  stem: string;
  /** All capitals (AD, LAN, GDPR): compared as written, so "ad" and "Lan" do not count. */
  acronym: boolean;
}

/** Linear: the inner class only grows a match, and what it gives back on a failed end cannot start
 * another word (an apostrophe, dot, dash or ampersand), so no character is read more than twice. */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}+#&'’.-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu;
const stems = new Map<string, string>();
/** Longer than any word a person specification or vocabulary names. */
export const MAX_STEMMED = 40;

function stem(lower: string): string {
  // The Porter stemmer's regular expressions cost the square of a word's length: longer "words" (a run of digits, a pasted hash) are cut, not stemmed.
  if (lower.length > MAX_STEMMED) return lower.slice(0, MAX_STEMMED);
  let s = stems.get(lower);
  if (s === undefined) {
    s = PorterStemmer.stem(lower);
    if (stems.size > 100_000) stems.clear();
    stems.set(lower, s);
  }
  return s;
}

/** British and American spellings differ in s/z and ou/o ("organisation", "behaviour"). */
const spelling = (lower: string): string => lower.replace(/isation/g, 'ization').replace(/ise(d|s)?$/, 'ize$1').replace(/our\b/g, 'or');

export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = /['’]s$/.test(m[0].slice(-2)) ? m[0].slice(0, -2) : m[0];
    const lower = raw.length > MAX_STEMMED ? raw.toLowerCase() : spelling(raw.toLowerCase());
    tokens.push({ raw, start: offset + m.index!, end: offset + m.index! + raw.length, stem: stem(lower), acronym: raw.length >= 2 && raw.length <= 6 && /^[A-Z0-9&-]+s?$/.test(raw) && /[A-Z]/.test(raw) });
  }
  return tokens;
}

/** Same stem, or (for long words, when `fuzzy`) one edit apart; an acronym must match as written. */
export function sameWord(word: Token, term: Token, fuzzy = true): boolean {
  if (term.acronym) return word.raw === term.raw || word.raw === `${term.raw}s`;
  return word.stem === term.stem || (fuzzy && term.stem.length >= 6 && withinOneEdit(word.stem, term.stem));
}

/** Whether two words are at most one insertion, deletion or substitution apart: a linear check,
 * because a full edit distance for every word against every term is the hot path. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // The rests after the first difference, compared in place (no copies: this runs per word and term).
  const skipA = a.length >= b.length ? 1 : 0;
  const skipB = b.length >= a.length ? 1 : 0;
  for (let x = i + skipA, y = i + skipB; x < a.length; x++, y++) if (a[x] !== b[y]) return false;
  return true;
}

const phrases = new Map<string, Token[]>();
/** A phrase's words, tokenised once. */
export function phraseTokens(phrase: string): Token[] {
  let tokens = phrases.get(phrase);
  if (!tokens) phrases.set(phrase, (tokens = tokenize(phrase)));
  return tokens;
}

/** Token indices where the phrase starts in the words; `fuzzy` tolerates one edit in long words
 * (typos in statements), which short job titles cannot afford ("sprints" is not "Spring"). */
export function findPhrase(words: readonly Token[], phrase: string, fuzzy = true): number[] {
  const term = phraseTokens(phrase);
  const found: number[] = [];
  for (let i = 0; i + term.length <= words.length; i++) {
    let k = 0;
    while (k < term.length && sameWord(words[i + k]!, term[k]!, fuzzy)) k++;
    if (k === term.length) found.push(i);
  }
  return found;
}

/** A matcher for many phrases at once, exact by stem (or by letter for acronyms): phrases are indexed
 * by their first word, so a text is read once instead of once per phrase. */
export function phraseMatcher(list: readonly string[]): (words: readonly Token[]) => string[] {
  const byFirst = new Map<string, string[]>();
  const key = (t: Token) => (t.acronym ? `A:${t.raw.replace(/s$/, '')}` : t.stem);
  for (const phrase of list) {
    const first = phraseTokens(phrase)[0];
    if (!first) continue;
    const k = key(first);
    byFirst.set(k, [...(byFirst.get(k) ?? []), phrase]);
  }
  return (words) => {
    const found = new Set<string>();
    words.forEach((word, i) => {
      for (const phrase of byFirst.get(key(word)) ?? []) {
        const term = phraseTokens(phrase);
        if (i + term.length <= words.length && term.every((t, k) => sameWord(words[i + k]!, t, false))) found.add(phrase);
      }
    });
    return list.filter((p) => found.has(p));
  };
}
