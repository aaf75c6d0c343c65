import { INFERENCE_CONFIDENCE, type Facts } from '../facts/facts.ts';
import { buildTimeline, type Reading } from '../facts/timeline.ts';
import type { CriterionEvidence } from '../criteria/evidence.ts';
import type { CriteriaRequirement, Path, Requirement } from '../rules/schema.ts';
import type { CriteriaEvidence } from './criteria.ts';
import type { Reason, Status } from './decision.ts';
import { formatMonths, monthsFitting, windowStartOf } from './months.ts';
import type { Allocation, Credit } from './types.ts';

/** Reasons for one decision: one line per requirement and per substitution used, each citing its
 * clause, then the facts a person must check (READING.md §1). */
export function explain(path: Path, status: Status, allocation: Allocation, facts: Facts, evidence: CriteriaEvidence): Reason[] {
  const reasons: Reason[] = [];
  for (const r of path.requirements) {
    reasons.push(...(r.kind === 'criteria' ? criteriaReasons(r, evidence.get(r.id) ?? []) : requirementReasons(r, allocation, facts)));
  }
  for (const sub of path.substitutions) {
    const months = allocation.substituted.get(sub.id) ?? 0;
    if (months <= 0) continue;
    const credits = allocation.credits.filter((c) => c.via === sub.id);
    reasons.push({
      code: sub.discretionary ? 'SUBSTITUTION_DISCRETIONARY' : 'SUBSTITUTION_USED',
      message: `${sub.label}: ${describeSources(credits, facts)}${sub.discretionary ? ' (a discretionary clause: a person must confirm it)' : ''}`,
      substitution: sub.id,
      clause: sub.clause,
    });
  }
  if (status !== 'qualified') reasons.push(...uncertainReasons(allocation, facts));
  reasons.push(...inferenceReasons(allocation, facts));
  for (const { cert, why } of facts.excludedCertifications) {
    if (why === 'unrecognised' && status === 'qualified') continue;
    const text = { expired: 'has expired', 'not-yet-issued': 'was not yet issued on the as-of date', unrecognised: 'is not in the certification catalogue; the strict reading leaves it out' }[why];
    reasons.push({ code: `CERTIFICATION_${why.toUpperCase().replaceAll('-', '_')}`, message: `"${cert.name}" ${text}` });
  }
  return reasons;
}

const EVIDENCE_CODE = { evidenced: 'CRITERION_EVIDENCED', partly: 'CRITERION_PARTLY_EVIDENCED', not: 'CRITERION_NOT_EVIDENCED' } as const;

/** One reason per criterion, in the specification's order and sections, quoting the evidence. */
function criteriaReasons(r: CriteriaRequirement, evidence: readonly CriterionEvidence[]): Reason[] {
  return evidence.map((e) => {
    const quote = e.quotes[0] ? `: "${e.quotes[0].text}"` : '';
    const found = e.status === 'not' ? 'no evidence found' : `${e.status === 'partly' ? 'partly evidenced' : 'evidenced'} (${e.terms.join(', ')})${quote}`;
    return {
      code: EVIDENCE_CODE[e.status],
      message: `${e.criterion.section}, ${e.criterion.importance}: ${e.criterion.text} — ${found}`,
      requirement: r.id,
      clause: e.criterion.text,
      evidence: e.quotes,
    };
  });
}

function requirementReasons(r: Exclude<Requirement, CriteriaRequirement>, allocation: Allocation, facts: Facts): Reason[] {
  const kind = r.kind.toUpperCase();
  const credits = allocation.credits.filter((c) => c.requirement === r.id && !c.via);
  const short = allocation.shortfalls.filter((s) => s.requirement === r.id);
  const met = short.length === 0;
  if (r.kind === 'certification') {
    const message = met ? `${r.label}: met by ${describeSources(credits, facts)}` : `${r.label}: no current certification of this kind`;
    return [{ code: met ? 'CERTIFICATION_MET' : 'CERTIFICATION_MISSING', message, requirement: r.id, clause: r.clause }];
  }
  const substituted = allocation.credits.filter((c) => c.requirement === r.id && c.via).reduce((s, c) => s + c.months, 0);
  const direct = credits.reduce((sum, c) => sum + c.months, 0);
  let message: string;
  if (r.kind === 'experience') {
    const total = monthsFitting(facts, r, windowStartOf(facts, r.withinYears));
    message = `${r.label}: ${formatMonths(direct)} of the ${formatMonths(r.months)} required, from your ${formatMonths(total)} of such experience`;
    for (const p of r.including) {
      const partDirect = credits.filter((c) => c.part === p.id).reduce((s, c) => s + c.months, 0);
      message += `, ${formatMonths(partDirect)} of them ${p.label} (${formatMonths(p.months)} required)`;
    }
  } else {
    message = `${r.label}: ${formatMonths(direct)} of the ${formatMonths(r.months)} required from education`;
  }
  if (credits.length > 0) message += ` (${describeSources(credits, facts)})`;
  if (substituted > 0) message += `; ${formatMonths(substituted)} by substitution`;
  if (!met) {
    const missing = short.reduce((s, x) => s + x.amount, 0);
    message += `; ${formatMonths(Math.ceil(missing - 1e-9))} short`;
  }
  return [{ code: `${kind}_${met ? 'MET' : 'SHORT'}`, message, requirement: r.id, clause: r.clause }];
}

