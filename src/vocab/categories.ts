import { z } from 'zod';
import { ExperienceCategory, closeCategories } from './ids.ts';
import { lazy, loadVocabulary } from './load.ts';

/** A first reading of a job's categories and supervision from its title and duties
 * (data/categories.yaml); each inference carries a confidence and the phrases it rests on. */

export interface Inference {
  categories: ExperienceCategory[];
  supervisory: boolean;
  confidence: number;
  evidence: string[];
}

const Phrases = z.strictObject({ strong: z.array(z.string()) });
const Vocabulary = z.strictObject({
  categories: z.record(ExperienceCategory, Phrases),
  supervisory: z.strictObject({ strong: z.array(z.string()), stop: z.array(z.string()) }),
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole words; an all-capitals phrase (IT, SAN, WAN) keeps its case so "it" the pronoun does not match. */
const phrase = (p: string): RegExp => new RegExp(`(?<![\\w-])${escape(p)}(?![\\w-])`, p === p.toUpperCase() && /[A-Z]/.test(p) ? '' : 'i');

const vocabulary = lazy(() => {
  const data = loadVocabulary('categories.yaml', Vocabulary);
  return {
    categories: Object.entries(data.categories).map(([category, { strong }]) => ({ category: category as ExperienceCategory, phrases: strong.map((p) => [p, phrase(p)] as const) })),
    supervisory: data.supervisory.strong.map((p) => [p, phrase(p)] as const),
    stop: data.supervisory.stop.map((p) => phrase(p)),
  };
});

const cache = new Map<string, Inference>();

export function inferExperience(title: string, description = ''): Inference {
  const cacheKey = `${title}\u0000${description}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const { categories, supervisory, stop } = vocabulary();
  const evidence: string[] = [];
  const found: ExperienceCategory[] = [];
  let inTitle = false;
  for (const { category, phrases } of categories) {
    const hits = phrases.filter(([, re]) => re.test(title) || re.test(description));
    if (hits.length === 0) continue;
    found.push(category);
    evidence.push(...hits.map(([p]) => p));
    inTitle ||= hits.some(([, re]) => re.test(title));
  }
  // Stop phrases ("managed the firewall", "product manager") are removed before looking for supervision.
  const cleaned = stop.reduce((text, re) => text.replace(new RegExp(re.source, `${re.flags}g`), ' '), `${title}. ${description}`);
  const led = supervisory.filter(([, re]) => re.test(cleaned)).map(([p]) => p);
  evidence.push(...led);
  const strength = found.length === 0 ? 0.7 : inTitle ? 0.9 : Math.min(0.85, 0.5 + 0.1 * evidence.length);
  const result: Inference = { categories: [...closeCategories(found)], supervisory: led.length > 0, confidence: strength, evidence: [...new Set(evidence)] };
  if (cache.size > 50_000) cache.clear();
  cache.set(cacheKey, result);
  return result;
}
