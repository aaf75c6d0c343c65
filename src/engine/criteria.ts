import { assessCriteria, evidenceShare, type CriterionEvidence } from '../criteria/evidence.ts';
import type { Facts } from '../facts/facts.ts';
import type { Path, RuleFile } from '../rules/schema.ts';
import { lazy } from './once.ts';

/** Evidence per criteria requirement (by id) of a path. */
export type CriteriaEvidence = Map<string, CriterionEvidence[]>;

export function pathEvidence(path: Path, facts: Facts): CriteriaEvidence {
  const out: CriteriaEvidence = new Map();
  for (const r of path.requirements) if (r.kind === 'criteria') out.set(r.id, assessCriteria(r.criteria, facts.texts));
  return out;
}

/** Keyword evidence never rejects: essential criteria without it only send the profile to review. */
export const essentialsEvidenced = (evidence: CriteriaEvidence): boolean =>
  [...evidence.values()].every((list) => list.every((e) => e.criterion.importance !== 'essential' || e.status === 'evidenced'));

/** Shares for the score: essential criteria evidenced, and desirable ones (with preferred criteria). */
export interface CriteriaShares {
  essential: number;
  /** Read only in the qualified band; assessing the preferred criteria is the costly part, so it waits to be asked, and is done once. */
  desirable: () => number | null;
}

export function criteriaShares(rule: RuleFile, evidence: CriteriaEvidence, facts: Facts): CriteriaShares {
  const all = [...evidence.values()].flat();
  return {
    essential: evidenceShare(all.filter((e) => e.criterion.importance === 'essential')),
    desirable: lazy(() => {
      const desirable = [
        ...all.filter((e) => e.criterion.importance === 'desirable'),
        ...rule.preferred.flatMap((p) => (p.kind === 'criteria' ? assessCriteria(p.criteria, facts.texts) : [])),
      ];
      return desirable.length === 0 ? null : evidenceShare(desirable);
    }),
  };
}
