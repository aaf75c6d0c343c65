import { certificationFits, type CertificationFact } from '../facts/certifications.ts';
import type { EducationSource, Held, HoursPiece } from '../facts/education.ts';
import type { Facts } from '../facts/facts.ts';
import type { CertificationFilter, HoursFilter, Path } from '../rules/schema.ts';
import { fewestExtraMonths, qualifies, relaxedFlow, type RelaxedFlow } from './allocate.ts';
import type { AllocationNetwork, Probe } from './network.ts';
import type { Gap } from './decision.ts';
import { narrowed, type JobFilter } from './months.ts';
import type { CriteriaEvidence } from './criteria.ts';
import { once } from './once.ts';
import { joined, renderGap, type RenderContext } from './render.ts';
import type { Allocation } from './types.ts';

/** Experience that would count toward a requirement, or toward an "of which" part's narrower kind. */
export const gapFilters = once((path: Path): Array<JobFilter & { requirement: string; part?: string }> =>
  path.requirements.flatMap((r) =>
    r.kind !== 'experience' ? [] : [{ ...r, requirement: r.id }, ...r.including.map((p) => ({ ...narrowed(r, p), requirement: r.id, part: p.id }))],
  ),
);

const HYPOTHETICAL = 'hypothetical';

/** The smallest concrete additions that would qualify under the strict reading: each candidate
 * addition is tried on the facts and kept only if the engine then qualifies. `network` is the
 * strict facts' network built with `gapFilters(path)` as its extra supplies. */
export function findGaps(path: Path, strict: Facts, current: Allocation, evidence: CriteriaEvidence, network: AllocationNetwork): Gap[] {
  const ctx: RenderContext = { path, facts: strict };
  const gaps: Gap[] = criteriaGaps(path, evidence, ctx);
  if (current.feasible) return gaps;
  const probes = new Probes(path, strict, network);
  for (const r of path.requirements) {
    const base = { requirement: r.id, clause: r.clause };
    if (r.kind === 'experience') {
      const best = probes.fewestMonths(r.id);
      if (best) gaps.push(renderGap({ code: 'GAP_EXPERIENCE', ...base, ...(best.part ? { part: best.part } : {}), amount: best.months, unit: 'months' }, ctx));
    } else if (r.kind === 'education') {
      if (probes.withStudy(r.months, r.fields)) gaps.push(renderGap({ code: 'GAP_EDUCATION', ...base, unit: 'months', amount: r.months }, ctx));
    } else if (r.kind === 'credential') {
      if (probes.withDegree(r)) gaps.push(renderGap({ code: 'GAP_CREDENTIAL', ...base, unit: 'credentials', amount: 1 }, ctx));
    } else if (r.kind === 'credits' || r.kind === 'training') {
      for (const s of current.shortfalls) {
        if (s.requirement !== r.id) continue;
        const part = r.kind === 'credits' ? r.including.find((p) => p.id === s.part) : undefined;
        const filter: HoursFilter = part ? { fields: part.fields ?? r.fields, exclude: [...r.exclude, ...part.exclude] } : r;
        const amount = Math.ceil(s.amount - 1e-9);
        if (probes.withHours(r.kind, amount, filter)) {
          gaps.push(renderGap({ code: r.kind === 'credits' ? 'GAP_CREDITS' : 'GAP_TRAINING', ...base, ...(part ? { part: part.id } : {}), amount, unit: 'hours' }, ctx));
        }
      }
    } else if (r.kind === 'certification' && current.shortfalls.some((s) => s.requirement === r.id) && probes.withCertificate(r)) {
      gaps.push(renderGap({ code: 'GAP_CERTIFICATION', ...base, amount: 1, unit: 'certificates' }, ctx));
    }
  }
  for (const sub of path.substitutions) {
    if (sub.discretionary) continue;
    const base = { requirement: sub.to.join(' or '), substitution: sub.id, clause: sub.clause };
    if (sub.from.kind === 'certification' && probes.withCertificate(sub.from)) {
      gaps.push(renderGap({ code: 'GAP_CERTIFICATION', ...base, amount: 1, unit: 'certificates' }, ctx, `one more current certification (${sub.label})`));
    } else if (sub.from.kind === 'education' && sub.from.beyondMonths > 0 && probes.withStudy(sub.from.beyondMonths + (sub.maxMonths ?? 24), sub.from.fields)) {
      gaps.push(renderGap({ code: 'GAP_EDUCATION', ...base }, ctx, `a graduate degree (${sub.label})`));
    }
  }
  if (gaps.every((g) => g.code === 'GAP_CRITERION')) gaps.push(allOf(path, current, ctx));
  return dedupe(gaps);
}

