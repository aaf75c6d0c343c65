import type { CertificationFact } from '../facts/certifications.ts';
import type { EducationSource } from '../facts/education.ts';
import type { Facts } from '../facts/facts.ts';
import type { Path } from '../rules/schema.ts';
import type { CertCategory, FieldFamily } from '../vocab/ids.ts';
import { allocate, fewestExtraMonths } from './allocate.ts';
import { AllocationNetwork } from './network.ts';
import type { Gap } from './decision.ts';
import { formatMonths, type ExperienceFilter } from './months.ts';
import type { CriteriaEvidence } from './criteria.ts';
import type { Allocation } from './types.ts';

/** Experience that would count toward a requirement, or toward an "of which" part's narrower kind. */
export function gapFilters(path: Path): Array<ExperienceFilter & { requirement: string; kind: string }> {
  return path.requirements.flatMap((r) =>
    r.kind !== 'experience'
      ? []
      : [
          { requirement: r.id, kind: '', categories: r.categories, supervisory: r.supervisory },
          ...r.including.map((p) => ({ requirement: r.id, kind: `, ${p.label}`, categories: [...r.categories, ...p.categories], supervisory: r.supervisory || p.supervisory })),
        ],
  );
}

/** The smallest concrete additions that would qualify under the strict reading (READING.md §1):
 * each candidate addition is tried on the facts and kept only if the engine then qualifies.
 * `network` is the strict facts' network built with `gapFilters(path)` as its extra supplies. */
export function findGaps(path: Path, strict: Facts, current: Allocation, evidence: CriteriaEvidence, network: AllocationNetwork): Gap[] {
  const gaps: Gap[] = criteriaGaps(path, evidence);
  if (current.feasible) return gaps;
  // A hypothetical certification changes the matching, not the flow network: the same one serves.
  const qualifiesWithCertificate = (categories: readonly CertCategory[]) => allocate(path, withCertificate(strict, categories), network).feasible;
  const filters = gapFilters(path);
  for (const r of path.requirements) {
    if (r.kind === 'experience') {
      // The fewest months of any kind that counts wins.
      const options = filters
        .map((f, extra) => ({ f, extra }))
        .filter(({ f }) => f.requirement === r.id)
        .map(({ f, extra }) => ({ f, months: smallestMonths(path, strict, f, { network, extra }) }))
        .filter((o) => o.months !== null);
      const best = options.sort((a, b) => a.months! - b.months!)[0];
      if (best) gaps.push({ code: 'GAP_EXPERIENCE', message: `${formatMonths(best.months!)} more of experience toward "${r.label}"${best.f.kind}`, requirement: r.id, clause: r.clause, amount: best.months! });
    } else if (r.kind === 'education') {
      const degree = source(r.months, r.fields);
      if (qualifiesWith(path, { ...strict, education: [...strict.education, degree] })) {
        gaps.push({ code: 'GAP_EDUCATION', message: `${r.label}`, requirement: r.id, clause: r.clause });
      }
    } else if (r.kind === 'certification' && current.shortfalls.some((s) => s.requirement === r.id) && qualifiesWithCertificate(r.categories)) {
      gaps.push({ code: 'GAP_CERTIFICATION', message: `${r.label}`, requirement: r.id, clause: r.clause, amount: 1 });
    }
  }
  for (const sub of path.substitutions) {
    if (sub.discretionary) continue;
    if (sub.from.kind === 'certification' && qualifiesWithCertificate(sub.from.categories)) {
      gaps.push({ code: 'GAP_CERTIFICATION', message: `one more current certification (${sub.label})`, requirement: sub.to.join(' or '), clause: sub.clause, amount: 1 });
    } else if (sub.from.kind === 'education' && sub.from.beyondMonths > 0) {
      const degree = source(sub.from.beyondMonths + (sub.maxMonths ?? 24), sub.from.fields);
      if (qualifiesWith(path, { ...strict, education: [...strict.education, degree] })) {
        gaps.push({ code: 'GAP_EDUCATION', message: `a graduate degree (${sub.label})`, requirement: sub.to.join(' or '), clause: sub.clause });
      }
    }
  }
  if (gaps.every((g) => g.code === 'GAP_CRITERION')) gaps.push(combinedGap(path, current));
  return dedupe(gaps);
}

const hypothetical = (label: string): string => `hypothetical ${label}`;

function source(months: number, fields: readonly FieldFamily[] | undefined): EducationSource {
  return { kind: 'degree', months, families: fields ?? ['computing', 'mathematics', 'business'], degree: null, uncertain: false, label: hypothetical('degree') };
}

function withCertificate(facts: Facts, categories: readonly CertCategory[]): Facts {
  const fact: CertificationFact = {
    cert: { index: -1, name: hypothetical('certification'), match: null, issued: null, expires: null },
    categories: new Set(categories),
    uncertain: false,
  };
  return { ...facts, certifications: [...facts.certifications, fact] };
}

/** Essential criteria without full evidence: what the application should show. */
function criteriaGaps(path: Path, evidence: CriteriaEvidence): Gap[] {
  return path.requirements.flatMap((r) =>
    (evidence.get(r.id) ?? [])
      .filter((e) => e.criterion.importance === 'essential' && e.status !== 'evidenced')
      .map((e) => ({ code: 'GAP_CRITERION', message: `evidence in the application of: ${e.criterion.text}`, requirement: r.id, clause: e.criterion.text })),
  );
}

const qualifiesWith = (path: Path, facts: Facts): boolean => allocate(path, facts).feasible;

/** Whole months: a shortfall of 0.4 months still needs a month of work. */
function smallestMonths(path: Path, facts: Facts, filter: ExperienceFilter, shared: { network: AllocationNetwork; extra: number }): number | null {
  const months = fewestExtraMonths(path, facts, filter, shared);
  return months === null ? null : Math.max(1, Math.ceil(months - 1e-9));
}

/** No single addition is enough: list what the best allocation still lacks, all of it needed. */
function combinedGap(path: Path, current: Allocation): Gap {
  const parts = current.shortfalls.map((s) => {
    const r = path.requirements.find((x) => x.id === s.requirement);
    if (!r) return `${formatMonths(Math.ceil(s.amount))} toward ${s.requirement}`;
    if (r.kind === 'certification') return `${s.amount} more: ${r.label}`;
    const part = r.kind === 'experience' ? r.including.find((p) => p.id === s.part) : undefined;
    return `${formatMonths(Math.ceil(s.amount - 1e-9))} more toward "${part?.label ?? r.label}"`;
  });
  return { code: 'GAP_SEVERAL', message: `all of: ${parts.join('; ')}` };
}

function dedupe(gaps: Gap[]): Gap[] {
  const seen = new Set<string>();
  return gaps.filter((g) => !seen.has(g.message) && seen.add(g.message));
}
