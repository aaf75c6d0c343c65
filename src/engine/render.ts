import { buildTimeline, type Reading } from '../facts/timeline.ts';
import { certificationFits } from '../facts/certifications.ts';
import type { Facts } from '../facts/facts.ts';
import type { Path, Requirement } from '../rules/schema.ts';
import type { Gap, Reason } from './decision.ts';
import { formatMonths } from './months.ts';
import type { AssetRef, Credit } from './types.ts';

/** The one place where findings become words, for the CLI, API, CSV, report and pages alike.
 * A finding is built as a typed value (code, requirement, expected, received, unit, assets) and
 * rendered here from those values and the facts and rule it was decided on. */

export interface RenderContext {
  path: Path;
  facts: Facts;
}

type Unrendered<T> = Omit<T, 'message' | 'parts'> & { parts?: Array<Unrendered<Gap>> };

const requirementOf = (ctx: RenderContext, id: string | undefined): Requirement | undefined => ctx.path.requirements.find((r) => r.id === id);
const labelOf = (ctx: RenderContext, id: string | undefined): string => requirementOf(ctx, id)?.label ?? id ?? '';
const hours = (n: number): string => `${Math.floor(n + 1e-9)} hour${Math.floor(n + 1e-9) === 1 ? '' : 's'}`;

export function amountIn(unit: Reason['unit'], n: number): string {
  switch (unit) {
    case 'months': return formatMonths(n);
    case 'hours': return hours(n);
    case 'certificates': return `${n} certification${n === 1 ? '' : 's'}`;
    default: return String(n);
  }
}

/** "Network Administrator (Metro Transit)", "B.S. in Computer Science", "CCNA". */
export function assetName(facts: Facts, ref: AssetRef): string {
  switch (ref.kind) {
    case 'job': {
      const job = facts.jobs.find((j) => j.job.index === ref.index)?.job;
      return job ? `${job.title || `job ${ref.index + 1}`}${job.employer ? ` (${job.employer})` : ''}` : `job ${ref.index + 1}`;
    }
    case 'degree': {
      const d = facts.held.find((h) => h.degree.index === ref.index)?.degree;
      return d ? `${d.levelText}${d.fieldText ? ` in ${d.fieldText}` : ''}` : `degree ${ref.index + 1}`;
    }
    case 'certification': {
      const cert = (facts.certifications.find((c) => c.cert.index === ref.index) ?? facts.excludedCertifications.find((c) => c.cert.index === ref.index))?.cert;
      // The catalogue's name beside the one written, unless the one written holds it: "CCNA (Cisco
      // Certified Network Associate)", but "Cisco Certified Network Associate (CCNA)" alone.
      return cert ? (cert.match && !cert.name.toLowerCase().includes(cert.match.name.toLowerCase()) ? `${cert.name} (${cert.match.name})` : cert.name) : `certification ${ref.index + 1}`;
    }
    default:
      return facts.hours.find((p) => p.asset.kind === ref.kind && p.asset.index === ref.index)?.label ?? `${ref.kind} ${ref.index + 1}`;
  }
}

/** One asset and what its credits add up to. */
export interface AssetTotal {
  ref: AssetRef;
  amount: number;
}

/** Credits totalled per asset, in the order the assets first appear: what a reason lists and names. */
export function totalsByAsset(credits: readonly Credit[]): AssetTotal[] {
  const totals: AssetTotal[] = [];
  for (const c of credits) {
    const total = totals.find((t) => t.ref.kind === c.asset.kind && t.ref.index === c.asset.index);
    if (total) total.amount += c.amount;
    else totals.push({ ref: c.asset, amount: c.amount });
  }
  return totals;
}

/** "Network Administrator (Metro Transit): 5 years; B.S. in Computer Science: 4 years; CCNA"; a
 * part-time job says its hours, which is why it counts less than its dates ("…: 1 year 7 months, at
 * 20 hours a week"). */
export function describeSources(totals: readonly AssetTotal[], facts: Facts, unit: Reason['unit']): string {
  return joined(totals, ({ ref, amount }) => (ref.kind === 'certification' || unit === 'credentials' ? assetName(facts, ref) : `${assetName(facts, ref)}: ${amountIn(ref.kind === 'job' || unit === 'months' ? 'months' : 'hours', amount)}${ref.kind === 'job' ? hoursOf(facts, ref.index) : ''}`), '; ');
}

