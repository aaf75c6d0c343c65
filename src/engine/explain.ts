import { INFERENCE_CONFIDENCE, type Facts, type JobFact } from '../facts/facts.ts';
import { matchesFields } from '../facts/education.ts';
import type { CriterionEvidence } from '../criteria/evidence.ts';
import type { CriteriaRequirement, ExperienceRequirement, Path, Requirement } from '../rules/schema.ts';
import type { CriteriaEvidence } from './criteria.ts';
import type { Reason, Status } from './decision.ts';
import { formatMonths as formatTotal, monthsFitting, windowStartOf } from './months.ts';
import { andList, describeSources, renderReason, totalsByAsset, type AssetTotal, type RenderContext } from './render.ts';
import type { Allocation, AssetRef, Unit } from './types.ts';

/** Reasons for one decision: one per requirement and per substitution used, each citing its
 * clause, then what a person must check and what did not count. */
export function explain(path: Path, status: Status, allocation: Allocation, facts: Facts, evidence: CriteriaEvidence): Reason[] {
  const ctx: RenderContext = { path, facts };
  const reasons: Reason[] = [];
  for (const r of path.requirements) {
    if (r.kind === 'criteria') reasons.push(...criteriaReasons(r, evidence.get(r.id) ?? [], ctx));
    else reasons.push(requirementReason(r, allocation, ctx));
  }
  for (const sub of path.substitutions) {
    const months = allocation.substituted.get(sub.id) ?? 0;
    if (months <= 0) continue;
    const sources = totalsByAsset(allocation.credits.filter((c) => c.via === sub.id));
    const code = sub.discretionary ? 'SUBSTITUTION_DISCRETIONARY' : 'SUBSTITUTION_USED';
    const unit: Unit = sub.from.kind === 'credits' || sub.from.kind === 'training' ? 'hours' : 'months';
    reasons.push(renderReason({ code, substitution: sub.id, clause: sub.clause, received: months, unit: 'months', assets: refsOf(sources) }, ctx, describeSources(sources, facts, unit)));
  }
  if (status !== 'qualified') reasons.push(...uncertainReasons(allocation, ctx));
  reasons.push(...inferenceReasons(allocation, ctx), ...notCounted(path, allocation, status, ctx));
  return reasons;
}

/** The assets a reason rests on, each once; pushed into a literal, as the facts' lists are (facts.ts). */
function refsOf(totals: readonly AssetTotal[]): AssetRef[] {
  const refs: AssetRef[] = [];
  for (const t of totals) refs.push(t.ref);
  return refs;
}

const EVIDENCE_CODE = { evidenced: 'CRITERION_EVIDENCED', partly: 'CRITERION_PARTLY_EVIDENCED', not: 'CRITERION_NOT_EVIDENCED' } as const;

/** One reason per criterion, in the specification's order and sections, quoting the evidence. */
function criteriaReasons(r: CriteriaRequirement, evidence: readonly CriterionEvidence[], ctx: RenderContext): Reason[] {
  return evidence.map((e) => {
    const quote = e.quotes[0] ? `: "${e.quotes[0].text}"` : '';
    const found = e.status === 'not' ? 'no evidence found' : `${e.status === 'partly' ? 'partly evidenced' : 'evidenced'} (${e.terms.join(', ')})${quote}`;
    return renderReason({ code: EVIDENCE_CODE[e.status], requirement: r.id, clause: e.criterion.text, evidence: e.quotes }, ctx, `${e.criterion.section}, ${e.criterion.importance}: ${e.criterion.text} — ${found}`);
  });
}

const UNIT: Record<string, Unit> = { experience: 'months', education: 'months', credential: 'credentials', credits: 'hours', training: 'hours', certification: 'certificates', condition: 'conditions' };
const CODES = {
  experience: ['EXPERIENCE_MET', 'EXPERIENCE_SHORT'],
  education: ['EDUCATION_MET', 'EDUCATION_SHORT'],
  credential: ['CREDENTIAL_MET', 'CREDENTIAL_MISSING'],
  credits: ['CREDITS_MET', 'CREDITS_SHORT'],
  training: ['TRAINING_MET', 'TRAINING_SHORT'],
  certification: ['CERTIFICATION_MET', 'CERTIFICATION_MISSING'],
} as const;

