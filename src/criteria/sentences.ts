import { tokenize, type Token } from '../text/tokens.ts';
import { negatedWords } from './negation.ts';

/** A text of the application that evidence may come from, named by its place in the profile. */
export interface TextSource {
  source: string; // `statement`, `experience[2].description`, `experience[2].title`
  text: string;
}

/** A sentence of a source, exactly as written: `text` is `source.text.slice(start, end)`. */
export interface Sentence {
  source: string;
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  /** Per token: said to be lacking ("I have not managed budgets"), so no evidence. */
  negated: boolean[];
  /** A bare list of keywords ("AD, SAN, SSL, GDPR, LAN, WAN"): shows words, not experience. */
  list: boolean;
}

/** A sentence longer than this (no full stop in a thousand characters) is read, and quoted, in
 * pieces cut at a space: a quote stays readable and a reason's size does not grow with the text. */
export const MAX_SENTENCE = 1_000;

/** Runs of text up to a line break or a full stop, question or exclamation mark followed by a space
 * ("99.95%" and "GOV.UK" stay whole). Linear: each character has one way to match. */
const SENTENCE = /(?:[^.!?\r\n]|[.!?](?!\s|$))+(?:[.!?](?=\s|$))?/g;
/** A list marker at the start of a sentence: "- ", "• ", "* ", "1. ", "2) ". */
const BULLET = /^(?:[-–•*·▪]|\(?\d{1,3}[.)])\s+/;

/** Pieces of at most MAX_SENTENCE characters, cut after the last space before the limit (or at the
 * limit when there is none), as [start, end) offsets in `text`. */
function pieces(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  while (from < end) {
    let to = Math.min(from + MAX_SENTENCE, end);
    if (to < end) {
      const space = text.lastIndexOf(' ', to);
      if (space > from) to = space;
    }
    out.push([from, to]);
    from = to;
  }
  return out;
}

/** The [start, end) of the words of a run: without surrounding space or a leading list marker. */
function trimmed(text: string, start: number, end: number): [number, number] {
  const run = text.slice(start, end);
  const lead = run.length - run.trimStart().length;
  const bullet = BULLET.exec(run.slice(lead))?.[0].length ?? 0;
  return [start + lead + bullet, end - (run.length - run.trimEnd().length)];
}

function sentence(source: string, text: string, start: number, end: number): Sentence {
  const words = text.slice(start, end);
  const tokens = tokenize(words, start);
  const items = words.split(/[,;/|•·]/).length;
  return { source, text: words, start, end, tokens, negated: negatedWords(text, tokens), list: items >= 4 && tokens.length / items <= 2.5 };
}

const read = new WeakMap<readonly TextSource[], Sentence[]>();

/** The sentences of the texts, once per profile whatever the number of classes assessed. */
export function sentences(texts: readonly TextSource[]): Sentence[] {
  const cached = read.get(texts);
  if (cached) return cached;
  const out: Sentence[] = [];
  for (const { source, text } of texts) {
    for (const m of text.matchAll(SENTENCE)) {
      for (const [from, to] of pieces(text, m.index, m.index + m[0].length)) {
        const [start, end] = trimmed(text, from, to);
        // A run without a letter (the "1." of a numbered list) says nothing.
        if (/[\p{L}%]/u.test(text.slice(start, end))) out.push(sentence(source, text, start, end));
      }
    }
  }
  read.set(texts, out);
  return out;
}
