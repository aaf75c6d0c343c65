import { certificationFits } from '../facts/certifications.ts';
import type { Facts } from '../facts/facts.ts';
import type { ExperienceRequirement, Path, RuleFile } from '../rules/schema.ts';
import type { CriteriaShares } from './criteria.ts';
import type { Status } from './decision.ts';
import { monthsFitting, windowStartOf } from './months.ts';
import type { Allocation } from './types.ts';

/** Months of surplus qualifying experience that earn the full surplus share. */
export const SURPLUS_FULL_MONTHS = 60;

/** The score (README, Score), in three bands so that ranking by score agrees with status:
 *   not_qualified  0–49   49 × coverage of the generous reading's best allocation
 *   review        50–69   50 + 19 × coverage of the strict reading's best allocation
 *   qualified     70–100  70 + 30 × (⅔ surplus share + ⅓ preferred share), or 70 + 30 × surplus share
 *                         when the class states no preferred qualifications
 * Coverage is the share of the path's months (a certification weighing 12) that the best assignment
 * meets; surplus share is surplus qualifying experience over 60 months, capped at 1; preferred share
 * is the mean of each preferred qualification's fulfilment. Each term only grows with more
 * experience, education or certifications, so the score never falls when a profile gains one. */
export function score(status: Status, rule: RuleFile, path: Path, strict: Allocation, generous: Allocation, strictFacts: Facts, shares: () => CriteriaShares): number {
  if (status === 'not_qualified') return Math.floor(49 * generous.coverage + 1e-9);
  // Criteria evidence is read only when the band uses it: it costs more than the rest of the score.
  if (status === 'review') return 50 + Math.floor(19 * strict.coverage * shares().essential + 1e-9);
  return qualifiedScore(rule, path, strictFacts, shares);
}

/** The score in the qualified band: it rests on the facts alone, not on how they are allocated, so
 * it is known before a path is found met. */
export function qualifiedScore(rule: RuleFile, path: Path, strictFacts: Facts, shares: () => CriteriaShares): number {
  const surplus = surplusShare(path, strictFacts);
  const preferred = preferredShare(rule, strictFacts, shares().desirable());
  const share = preferred === null ? surplus : (2 * surplus + preferred) / 3;
  return 70 + Math.floor(30 * share + 1e-9);
}

function surplusShare(path: Path, facts: Facts): number {
  const experience = path.requirements.filter((r): r is ExperienceRequirement => r.kind === 'experience');
  if (experience.length === 0) return 1;
  const surplus = experience.reduce((sum, r) => sum + Math.max(0, monthsFitting(facts, r, windowStartOf(facts, r.withinYears)) - r.months), 0);
  return Math.min(1, surplus / SURPLUS_FULL_MONTHS);
}

/** Mean fulfilment of the preferred qualifications, desirable criteria counting as one of them. */
function preferredShare(rule: RuleFile, facts: Facts, desirable: number | null): number | null {
  const shares = rule.preferred.flatMap((p) => {
    if (p.kind === 'criteria') return [];
    if (p.kind === 'certification') return [facts.certifications.some((c) => !c.uncertain && certificationFits(c, p)) ? 1 : 0];
    return [Math.min(1, monthsFitting(facts, p, windowStartOf(facts, p.withinYears)) / p.months)];
  });
  if (desirable !== null) shares.push(desirable);
  return shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length;
}