/** Whether one addition to the strict facts would make the path met. An addition of months (not
 * of hours) is tried only if the relaxed problem's flow, given the addition, could grow by what it
 * lacks: found by augmenting the relaxed maximum flow with the addition's supply. Each kind of
 * addition has its own small method, so that the compiler optimises (and, when a profile surprises
 * it, re-optimises) each apart rather than one large function. */
class Probes {
  private readonly relaxed: RelaxedFlow;
  private readonly shortfall: number;

  constructor(private readonly path: Path, private readonly strict: Facts, private readonly network: AllocationNetwork) {
    this.relaxed = relaxedFlow(strict, network);
    this.shortfall = this.relaxed.demand - this.relaxed.flow - 1e-9;
  }

  private could(probe: Probe): boolean {
    return this.shortfall <= 0 || this.network.probeGain(this.relaxed.snapshot, probe) >= this.shortfall;
  }

  /** The fewest whole months of experience, of any kind that counts toward the requirement, that
   * would qualify; the first kind wins a tie. */
  fewestMonths(requirement: string): { part: string | undefined; months: number } | null {
    const { path, strict, network, relaxed } = this;
    let best: { part: string | undefined; months: number } | null = null;
    gapFilters(path).forEach((f, extra) => {
      if (f.requirement !== requirement) return;
      const months = wholeMonths(fewestExtraMonths(path, strict, { network, extra, relaxed }));
      if (months !== null && (!best || months < best.months)) best = { part: f.part, months };
    });
    return best;
  }

  /** A hypothetical certification changes the matching, not the flow network: the same one serves;
   * in the relaxed problem it adds a unit to each certification substitution it fits, up to its cap. */
  withCertificate(filter: CertificationFilter): boolean {
    const { path, strict } = this;
    const added = certificate(filter);
    // Pushed into a literal: empty or not, one hidden class (facts.ts).
    const subs: Array<{ substitution: string; months: number; most: number }> = [];
    for (const s of path.substitutions) {
      if (s.from.kind === 'certification' && !s.discretionary && certificationFits(added, s.from)) subs.push({ substitution: s.id, months: s.monthsEach ?? 0, most: s.maxMonths ?? Infinity });
    }
    return this.could({ certificate: subs }) && qualifies(path, { ...strict, certifications: [...strict.certifications, added] }, this.network);
  }

  withStudy(months: number, fields: readonly string[] | undefined): boolean {
    const { path, strict } = this;
    return this.could({ study: fields ?? [], months }) && qualifies(path, { ...strict, education: [...strict.education, study(months, fields)] });
  }

  withDegree(r: Extract<Path['requirements'][number], { kind: 'credential' }>): boolean {
    const { path, strict } = this;
    return this.could({ credential: r.id, months: r.months ?? 0 }) && qualifies(path, { ...strict, held: [...strict.held, degree(strict, r.level, r.fields)] });
  }

  withHours(pool: HoursPiece['pool'], hours: number, filter: HoursFilter): boolean {
    return qualifies(this.path, { ...this.strict, hours: [...this.strict.hours, hoursOf(pool, hours, filter)] });
  }
}

function study(months: number, fields: readonly string[] | undefined): EducationSource {
  return { months, ids: fields ?? [], asset: { kind: 'degree', index: -1 }, uncertain: false, label: `${HYPOTHETICAL} degree` };
}

