import type { Degree, NormalisedProfile } from '../profile/normalise.ts';
import { LEVEL_YEARS, type FieldFamily } from '../vocab/ids.ts';
import type { Reading } from './timeline.ts';

/** A stack of post-secondary education months from one degree (or from credits without a degree).
 * Stacks overlap from month 0: a Master's implies the Bachelor's below it (READING.md §3). */
export interface EducationSource {
  kind: 'degree' | 'credits';
  months: number;
  families: readonly FieldFamily[];
  degree: Degree | null;
  uncertain: boolean;
  label: string;
}

/** Credits without a stated field, and degrees in unrelated fields, count only where no field is named. */
export function educationSources(profile: NormalisedProfile, reading: Reading): EducationSource[] {
  const sources: EducationSource[] = [];
  for (const degree of profile.degrees) {
    const months = LEVEL_YEARS[degree.level] * 12;
    if (months === 0) continue;
    if (degree.unevaluatedForeign && reading === 'strict') continue;
    const field = degree.fieldText ? ` in ${degree.fieldText}` : '';
    sources.push({ kind: 'degree', months, families: degree.families, degree, uncertain: degree.unevaluatedForeign, label: `${degree.levelText}${field}` });
  }
  const credits = profile.credits;
  if (credits) {
    const field = credits.fieldText ? ` in ${credits.fieldText}` : '';
    sources.push({ kind: 'credits', months: credits.months, families: credits.families, degree: null, uncertain: false, label: `college credit${field}` });
  }
  return sources;
}

export const matchesFields = (source: EducationSource, fields: readonly FieldFamily[] | undefined): boolean =>
  fields === undefined || source.families.some((f) => fields.includes(f));
