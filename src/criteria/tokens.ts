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

const WORD = /[\p{L}\p{N}][\p{L}\p{N}+#&'’.-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu;
const stems = new Map<string, string>();

function stem(lower: string): string {
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
    const raw = m[0].replace(/['’]s$/, '');
    const lower = spelling(raw.toLowerCase());
    tokens.push({ raw, start: offset + m.index!, end: offset + m.index! + raw.length, stem: stem(lower), acronym: raw.length >= 2 && raw.length <= 6 && /^[A-Z0-9&-]+s?$/.test(raw) && /[A-Z]/.test(raw) });
  }
  return tokens;
}