/** `, at 20 hours a week` for a part-time job; nothing for a full-time one. */
function hoursOf(facts: Facts, index: number): string {
  const fact = facts.jobs.find((j) => j.job.index === index);
  return fact && !fact.fullTime ? `, at ${fact.job.hoursPerWeek} hours a week` : '';
}

/** `list.map(text).join(separator)` without the mapped list, whose hidden class differs when it is
 * empty (facts.ts): code joining it is then not recompiled for a profile that has none. */
export function joined<T>(list: readonly T[], text: (item: T) => string, separator: string): string {
  let out = '';
  for (let i = 0; i < list.length; i++) out += i === 0 ? text(list[i]!) : separator + text(list[i]!);
  return out;
}

/** `; CompTIA Network+ is not of this kind`: the current certifications held that a certification
 * requirement does not take, so an applicant sees why theirs did not count. */
function otherKinds(ctx: RenderContext, id: string | undefined): string {
  const r = requirementOf(ctx, id);
  if (r?.kind !== 'certification') return '';
  const others = ctx.facts.certifications.filter((c) => !certificationFits(c, r));
  if (others.length === 0) return '';
  const names = [...new Set(others.map((c) => assetName(ctx.facts, { kind: 'certification', index: c.cert.index })))];
  return `; ${andList(names)} ${names.length > 1 ? 'are' : 'is'} not of this kind`;
}

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function yearOnly(facts: Facts, index: number): string {
  const job = facts.jobs.find((j) => j.job.index === index)!.job;
  const months = (reading: Reading) => formatMonths(buildTimeline([job], { asOf: facts.asOf, counting: facts.counting, reading }).reduce((s, x) => s + x.months * x.fte[0]!, 0));
  return `${assetName(facts, { kind: 'job', index })} gives its dates as years only: ${months('generous')} if they run January to December, ${months('strict')} if December to January; confirm the months`;
}

function unrecognisedLevel(facts: Facts, index: number): string {
  const d = facts.unrecognisedDegrees?.find((u) => u.index === index);
  const named = d ? `"${d.levelText}"${d.fieldText ? ` in ${d.fieldText}` : ''}` : `degree ${index + 1}`;
  return `${named} does not count: its level is not one qualify recognises; known levels: ${[...facts.levelRanks.keys()].join(', ')} (or the way people write them, such as "B.S." or "MBA")`;
}

export function reasonMessage(r: Unrendered<Reason>, ctx: RenderContext, detail = ''): string {
  const label = labelOf(ctx, r.requirement);
  const of = (unit: Reason['unit']) => `${amountIn(unit, r.received ?? 0)} of the ${amountIn(unit, r.expected ?? 0)} required`;
  const asset = r.assets?.[0] ? assetName(ctx.facts, r.assets[0]) : '';
  switch (r.code) {
    case 'EXPERIENCE_MET':
    case 'EXPERIENCE_SHORT':
    case 'EDUCATION_MET':
    case 'EDUCATION_SHORT':
    case 'CREDITS_MET':
    case 'CREDITS_SHORT':
    case 'TRAINING_MET':
    case 'TRAINING_SHORT':
      return `${label}: ${of(r.unit)}${detail}`;
    case 'CREDENTIAL_MET': return `${label}: held${detail}`;
    case 'CREDENTIAL_MISSING': return `${label}: not held${detail}`;
    case 'CERTIFICATION_MET': return `${label}: met by ${detail}`;
    case 'CERTIFICATION_MISSING': return `${label}: ${r.received ? `${of(r.unit)} (${detail})` : `no current certification of this kind${otherKinds(ctx, r.requirement)}`}`;
    case 'CONDITION_TO_CONFIRM': return `${label}: a condition only a person can decide; it is assumed met for review`;
    case 'SUBSTITUTION_USED':
    case 'SUBSTITUTION_DISCRETIONARY': {
      const sub = ctx.path.substitutions.find((s) => s.id === r.substitution);
      return `${sub?.label ?? r.substitution}: ${detail}${r.code === 'SUBSTITUTION_DISCRETIONARY' ? ' (a discretionary clause: a person must confirm it)' : ''}`;
    }
    case 'UNCERTAIN_YEAR_ONLY_DATES': return yearOnly(ctx.facts, r.assets![0]!.index);
    case 'UNCERTAIN_INFERENCE': return `${asset}: the kind of experience was inferred with low confidence; confirm it`;
    case 'UNCERTAIN_SELF_REPORTED': return `${asset} is self-reported, not a documented job; verify it`;
    case 'UNCERTAIN_FOREIGN_DEGREE': return `${asset} is a foreign degree without a credential evaluation; verify it`;
    case 'UNCERTAIN_CERTIFICATION': return `"${asset}" is not a certification qualify recognises; confirm what it is`;
    case 'CATEGORY_INFERRED':
    case 'CAPACITY_INFERRED': return `${asset}: read as ${detail}`;
    case 'JOB_NOT_COUNTED': {
      const why = { 'excluded-category': 'it is of a kind the clause excludes', 'not-of-the-kind': 'it is not of the kind of experience the clause names', 'part-time': 'the clause counts full-time work only', 'not-in-capacity': 'it was not held in the capacity the clause names' }[r.why as 'part-time'] ?? r.why;
      return `${asset} does not count toward "${label}": ${why}`;
    }
    case 'DEGREE_NOT_COUNTED': {
      if (r.why === 'unrecognised-level') return unrecognisedLevel(ctx.facts, r.assets![0]!.index);
      return `${asset} does not count toward "${label}": ${r.why === 'field-unrelated' ? 'its field is not one the clause names' : 'a foreign degree without a credential evaluation counts only once verified'}`;
    }
    case 'CERTIFICATION_NOT_COUNTED': {
      const why = { expired: 'has expired', 'not-yet-issued': 'was not yet issued on the as-of date', unrecognised: 'is not in the certification catalogue; the strict reading leaves it out' }[r.why as 'expired'] ?? r.why;
      return `"${asset}" ${why}`;
    }
    default:
      return detail; // criteria: the evidence line is built with its quote
  }
}