function requirementReason(r: Exclude<Requirement, CriteriaRequirement>, allocation: Allocation, ctx: RenderContext): Reason {
  const { facts } = ctx;
  const base = { requirement: r.id, clause: r.clause };
  if (r.kind === 'condition') return renderReason({ code: 'CONDITION_TO_CONFIRM', ...base, unit: 'conditions' }, ctx);
  const unit = UNIT[r.kind]!;
  const direct = allocation.credits.filter((c) => c.requirement === r.id && !c.via);
  const sources = totalsByAsset(direct);
  const met = !allocation.shortfalls.some((s) => s.requirement === r.id);
  const code = CODES[r.kind][met ? 0 : 1];
  if (r.kind === 'certification') return renderReason({ code, ...base, expected: r.count, received: direct.length, unit, assets: refsOf(sources) }, ctx, describeSources(sources, facts, unit));
  const substituted = allocation.into.get(r.id) ?? 0;
  if (r.kind === 'credential') {
    const detail = sources.length > 0 ? ` (${describeSources(sources, facts, unit)})` : substituted > 0 ? '; stood in for by substitution' : '';
    return renderReason({ code, ...base, expected: 1, received: met ? 1 : 0, unit, assets: refsOf(sources) }, ctx, detail);
  }
  // Credit is counted in semester hours; a quarter-hour requirement reads it back in quarter hours.
  const scale = r.kind === 'credits' && r.system === 'quarter' ? 3 / 2 : 1;
  const amount = direct.reduce((sum, c) => sum + c.amount, 0) * scale;
  const expected = r.kind === 'experience' || r.kind === 'education' ? r.months : r.hours;
  let detail = '';
  if (r.kind === 'experience') {
    detail += `, from your ${formatTotal(monthsFitting(facts, r, windowStartOf(facts, r.withinYears)))} of such experience`;
    for (const p of r.including) detail += `, ${formatTotal(direct.filter((c) => c.part === p.id).reduce((s, c) => s + c.amount, 0))} of them ${p.label} (${formatTotal(p.months)} required)`;
  }
  if (sources.length > 0) detail += ` (${describeSources(sources, facts, unit)})`;
  if (substituted > 0) detail += `; ${formatTotal(substituted)} by substitution`;
  return renderReason({ code, ...base, expected, received: amount + (unit === 'months' ? substituted : 0), unit, assets: refsOf(sources) }, ctx, detail);
}

/** What a person must confirm: the uncertain facts and conditions the reading relied on. */
export function uncertainReasons(allocation: Allocation, ctx: RenderContext): Reason[] {
  const reasons: Reason[] = [];
  for (const a of allocation.assumed.values()) {
    if (a.kind === 'condition') continue; // the condition's own reason says it
    const { asset } = a;
    if (asset.kind === 'job') {
      const job = ctx.facts.jobs.find((j) => j.job.index === asset.index)!.job;
      if (job.start.precision === 'year' || job.end?.precision === 'year') reasons.push(renderReason({ code: 'UNCERTAIN_YEAR_ONLY_DATES', assets: [asset], why: 'year-only-dates' }, ctx));
      if (job.selfReported) reasons.push(renderReason({ code: 'UNCERTAIN_SELF_REPORTED', assets: [asset], why: 'self-reported' }, ctx));
      else if (job.attribution.source === 'inferred' && job.attribution.confidence < INFERENCE_CONFIDENCE) reasons.push(renderReason({ code: 'UNCERTAIN_INFERENCE', assets: [asset], why: 'low-confidence-inference' }, ctx));
    } else if (asset.kind === 'certification') {
      reasons.push(renderReason({ code: 'UNCERTAIN_CERTIFICATION', assets: [asset], why: 'unrecognised' }, ctx));
    } else {
      reasons.push(renderReason({ code: 'UNCERTAIN_FOREIGN_DEGREE', assets: [asset], why: 'foreign-unevaluated' }, ctx));
    }
  }
  return reasons;
}

