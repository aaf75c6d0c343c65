import { z } from 'zod';

/** The closed sets of ids that rule files, profiles and the engine share (READING.md §2–4, §7). */

export const DegreeLevel = z.enum(['none', 'high-school', 'associate', 'bachelor', 'master', 'doctorate']);
export type DegreeLevel = z.infer<typeof DegreeLevel>;

/** Post-secondary years of each level (READING.md §3). */
export const LEVEL_YEARS: Record<DegreeLevel, number> = {
  none: 0,
  'high-school': 0,
  associate: 2,
  bachelor: 4,
  master: 6,
  doctorate: 7,
};

export const FieldFamily = z.enum(['computing', 'mathematics', 'business']);
export type FieldFamily = z.infer<typeof FieldFamily>;

export const CertCategory = z.enum(['it', 'system-specific', 'advanced', 'project-management']);
export type CertCategory = z.infer<typeof CertCategory>;

export const ExperienceCategory = z.enum(['information-technology', 'it-infrastructure', 'project-management']);
export type ExperienceCategory = z.infer<typeof ExperienceCategory>;

/** `it-infrastructure` counts as `information-technology` too (READING.md §2). */
export function closeCategories(categories: Iterable<ExperienceCategory>): Set<ExperienceCategory> {
  const out = new Set(categories);
  if (out.has('it-infrastructure')) out.add('information-technology');
  return out;
}
