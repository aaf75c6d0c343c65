import { z } from 'zod';
import { vocabularyId } from './load.ts';
import { findPhrase, phraseMatcher, tokenize, type Token } from '../text/tokens.ts';

/** Experience categories and capacities (data/categories.yaml, data/capacities.yaml), and the
 * reading of a job's title and duties into them: phrases matched by stem, title phrases weighing
 * more than duties; each inference carries a confidence and the phrases it rests on. */

const Phrases = { title: z.array(z.string()).default([]), duties: z.array(z.string()).default([]) };

export const CategoriesFile = z.strictObject({
  categories: z.record(
    vocabularyId,
    z.strictObject({
      label: z.string().min(1),
      /** Categories this one counts as too (IT infrastructure is information technology). */
      implies: z.array(vocabularyId).default([]),
      /** Read as another category when the title names a given one: { title category: read as }. */
      underTitle: z.record(vocabularyId, vocabularyId).default({}),
      ...Phrases,
    }),
  ),
});

export const CapacitiesFile = z.strictObject({
  capacities: z.record(
    vocabularyId,
    z.strictObject({
      label: z.string().min(1),
      ...Phrases,
      /** "led/managed … <people>" within a few words. */
      verbs: z.array(z.string()).default([]),
      people: z.array(z.string()).default([]),
      /** Said outright that the job had no such capacity. */
      none: z.array(z.string()).default([]),
      /** Phrases that look like this capacity and are not, removed before reading. */
      stop: z.array(z.string()).default([]),
    }),
  ),
});

export interface Inference {
  categories: string[];
  capacities: string[];
  /** How sure the reading of categories is (CONFIDENCE); capacities rest on phrases that say them outright. */
  confidence: number;
  evidence: string[];
}

/** Words between a leading verb and the people it leads ("led the NOC shift of five analysts"). */
const PEOPLE_WINDOW = 6;

/** A title read once for all phrases: its words (lower case) and its acronyms. */
interface Title {
  words: string;
  acronyms: ReadonlySet<string>;
}

/** "Manager, Application Support", "Director of IT", "Lead - Service Desk": the role before the
 * work it is over, which the vocabularies name the other way round ("application support manager"). */
const ROLE_FIRST = /^\s*(manager|director|supervisor|lead)\s*(?:,|:|of\b|-|–|—)\s*(.+)$/i;

/** The title as written and, for a role named first, as "X Manager": a bar between the two keeps a
 * phrase from running across them. */
function readTitle(title: string): Title {
  const role = ROLE_FIRST.exec(title);
  const both = role ? `${title} | ${role[2]} ${role[1]}` : title;
  return { words: ` ${both.toLowerCase().replace(/[^a-z0-9#+.|]+/g, ' ')} `, acronyms: new Set(title.match(/\b[A-Z0-9]{2,6}\b/g) ?? []) };
}

/** A phrase written in capitals (IT, SAN, WAN) matches only as written. */
const isAcronym = (phrase: string): boolean => phrase === phrase.toUpperCase() && /[A-Z]/.test(phrase);

/** Titles are short and exact: words compare as written (lower case), so "Programmer" is not "Programme". */
function inTitle(title: Title, phrases: readonly string[]): string[] {
  return phrases.filter((p) => (isAcronym(p) ? title.acronyms.has(p) : title.words.includes(` ${p.toLowerCase()} `)));
}

/** How sure a reading of categories is (docs/vocabularies.md): the title naming the work is
 * strong; duties alone start low and rise with each phrase, a single word counting half (one
 * "printers" is weak, "disaster recovery" or "WAN" less so). Below INFERENCE_CONFIDENCE
 * (src/facts/facts.ts, 0.6) a reading is uncertain. Nothing read at all is a reading too. */
const CONFIDENCE = { title: 0.9, nothing: 0.7, duties: { base: 0.45, perPhrase: 0.15, most: 0.85 } } as const;

/** A duty phrase of one ordinary word weighs half; several words or an acronym weigh one. */
const weight = (phrase: string): number => (/\s/.test(phrase.trim()) || isAcronym(phrase) ? 1 : 0.5);

