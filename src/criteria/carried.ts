import { cueAt, keysOf, type Compiled, type Match, type TermCue } from './matcher.ts';
import type { Sentence } from './sentences.ts';

/** What one sentence carries of one criterion. */
export interface Found {
  criterion: number;
  sentence: Sentence;
  /** The sentence's place in the application, for quoting in the order written. */
  order: number;
  /** The concepts of the terms met. */
  terms: Set<string>;
  /** The criterion's words met, by index, on words no term of it took. */
  words: Set<number>;
  /** Their share of the criterion's words, by weight. */
  share: number;
  matches: Match[];
}

type Hit = { cue: TermCue; at: number };

/** The terms a sentence carries, not negated. A word inside a longer term of another criterion
 * belongs to that term: the "policy" of "group policy" is not a policy set by a project lead. */
function termHits(compiled: Compiled, sentence: Sentence): Hit[] {
  const hits: Hit[] = [];
  sentence.tokens.forEach((token, at) => {
    if (sentence.negated[at]) return;
    for (const key of keysOf(token)) for (const cue of compiled.cues.get(key) ?? []) if (cue.via === 'term' && cueAt(cue, sentence.tokens, at)) hits.push({ cue, at });
  });
  const phrases = hits.filter((h) => h.cue.tokens.length > 1);
  if (phrases.length === 0) return hits;
  const inside = (h: Hit) => h.cue.tokens.length === 1 && phrases.some((p) => p.cue.criterion !== h.cue.criterion && p.at <= h.at && h.at < p.at + p.cue.tokens.length);
  return hits.filter((h) => !inside(h));
}

/** Whether a term written without a word ("%") stands in the sentence, not negated: the "%" of
 * "not by 40%" is negated as its "40" is. */
function literalAt({ text, start, tokens, negated }: Sentence, literal: string): boolean {
  let before = -1; // the last word before the literal: occurrences come in order, so it only moves on
  for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
    while (before + 1 < tokens.length && tokens[before + 1]!.end - start <= at) before++;
    if (before < 0 || !negated[before]) return true;
  }
  return false;
}

/** What a sentence carries of each criterion: its words each looked up once among all the cues. */
export function carried(compiled: Compiled, sentence: Sentence, order: number): Found[] {
  const { tokens, negated, text, start } = sentence;
  const here = new Map<number, Found>();
  const of = (criterion: number): Found => {
    let f = here.get(criterion);
    if (!f) here.set(criterion, (f = { criterion, sentence, order, terms: new Set(), words: new Set(), share: 0, matches: [] }));
    return f;
  };
  const term = (f: Found, concept: string, match: Match): void => {
    if (!f.terms.has(concept)) f.matches.push(match);
    f.terms.add(concept);
  };
  const took = new Set<string>(); // `criterion:word index` taken by a term of that criterion
  for (const { cue, at } of termHits(compiled, sentence)) {
    term(of(cue.criterion), cue.concept, { word: text.slice(tokens[at]!.start - start, tokens[at + cue.tokens.length - 1]!.end - start), for: cue.for, via: 'term' });
    for (let k = 0; k < cue.tokens.length; k++) took.add(`${cue.criterion}:${at + k}`);
  }
  tokens.forEach((token, at) => {
    if (negated[at]) return;
    for (const key of keysOf(token)) {
      for (const cue of compiled.cues.get(key) ?? []) {
        if (cue.via === 'term' || took.has(`${cue.criterion}:${at}`) || !cueAt(cue, tokens, at)) continue;
        const f = of(cue.criterion);
        if (f.words.has(cue.word)) continue;
        f.words.add(cue.word);
        f.matches.push({ word: token.raw, for: cue.for, via: cue.via });
      }
    }
  });
  compiled.criteria.forEach((c, criterion) => {
    for (const literal of c.literals) if (literalAt(sentence, literal)) term(of(criterion), literal, { word: literal, for: literal, via: 'term' });
  });
  for (const [criterion, f] of here) {
    const { words, totalWeight } = compiled.criteria[criterion]!;
    f.share = totalWeight === 0 ? 0 : [...f.words].reduce((sum, w) => sum + words[w]!.weight, 0) / totalWeight;
  }
  return [...here.values()];
}
