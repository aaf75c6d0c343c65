import type { Degree, NormalisedProfile, SubjectHours } from '../profile/normalise.ts';
import type { Vocabulary } from '../vocab/vocabulary.ts';
import type { AssetRef } from '../engine/types.ts';
import type { Reading } from './timeline.ts';

/** A stack of post-secondary education months from one degree (or from credits without a degree).
 * Stacks overlap from month 0: a Master's implies the Bachelor's below it. */
export interface EducationSource {
  months: number;
  /** Field and family ids; empty for an unrelated or unstated field. */
  ids: readonly string[];
  asset: AssetRef;
  uncertain: boolean;
  label: string;
}

/** Hours of credit or training that a credits or training requirement, or a rate substitution,
 * may draw on; each piece is used once. */
export interface HoursPiece extends SubjectHours {
  pool: 'credits' | 'training';
  asset: AssetRef;
  uncertain: boolean;
  label: string;
}

/** A degree as a held credential. */
export interface Held {
  degree: Degree;
  rank: number;
  uncertain: boolean;
}

const MAX_CREDIT_YEARS = 4;

const inField = (text: string | null): string => (text ? ` in ${text}` : '');

/** Credits without a stated field, and degrees in unrelated fields, count only where no field is named. */
export function educationSources(profile: NormalisedProfile, reading: Reading, vocab: Vocabulary): EducationSource[] {
  const sources: EducationSource[] = [];
  for (const degree of profile.degrees) {
    const months = vocab.levels.get(degree.level)!.years * 12;
    if (months === 0 || (degree.unevaluatedForeign && reading === 'strict')) continue;
    sources.push({ months, ids: degree.fieldIds, asset: { kind: 'degree', index: degree.index }, uncertain: degree.unevaluatedForeign, label: `${degree.levelText}${inField(degree.fieldText)}` });
  }
  // College credit: a year per creditHoursPerYear hours, four at most, as one stack per field.
  const byField = new Map<string, { hours: number; entry: (typeof profile.credits)[number] }>();
  for (const entry of profile.credits) {
    const key = [...entry.ids].sort().join(',');
    const group = byField.get(key) ?? { hours: 0, entry };
    group.hours += entry.hours;
    byField.set(key, group);
  }
  for (const { hours, entry } of byField.values()) {
    const months = Math.min(MAX_CREDIT_YEARS, hours / vocab.creditHoursPerYear) * 12;
    sources.push({ months, ids: [...entry.ids], asset: { kind: 'credits', index: entry.index }, uncertain: false, label: `college credit${inField(entry.subject)}` });
  }
  return sources;
}

/** Every degree's hours as pieces: its subject credits, its major in its field, the rest unassigned;
 * then credits beyond the degrees and training. Degrees do not add up: the rest of the largest
 * degree is what fills the total. */
export function hoursPieces(profile: NormalisedProfile, reading: Reading, vocab: Vocabulary): HoursPiece[] {
  const pieces: HoursPiece[] = [];
  let largest = 0;
  let named = 0;
  // The rest is credited to the degree whose hours it stands for: the first of most years.
  let rest: Degree | undefined;
  let restYears = 0;
  for (const degree of profile.degrees) {
    if (degree.unevaluatedForeign && reading === 'strict') continue;
    const level = vocab.levels.get(degree.level)!;
    const asset: AssetRef = { kind: 'degree', index: degree.index };
    const uncertain = degree.unevaluatedForeign;
    let credited = 0;
    let stated = 0;
    for (const c of degree.credits) {
      pieces.push({ pool: 'credits', hours: c.hours, subject: c.subject, ids: c.ids, asset, uncertain, label: `${c.hours} hours of ${c.subject} in ${degree.levelText}` });
      credited += c.hours;
      if (degree.fieldIds.some((id) => c.ids.has(id))) stated += c.hours;
    }
    const major = Math.max(0, level.majorHours - stated);
    if (major > 0 && degree.fieldIds.length > 0) pieces.push({ pool: 'credits', hours: major, subject: degree.fieldText, ids: new Set(degree.fieldIds), asset, uncertain, label: `${degree.levelText}${inField(degree.fieldText)}` });
    named += credited + (degree.fieldIds.length > 0 ? major : 0);
    largest = Math.max(largest, level.years * vocab.creditHoursPerYear);
    if (level.years > restYears) [rest, restYears] = [degree, level.years];
  }
  if (rest && largest > named) pieces.push({ pool: 'credits', hours: largest - named, subject: null, ids: new Set(), asset: { kind: 'degree', index: rest.index }, uncertain: rest.unevaluatedForeign, label: 'other credit of your degrees' });
  for (const c of profile.credits) pieces.push({ pool: 'credits', hours: c.hours, subject: c.subject, ids: c.ids, asset: { kind: 'credits', index: c.index }, uncertain: false, label: `${c.hours} hours of college credit${inField(c.subject)}` });
  for (const t of profile.training) pieces.push({ pool: 'training', hours: t.hours, subject: t.name, ids: t.ids, asset: { kind: 'training', index: t.index }, uncertain: false, label: `${t.name} (${t.hours} hours)` });
  return pieces;
}

/** A foreign degree without a credential evaluation is held in the generous reading only. */
export function heldDegrees(profile: NormalisedProfile, reading: Reading, vocab: Vocabulary): Held[] {
  const held: Held[] = [];
  for (const degree of profile.degrees) {
    if (!(degree.unevaluatedForeign && reading === 'strict')) held.push({ degree, rank: vocab.levels.get(degree.level)!.rank, uncertain: degree.unevaluatedForeign });
  }
  return held;
}

/** A source or piece counts for a list of field ids when it has one of them; no list means any field. */
export function matchesFields(ids: Iterable<string>, fields: readonly string[] | undefined, exclude: readonly string[] = []): boolean {
  let fits = fields === undefined;
  for (const id of ids) {
    if (exclude.includes(id)) return false;
    fits ||= fields!.includes(id);
  }
  return fits;
}
