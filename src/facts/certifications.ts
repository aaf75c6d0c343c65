import { once } from '../engine/once.ts';
import { monthIndex, type MonthDay, type PartialDate } from '../profile/dates.ts';
import type { Certification } from '../profile/normalise.ts';
import type { CertificationFilter } from '../rules/schema.ts';
import type { CertMatch } from '../vocab/certifications.ts';
import type { Reading } from './timeline.ts';

export interface CertificationFact {
  cert: Certification;
  /** Catalogue categories; null for an unrecognised name, which the generous reading counts as any. */
  categories: ReadonlySet<string> | null;
  uncertain: boolean;
}

export type CertificationExclusion = { cert: Certification; why: 'expired' | 'not-yet-issued' | 'unrecognised' };

/** Expiry is read at the end of its month: a certification expiring `2026-01` is current on 2026-01-15. */
function lastDay(date: PartialDate): number {
  return date.day ?? 31;
}

/** Why a certification does not count on the as-of day, or null when it does. */
function staleness(cert: Certification, asOf: MonthDay): 'expired' | 'not-yet-issued' | null {
  const { expires, issued } = cert;
  if (expires) {
    const month = monthIndex(expires.year, expires.month ?? 12);
    if (month < asOf.month || (month === asOf.month && lastDay(expires) < asOf.day)) return 'expired';
  }
  if (issued) {
    const month = monthIndex(issued.year, issued.month ?? 1);
    if (month > asOf.month || (month === asOf.month && (issued.day ?? 1) > asOf.day)) return 'not-yet-issued';
  }
  return null;
}

/** A catalogue entry's categories as a set, made once per match (the vocabulary hands out one match per name). */
const categoriesOf = once((match: CertMatch): ReadonlySet<string> => new Set(match.categories));

export function certificationFacts(
  certs: readonly Certification[],
  asOf: MonthDay,
  reading: Reading,
): { current: CertificationFact[]; excluded: CertificationExclusion[] } {
  const current: CertificationFact[] = [];
  const excluded: CertificationExclusion[] = [];
  for (const cert of certs) {
    const stale = staleness(cert, asOf);
    if (stale) excluded.push({ cert, why: stale });
    else if (cert.match) current.push({ cert, categories: categoriesOf(cert.match), uncertain: false });
    else if (reading === 'generous') current.push({ cert, categories: null, uncertain: true });
    else excluded.push({ cert, why: 'unrecognised' });
  }
  return { current, excluded };
}

/** A certification fits a filter by catalogue id or by category; an unrecognised one (generous
 * reading) fits any category, but never a named certification. */
export function certificationFits(fact: CertificationFact, filter: CertificationFilter): boolean {
  if (fact.cert.match !== null && filter.certifications.includes(fact.cert.match.id)) return true;
  const { categories } = fact;
  if (categories === null) return filter.categories.length > 0;
  for (const c of filter.categories) if (categories.has(c)) return true;
  return false;
}

/** How many of the certifications fit a filter. */
export function countFitting(certs: readonly CertificationFact[], filter: CertificationFilter): number {
  let n = 0;
  for (const c of certs) if (certificationFits(c, filter)) n++;
  return n;
}
