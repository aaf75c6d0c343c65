import { monthIndex, type PartialDate } from '../profile/dates.ts';
import type { Certification } from '../profile/normalise.ts';
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

function isCurrent(cert: Certification, asOf: Date): 'expired' | 'not-yet-issued' | null {
  const asOfMonth = monthIndex(asOf.getUTCFullYear(), asOf.getUTCMonth() + 1);
  const { expires, issued } = cert;
  if (expires) {
    const month = monthIndex(expires.year, expires.month ?? 12);
    if (month < asOfMonth || (month === asOfMonth && lastDay(expires) < asOf.getUTCDate())) return 'expired';
  }
  if (issued) {
    const month = monthIndex(issued.year, issued.month ?? 1);
    if (month > asOfMonth || (month === asOfMonth && (issued.day ?? 1) > asOf.getUTCDate())) return 'not-yet-issued';
  }
  return null;
}

export function certificationFacts(
  certs: readonly Certification[],
  asOf: Date,
  reading: Reading,
): { current: CertificationFact[]; excluded: CertificationExclusion[] } {
  const current: CertificationFact[] = [];
  const excluded: CertificationExclusion[] = [];
  for (const cert of certs) {
    const stale = isCurrent(cert, asOf);
    if (stale) excluded.push({ cert, why: stale });
    else if (cert.match) current.push({ cert, categories: new Set(cert.match.categories), uncertain: false });
    else if (reading === 'generous') current.push({ cert, categories: null, uncertain: true });
    else excluded.push({ cert, why: 'unrecognised' });
  }
  return { current, excluded };
}

/** A certification fits a filter by catalogue id or by category; an unrecognised one (generous
 * reading) fits any category, but never a named certification. */
export const certificationFits = (fact: CertificationFact, filter: { categories: readonly string[]; certifications: readonly string[] }): boolean =>
  (fact.cert.match !== null && filter.certifications.includes(fact.cert.match.id)) ||
  filter.categories.some((c) => fact.categories === null || fact.categories.has(c));
