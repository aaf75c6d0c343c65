import { z } from 'zod';
import { findPhrase, phraseMatcher, tokenize, type Token } from '../text/tokens.ts';
import { ExperienceCategory, closeCategories } from './ids.ts';
import { lazy, loadVocabulary } from './load.ts';

/** Reads a job's categories and supervision from its title and duties (data/categories.yaml):
 * phrases matched by stem, title phrases weighing more than duties; each inference carries a
 * confidence and the phrases it rests on. */

export interface Inference {
  categories: ExperienceCategory[];
  supervisory: boolean;
  confidence: number;
  evidence: string[];
}

const Phrases = z.strictObject({ title: z.array(z.string()), duties: z.array(z.string()) });
const Vocabulary = z.strictObject({
  categories: z.record(ExperienceCategory, Phrases),
  supervisory: z.strictObject({
    title: z.array(z.string()),
    duties: z.array(z.string()),
    verbs: z.array(z.string()),
    people: z.array(z.string()),
    none: z.array(z.string()),
    stop: z.array(z.string()),
  }),
});

const vocabulary = lazy(() => {
  const data = loadVocabulary('categories.yaml', Vocabulary);
  const stop = new RegExp(data.supervisory.stop.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
  const duties = new Map(Object.entries(data.categories).map(([c, p]) => [c, phraseMatcher(p.duties)]));
  return { ...data, stop, duties, supervisoryDuties: phraseMatcher(data.supervisory.duties), none: phraseMatcher(data.supervisory.none) };
});

/** Words between a leading verb and the people it leads ("led the NOC shift of five analysts"). */
const PEOPLE_WINDOW = 6;

/** Titles are short and exact: words compare as written (lower case), so "Programmer" is not "Programme". */
function inTitle(title: string, phrases: readonly string[]): string[] {
  const words = ` ${title.toLowerCase().replace(/[^a-z0-9#+.]+/g, ' ')} `;
  const acronyms = new Set(title.match(/\b[A-Z0-9]{2,6}\b/g) ?? []);
  return phrases.filter((p) => (p === p.toUpperCase() && /[A-Z]/.test(p) ? acronyms.has(p) : words.includes(` ${p.toLowerCase()} `)));
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

const cache = new Map<string, Inference>();

export function inferExperience(title: string, description = ''): Inference {
  const key = `${title}\u0000${description}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const v = vocabulary();
  const dutyWords = tokenize(description.replace(v.stop, ' '));
  const evidence: string[] = [];
  const categories: ExperienceCategory[] = [];
  let fromTitle = false;
  let dutyHits = 0;
  // A project-management title doing infrastructure work is IT project management, not infrastructure work.
  const managesProjects = inTitle(title, v.categories['project-management']?.title ?? []).length > 0;
  for (const [category, phrases] of Object.entries(v.categories) as Array<[ExperienceCategory, z.infer<typeof Phrases>]>) {
    const titled = inTitle(title, phrases.title);
    const duties = v.duties.get(category)!(dutyWords);
    if (titled.length + duties.length === 0) continue;
    const counted = category === 'it-infrastructure' && managesProjects ? 'information-technology' : category;
    categories.push(counted);
    evidence.push(...titled, ...duties);
    fromTitle ||= titled.length > 0;
    dutyHits += duties.length;
  }
  const s = v.supervisory;
  const denied = v.none(dutyWords).length > 0;
  const led = denied ? [] : [...inTitle(title, s.title), ...v.supervisoryDuties(dutyWords), leadsPeople(dutyWords, s.verbs, s.people)].filter((x): x is string => !!x);
  evidence.push(...led);
  const confidence = categories.length === 0 ? 0.7 : fromTitle ? 0.9 : Math.min(0.85, 0.55 + 0.1 * dutyHits);
  const result: Inference = { categories: [...closeCategories(new Set(categories))], supervisory: led.length > 0, confidence, evidence: [...new Set(evidence)] };
  if (cache.size > 50_000) cache.clear();
  cache.set(key, result);
  return result;
}