function confidenceOf(found: number, fromTitle: boolean, duties: readonly string[]): number {
  if (found === 0) return CONFIDENCE.nothing;
  if (fromTitle) return CONFIDENCE.title;
  const { base, perPhrase, most } = CONFIDENCE.duties;
  return Math.min(most, base + perPhrase * duties.reduce((sum, p) => sum + weight(p), 0));
}

function leadsPeople(words: readonly Token[], verbs: readonly string[], people: readonly string[]): string | null {
  for (const verb of verbs) {
    for (const at of findPhrase(words, verb, false)) {
      const window = words.slice(at + 1, at + 1 + PEOPLE_WINDOW);
      const who = people.find((p) => findPhrase(window, p, false).length > 0);
      if (who) return `${verb} … ${who}`;
    }
  }
  return null;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Experience {
  /** Category id → label, in file order. */
  categories: ReadonlyMap<string, string>;
  capacities: ReadonlyMap<string, string>;
  /** The categories with every category they imply. */
  close: (categories: Iterable<string>) => Set<string>;
  inferExperience: (title: string, description?: string) => Inference;
}

export function createExperience(categoriesFile: z.output<typeof CategoriesFile>, capacitiesFile: z.output<typeof CapacitiesFile>): Experience {
  const categories = Object.entries(categoriesFile.categories).map(([id, c]) => ({ id, ...c, dutyMatcher: phraseMatcher(c.duties) }));
  const capacities = Object.entries(capacitiesFile.capacities).map(([id, c]) => ({ id, ...c, dutyMatcher: phraseMatcher(c.duties), noneMatcher: phraseMatcher(c.none) }));
  const stopPhrases = capacities.flatMap((c) => c.stop);
  const stop = stopPhrases.length > 0 ? new RegExp(stopPhrases.map(escape).join('|'), 'gi') : null;
  const implies = new Map(categories.map((c) => [c.id, c.implies]));
  const close = (ids: Iterable<string>): Set<string> => {
    const out = new Set<string>();
    const add = (id: string): void => {
      if (out.has(id)) return;
      out.add(id);
      implies.get(id)?.forEach(add);
    };
    for (const id of ids) add(id);
    return out;
  };
  const cache = new Map<string, Inference>();

  function infer(title: string, description: string): Inference {
    const dutyWords = tokenize(stop ? description.replace(stop, ' ') : description);
    const read = readTitle(title);
    const evidence: string[] = [];
    const titled = new Set(categories.filter((c) => inTitle(read, c.title).length > 0).map((c) => c.id));
    const found: string[] = [];
    const dutyPhrases: string[] = [];
    let fromTitle = false;
    for (const c of categories) {
      const inTitleHits = inTitle(read, c.title);
      const duties = c.dutyMatcher(dutyWords);
      if (inTitleHits.length + duties.length === 0) continue;
      const under = Object.entries(c.underTitle).find(([other]) => titled.has(other));
      found.push(under ? under[1] : c.id);
      evidence.push(...inTitleHits, ...duties);
      fromTitle ||= inTitleHits.length > 0;
      dutyPhrases.push(...duties);
    }
    const held: string[] = [];
    for (const c of capacities) {
      if (c.noneMatcher(dutyWords).length > 0) continue;
      const hits = [...inTitle(read, c.title), ...c.dutyMatcher(dutyWords), leadsPeople(dutyWords, c.verbs, c.people)].filter((x): x is string => !!x);
      if (hits.length === 0) continue;
      held.push(c.id);
      evidence.push(...hits);
    }
    const confidence = confidenceOf(found.length, fromTitle, [...new Set(dutyPhrases)]);
    return { categories: [...close(found)], capacities: held, confidence, evidence: [...new Set(evidence)] };
  }

  return {
    categories: new Map(categories.map((c) => [c.id, c.label])),
    capacities: new Map(capacities.map((c) => [c.id, c.label])),
    close,
    inferExperience(title, description = '') {
      const key = `${title}\u0000${description}`;
      // Long texts are read each time: batch files repeat short ones, and a cache of long keys grows without bound.
      if (key.length > 1_000) return infer(title, description);
      let result = cache.get(key);
      if (!result) {
        result = infer(title, description);
        if (cache.size > 50_000) cache.clear();
        cache.set(key, result);
      }
      return result;
    },
  };
}