/** ", 18 months in a supervisory capacity": the "of which" part a gap is for, by its label. */
function partOf(ctx: RenderContext, g: Unrendered<Gap>): string {
  const r = requirementOf(ctx, g.requirement);
  const part = r && 'including' in r ? r.including.find((p) => p.id === g.part) : undefined;
  return part ? `, ${part.label}` : '';
}

export function gapMessage(g: Unrendered<Gap>, ctx: RenderContext, detail = ''): string {
  const label = labelOf(ctx, g.requirement);
  switch (g.code) {
    case 'GAP_EXPERIENCE': return `${amountIn('months', g.amount ?? 0)} more of experience toward "${label}"${partOf(ctx, g)}`;
    case 'GAP_CREDITS': return `${hours(Math.ceil((g.amount ?? 0) - 1e-9))} more of credit toward "${label}"${partOf(ctx, g)}`;
    case 'GAP_TRAINING': return `${hours(Math.ceil((g.amount ?? 0) - 1e-9))} more of training toward "${label}"`;
    case 'GAP_ALL_OF': return `all of: ${joined(g.parts ?? [], (p) => gapMessage(p, ctx, ''), '; ')}`;
    default: return detail || label;
  }
}

/** Completes a finding with its message. The message is added to the object given, after its
 * fields, rather than to a copy: every caller builds a fresh finding to render, and copying each
 * one cost about a fifth of explaining a decision. */
function withMessage<T extends Reason | Gap>(finding: Unrendered<T>, message: string): T {
  const rendered = finding as T;
  rendered.message = message;
  return rendered;
}

export const renderReason = (r: Unrendered<Reason>, ctx: RenderContext, detail?: string): Reason => withMessage(r, reasonMessage(r, ctx, detail));

export function renderGap(g: Unrendered<Gap>, ctx: RenderContext, detail?: string): Gap {
  if (!g.parts) return withMessage(g, gapMessage(g, ctx, detail));
  // Its own fields, then the message, then the parts.
  const rendered = copied(g, 'parts');
  rendered.message = gapMessage(g, ctx, detail);
  rendered.parts = g.parts.map((p) => renderGap(p, ctx));
  return rendered as unknown as Gap;
}

/** A finding's fields in order (but `skip`), copied one by one for the caller to add to: findings
 * made alike then share a shape, where a copy made by spreading gets a shape of its own each time,
 * which slows every later read of findings. */
export function copied(finding: object, skip?: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(finding)) if (key !== skip) copy[key] = value;
  return copy;
}