function degree(facts: Facts, level: string, fields: readonly string[] | undefined): Held {
  const rank = facts.levelRanks.get(level) ?? 0;
  return { rank, uncertain: false, degree: { index: -1, level, levelText: HYPOTHETICAL, fieldText: null, field: null, fieldIds: [...(fields ?? [])], unevaluatedForeign: false, credits: [] } };
}

function hoursOf(pool: HoursPiece['pool'], hours: number, filter: HoursFilter): HoursPiece {
  return { pool, hours, subject: HYPOTHETICAL, ids: new Set(filter.fields ?? []), asset: { kind: pool, index: -1 }, uncertain: false, label: HYPOTHETICAL };
}

function certificate(filter: CertificationFilter): CertificationFact {
  const named = filter.certifications[0];
  return {
    cert: { index: -1, name: HYPOTHETICAL, match: named ? { id: named, name: named, issuer: '', categories: [], confidence: 1 } : null, issued: null, expires: null },
    categories: new Set(filter.categories),
    uncertain: false,
  };
}

/** Essential criteria without full evidence: what the application should show. */
function criteriaGaps(path: Path, evidence: CriteriaEvidence, ctx: RenderContext): Gap[] {
  const gaps: Gap[] = [];
  for (const r of path.requirements) {
    for (const e of evidence.get(r.id) ?? []) {
      if (e.criterion.importance === 'essential' && e.status !== 'evidenced') gaps.push(renderGap({ code: 'GAP_CRITERION', requirement: r.id, clause: e.criterion.text }, ctx, `evidence in the application of: ${e.criterion.text}`));
    }
  }
  return gaps;
}

/** Whole months: a shortfall of 0.4 months still needs a month of work. */
const wholeMonths = (months: number | null): number | null => (months === null ? null : Math.max(1, Math.ceil(months - 1e-9)));

/** No single addition is enough: what the best allocation still lacks, all of it needed. */
function allOf(path: Path, current: Allocation, ctx: RenderContext): Gap {
  const parts = current.shortfalls.map((s) => {
    const r = path.requirements.find((x) => x.id === s.requirement);
    const base = { requirement: s.requirement, ...(s.part ? { part: s.part } : {}), ...(r ? { clause: r.clause } : {}) };
    switch (r?.kind) {
      case 'certification': return { code: 'GAP_CERTIFICATION' as const, ...base, amount: s.amount, unit: 'certificates' as const };
      case 'credential': return { code: 'GAP_CREDENTIAL' as const, ...base, amount: 1, unit: 'credentials' as const };
      case 'condition': return { code: 'GAP_CONFIRM' as const, ...base };
      case 'credits': return { code: 'GAP_CREDITS' as const, ...base, amount: Math.ceil(s.amount - 1e-9), unit: 'hours' as const };
      case 'training': return { code: 'GAP_TRAINING' as const, ...base, amount: Math.ceil(s.amount - 1e-9), unit: 'hours' as const };
      case 'education': return { code: 'GAP_EDUCATION' as const, ...base, amount: Math.ceil(s.amount - 1e-9), unit: 'months' as const };
      default: return { code: 'GAP_EXPERIENCE' as const, ...base, amount: Math.ceil(s.amount - 1e-9), unit: 'months' as const };
    }
  });
  return parts.length === 1 ? renderGap(parts[0]!, ctx) : renderGap({ code: 'GAP_ALL_OF', parts }, ctx);
}

/** What a gap asks for, whatever its words: the same addition found twice is one gap. */
export function gapKey(g: Gap): string {
  if (g.code === 'GAP_ALL_OF' && g.parts) return joined(g.parts, gapKey, '&');
  let key = `${g.code === 'GAP_CONFIRM' ? 'confirm' : g.code}|${g.requirement ?? ''}|${g.part ?? ''}|${g.substitution ?? ''}`;
  for (const a of g.assets ?? []) key += `|${a.kind}:${a.index}`;
  return key;
}

/** The gaps, each addition once: the first of those asking for the same is kept. */
export function dedupe(gaps: readonly Gap[], keyOf = gapKey): Gap[] {
  const seen = new Set<string>();
  return gaps.filter((g) => {
    const key = keyOf(g);
    return !seen.has(key) && seen.add(key);
  });
}