/** "Network Administrator (Metro Transit): 5 years; B.S. in Computer Science: 4 years; CCNA". */
export function describeSources(credits: readonly Credit[], facts: Facts): string {
  const totals = new Map<string, number>();
  for (const c of credits) {
    const key = c.source.kind === 'job' ? jobName(facts, c.source.index) : c.source.kind === 'education' ? c.source.label : `cert:${c.source.index}`;
    totals.set(key, (totals.get(key) ?? 0) + c.months);
  }
  return [...totals]
    .map(([key, months]) => {
      if (!key.startsWith('cert:')) return `${key}: ${formatMonths(months)}`;
      const cert = facts.certifications.find((f) => f.cert.index === Number(key.slice(5)))?.cert;
      return cert?.match && cert.match.name !== cert.name ? `${cert.name} (${cert.match.name})` : `${cert?.name ?? key}`;
    })
    .join('; ');
}

function jobName(facts: Facts, index: number): string {
  const job = facts.jobs.find((j) => j.job.index === index)?.job;
  if (!job) return `job ${index + 1}`;
  return `${job.title || `job ${index + 1}`}${job.employer ? ` (${job.employer})` : ''}`;
}

export function uncertainReasons(allocation: Allocation, facts: Facts): Reason[] {
  const reasons: Reason[] = [];
  for (const ref of allocation.uncertainUsed) {
    const [kind, id] = ref.split(':') as [string, string];
    if (kind === 'job') {
      const job = facts.jobs.find((j) => j.job.index === Number(id))!;
      if (job.job.start.precision === 'year' || job.job.end?.precision === 'year') {
        const months = (reading: Reading) => formatMonths(buildTimeline([job.job], { asOf: facts.asOf, counting: facts.counting, reading }).reduce((s, x) => s + x.months * x.fte[0]!, 0));
        reasons.push({
          code: 'UNCERTAIN_YEAR_ONLY_DATES',
          message: `${jobName(facts, job.job.index)} gives its dates as years only: ${months('generous')} if they run January to December, ${months('strict')} if December to January; confirm the months`,
        });
      }
      if (job.job.attribution.source === 'inferred' && job.job.attribution.confidence < INFERENCE_CONFIDENCE) {
        reasons.push({ code: 'UNCERTAIN_INFERENCE', message: `${jobName(facts, job.job.index)}: the kind of experience was inferred with low confidence; confirm it` });
      }
    } else if (kind === 'education') {
      const label = facts.education.find((s) => s.degree?.index === Number(id))?.label ?? 'a degree';
      reasons.push({ code: 'UNCERTAIN_FOREIGN_DEGREE', message: `${label} is a foreign degree without a credential evaluation; verify it` });
    } else {
      const cert = facts.certifications.find((c) => c.cert.index === Number(id))?.cert;
      reasons.push({ code: 'UNCERTAIN_CERTIFICATION', message: `"${cert?.name}" is not a certification qualify recognises; confirm what it is` });
    }
  }
  return reasons;
}

function inferenceReasons(allocation: Allocation, facts: Facts): Reason[] {
  const used = new Set(allocation.credits.flatMap((c) => (c.source.kind === 'job' ? [c.source.index] : [])));
  return facts.jobs
    .filter((j) => used.has(j.job.index) && j.job.attribution.source === 'inferred')
    .map((j) => ({
      code: 'CATEGORY_INFERRED',
      message: `${jobName(facts, j.job.index)}: read as ${[...j.job.categories].join(', ') || 'no IT category'}${j.job.supervisory ? ', supervisory' : ''} from its title and duties (${j.job.attribution.evidence.join(', ') || 'no strong words'}; confidence ${j.job.attribution.confidence.toFixed(2)})`,
    }));
}