/** What was read of the jobs used, never what the profile stated: categories read (with the
 * confidence of that reading), or only capacities read beside stated categories, when any were. */
function inferenceReasons(allocation: Allocation, ctx: RenderContext): Reason[] {
  const used = new Set<number>();
  for (const c of allocation.credits) if (c.asset.kind === 'job') used.add(c.asset.index);
  const reasons: Reason[] = [];
  for (const { job } of ctx.facts.jobs) {
    if (!used.has(job.index)) continue;
    const { inferred, evidence, confidence } = job.attribution;
    const categories = inferred.includes('categories');
    const { labels } = ctx.facts;
    const capacities = inferred.includes('capacities') ? [...job.capacities].map((c) => `${labels.capacities.get(c) ?? c} capacity`) : [];
    if (!categories && capacities.length === 0) continue;
    const kinds = categories ? [...job.categories].map((c) => labels.categories.get(c) ?? c) : [];
    const read = andList([...kinds, ...capacities]) || `no ${inferred.join(' or ')}`;
    const sure = categories ? `; confidence ${confidence.toFixed(2)}` : '';
    reasons.push(renderReason({ code: categories ? 'CATEGORY_INFERRED' : 'CAPACITY_INFERRED', assets: [{ kind: 'job', index: job.index }] }, ctx, `${read} from its title and duties (${evidence.join(', ') || 'no strong words'}${sure})`));
  }
  return reasons;
}

/** Why a job does not fit an experience requirement (or any of its parts); null when it does. */
function jobMisfit(j: JobFact, r: ExperienceRequirement): string | null {
  if (r.exclude.some((c) => j.categories.has(c))) return 'excluded-category';
  if (!r.categories.every((c) => j.categories.has(c))) return 'not-of-the-kind';
  if (r.fullTimeOnly && !j.fullTime) return 'part-time';
  const capacities = [r.capacities, ...r.including.map((p) => p.capacities)].filter((c) => c.length > 0);
  if (capacities.length > 0 && !capacities.some((list) => list.some((c) => j.capacities.has(c)))) return 'not-in-capacity';
  return null;
}

/** Jobs, degrees and certifications that did not count, and why, so nobody wonders. */
function notCounted(path: Path, allocation: Allocation, status: Status, ctx: RenderContext): Reason[] {
  const { facts } = ctx;
  const reasons: Reason[] = [];
  for (const { cert, why } of facts.excludedCertifications) {
    if (why === 'unrecognised' && status === 'qualified') continue;
    reasons.push(renderReason({ code: 'CERTIFICATION_NOT_COUNTED', assets: [{ kind: 'certification', index: cert.index }], why }, ctx));
  }
  if (status === 'qualified') return reasons;
  for (const d of facts.unrecognisedDegrees ?? []) reasons.push(renderReason({ code: 'DEGREE_NOT_COUNTED', assets: [{ kind: 'degree', index: d.index }], why: 'unrecognised-level' }, ctx));
  for (const r of path.requirements) {
    if (r.kind !== 'experience' || !allocation.shortfalls.some((s) => s.requirement === r.id)) continue;
    const credited = new Set(allocation.credits.filter((c) => c.requirement === r.id && c.asset.kind === 'job').map((c) => c.asset.index));
    for (const j of facts.jobs) {
      const why = credited.has(j.job.index) ? null : jobMisfit(j, r);
      if (why) reasons.push(renderReason({ code: 'JOB_NOT_COUNTED', requirement: r.id, assets: [{ kind: 'job', index: j.job.index }], why }, ctx));
    }
  }
  for (const r of path.requirements) {
    if ((r.kind !== 'education' && r.kind !== 'credential') || r.fields === undefined || !allocation.shortfalls.some((s) => s.requirement === r.id)) continue;
    for (const h of facts.held) {
      if (!matchesFields(h.degree.fieldIds, r.fields)) reasons.push(renderReason({ code: 'DEGREE_NOT_COUNTED', requirement: r.id, assets: [{ kind: 'degree', index: h.degree.index }], why: 'field-unrelated' }, ctx));
    }
  }
  return reasons;
}
