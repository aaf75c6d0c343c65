import type { Criterion } from '../rules/schema.ts';
import { phraseTokens, tokenize, type Token } from '../text/tokens.ts';
import { synonymsOf } from './synonyms.ts';
import { useful } from './terms.ts';

/** How a word of a sentence met a criterion: one of its terms, one of the words of its text (by
 * stem: "configured" for "configuring"), or a WordNet synonym of such a word ("supervise" for "manage"). */
export type Via = 'term' | 'word' | 'synonym';

/** A word of a quote that met a criterion: as written, what it stands for, and how it met it. */
export interface Match {
  word: string;
  for: string;
  via: Via;
}

/** A term of a criterion, looked up by the key of its first word and compared word by word. */
export interface TermCue {
  via: 'term';
  criterion: number;
  for: string;
  tokens: Token[];
  /** The same for the forms of one term ("policy", "policies"; "SLA", "SLAs"): its words' keys. */
  concept: string;
}

/** A word of a criterion's text, or a synonym of it, that stands for the word (by index). */
export interface WordCue {
  via: 'word' | 'synonym';
  criterion: number;
  for: string;
  tokens: [Token];
  word: number;
}

export type Cue = TermCue | WordCue;

export interface CompiledCriterion {
  criterion: Criterion;
  /** The distinct words of the criterion's text that name something, with how rare each is among
   * the criteria: "infrastructure", said by many, shows less than "troubleshooting". */
  words: Array<{ word: string; weight: number }>;
  totalWeight: number;
  /** Terms written without a word ("%"), found as written. */
  literals: string[];
  needed: number;
}

export interface Compiled {
  criteria: CompiledCriterion[];
  cues: Map<string, Cue[]>;
}

/** An acronym is compared as written ("LAN" matches "LAN" and "LANs", not "lan"); other words by stem. */
export const keyOf = (t: Token): string => (t.acronym ? `A:${t.raw.replace(/s$/, '')}` : t.stem);
/** The keys a word of a sentence may be found under: its stem, and as an acronym when written as one. */
export const keysOf = (t: Token): string[] => (t.acronym ? [t.stem, keyOf(t)] : [t.stem]);

const compiled = new WeakMap<readonly Criterion[], Compiled>();

/** The criteria of a requirement read once into cues indexed by first word, so a statement is read
 * word by word, each word looked up once, whatever the number of criteria and synonyms. */
export function compile(criteria: readonly Criterion[]): Compiled {
  const cached = compiled.get(criteria);
  if (cached) return cached;
  const cues = new Map<string, Cue[]>();
  const add = (key: string, cue: Cue): void => {
    const list = cues.get(key);
    if (list) list.push(cue);
    else cues.set(key, [cue]);
  };
  const wordsOf = criteria.map((c) => distinctWords(c.text));
  const df = new Map<string, number>();
  for (const list of wordsOf) for (const t of list) df.set(t.stem, (df.get(t.stem) ?? 0) + 1);
  const out = criteria.map((criterion, at): CompiledCriterion => {
    const literals = termCues(criterion.terms, at, add);
    const words = wordCues(wordsOf[at]!, at, add).map((word) => ({ word: word.raw, weight: Math.log(1 + criteria.length / df.get(word.stem)!) }));
    // As many terms as asked, or all there are; a criterion without terms is evidenced only by a
    // sentence that states it (evidence.ts).
    const needed = Math.max(1, Math.min(criterion.evidenceNeeded, criterion.terms.length));
    return { criterion, words, totalWeight: words.reduce((sum, w) => sum + w.weight, 0), literals, needed };
  });
  const result = { criteria: out, cues };
  compiled.set(criteria, result);
  return result;
}

type Add = (key: string, cue: Cue) => void;

/** Cues for the terms; the terms written without a word ("%"), found as written, are returned. */
function termCues(terms: readonly string[], criterion: number, add: Add): string[] {
  const literals: string[] = [];
  for (const term of terms) {
    const tokens = phraseTokens(term);
    if (tokens.length === 0) literals.push(term);
    else add(keyOf(tokens[0]!), { via: 'term', criterion, for: term, tokens, concept: tokens.map(keyOf).join(' ') });
  }
  return literals;
}

/** Cues for the words of the text and their synonyms; the criterion's distinct words are returned,
 * forms of one word ("delivery", "delivered") being one word, not two. */
function wordCues(tokens: readonly Token[], criterion: number, add: Add): Token[] {
  const words: Token[] = [];
  const stemsOf: Array<Set<string>> = [];
  for (const t of tokens) {
    const form = t.acronym ? t.raw : t.raw.toLowerCase();
    const synonyms = t.acronym ? [] : synonymsOf(form); // an acronym is matched as written
    const stems = new Set([t.stem, ...synonyms.map((s) => tokenize(s)[0]?.stem ?? '')].filter(Boolean));
    let word = stemsOf.findIndex((known) => [...stems].some((s) => known.has(s)));
    if (word < 0) {
      word = words.push({ ...t, raw: form }) - 1;
      stemsOf.push(new Set());
    }
    add(keyOf(t), { via: 'word', criterion, for: form, tokens: [t], word });
    for (const stem of stems) {
      if (stem !== t.stem && !stemsOf[word]!.has(stem)) add(stem, { via: 'synonym', criterion, for: form, tokens: [{ ...t, raw: stem, stem, acronym: false }], word });
    }
    for (const stem of stems) stemsOf[word]!.add(stem);
  }
  return words;
}

/** The words of a criterion's text that name something, one per stem, in order. */
function distinctWords(text: string): Token[] {
  const seen = new Set<string>();
  return tokenize(text).filter((t) => useful(t) && !seen.has(t.stem) && seen.add(t.stem));
}

/** Whether a cue's words stand in the sentence's words from `at`, in order. */
export function cueAt(cue: Cue, tokens: readonly Token[], at: number): boolean {
  if (at + cue.tokens.length > tokens.length) return false;
  return cue.tokens.every((want, k) => {
    const got = tokens[at + k]!;
    return want.acronym ? got.raw === want.raw || got.raw === `${want.raw}s` : got.stem === want.stem;
  });
}
