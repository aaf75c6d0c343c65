import { buildFacts, readGenerously, type Facts } from '../facts/facts.ts';
import { dayText, monthDayOf } from '../profile/dates.ts';
import type { NormalisedProfile } from '../profile/normalise.ts';
import type { LoadedRule } from '../rules/load.ts';
import type { Path, RuleFile } from '../rules/schema.ts';
import type { Vocabulary } from '../vocab/vocabulary.ts';
import { activeSubstitutions, allocate } from './allocate.ts';
import { AllocationNetwork } from './network.ts';
import { criteriaShares, essentialsEvidenced, pathEvidence, type CriteriaEvidence, type CriteriaShares } from './criteria.ts';
import { STATUS_RANK, type Decision, type Gap, type Reason, type Status } from './decision.ts';
import { explain, uncertainReasons } from './explain.ts';
import { dedupe, findGaps, gapFilters, gapKey } from './gaps.ts';
import { copied, renderGap, type RenderContext } from './render.ts';
import { lazy, once } from './once.ts';
import { timed } from './stages.ts';
import { NO_RESOLUTIONS, resolveProfile, resolveRule } from './resolve.ts';
import { qualifiedScore, score } from './score.ts';
import type { Allocation } from './types.ts';

/** The profile's facts under both readings, as one rule counts them; the generous reading is built
 * only when asked: most profiles qualify, or fail, strictly. */
export class ReadingFacts {
  private built: Facts | undefined;
  constructor(readonly strict: Facts, private readonly build: () => Facts) {}
  get generous(): Facts {
    return (this.built ??= this.build());
  }
}

/** Decides one profile against one rule: a pure function of the rule and the facts. Each path is
 * read strictly and generously; the best path decides: the best status, then the highest score,
 * then the first. Only what the decision shows is worked out: a path that could not outscore a
 * met one before it is not allocated; reasons are the best path's; gaps are found only when it is
 * not met. */
export function evaluate(rule: RuleFile, rulesVersion: string, facts: ReadingFacts, profileId: string): Decision {
  const outcomes: Outcome[] = [];
  let leader: Outcome | undefined; // the met path with the highest score so far
  for (const path of rule.paths) {
    const evidence = lazy(() => timed('facts', () => pathEvidence(path, facts.strict)));
    const shares = lazy(() => criteriaShares(rule, evidence(), facts.strict));
    // Met, a path would score from its facts alone: one that could not outscore the leader is not allocated.
    if (leader && !(essentialsEvidenced(evidence()) && timed('explain', () => qualifiedScore(rule, path, facts.strict, shares)) > leader.score())) continue;
    const outcome = outcomeOf(rule, path, facts, evidence, shares);
    outcomes.push(outcome);
    if (outcome.status === 'qualified' && (!leader || outcome.score() > leader.score())) leader = outcome;
  }
  const rank = Math.min(...outcomes.map((o) => STATUS_RANK[o.status]));
  const best = leader ?? outcomes.filter((o) => STATUS_RANK[o.status] === rank).reduce((a, b) => (b.score() > a.score() ? b : a));
  return { id: profileId, class: rule.id, status: best.status, score: best.score(), reasons: best.reasons(), gaps: gapsOf(best, outcomes), rulesVersion, asOf: dayText(facts.strict.asOf), path: best.path.id };
}

/** One path's status, and what the decision may ask of it, each worked out once when asked. */
interface Outcome {
  path: Path;
  status: Status;
  score: () => number;
  reasons: () => Reason[];
  gaps: () => Gap[];
}

/** Any single addition that would qualify by any path is a gap ("either … or"): the deciding
 * path's first, then the others', each naming its path when the rule has several. */
function gapsOf(best: Outcome, outcomes: readonly Outcome[]): Gap[] {
  if (best.status === 'qualified') return [];
  if (outcomes.length === 1) return dedupe(best.gaps());
  const gaps: Gap[] = [];
  for (const o of [best, ...outcomes.filter((o) => o !== best && o.status !== 'qualified')]) {
    for (const g of o.gaps()) if (o === best || g.code !== 'GAP_CONFIRM') gaps.push(withPath(g, o.path.id));
  }
  return dedupe(gaps, (g) => `${g.path}|${gapKey(g)}`);
}

function withPath(g: Gap, path: string): Gap {
  const tagged = copied(g);
  tagged.path = path;
  return tagged as unknown as Gap;
}

function outcomeOf(rule: RuleFile, path: Path, facts: ReadingFacts, evidence: () => CriteriaEvidence, shares: () => CriteriaShares): Outcome {
  // One network for the strict reading, with the gap finder's extra supplies (closed unless asked).
  const { network, strict, generous } = timed('allocate', () => {
    const network = new AllocationNetwork(path, facts.strict, activeSubstitutions(path, facts.strict), gapFilters(path));
    const strict = allocate(path, facts.strict, network);
    return { network, strict, generous: strict.feasible || sameReading(path, facts.strict) ? strict : allocate(path, facts.generous) };
  });
  const met: Status = strict.feasible ? 'qualified' : generous.feasible ? 'review' : 'not_qualified';
  const status: Status = met === 'qualified' && !essentialsEvidenced(evidence()) ? 'review' : met;
  // The reasons show the strict allocation when it is met (or both readings agree), else the generous one.
  const shownFacts = generous === strict ? facts.strict : facts.generous;
  return {
    path,
    status,
    score: lazy(() => timed('explain', () => score(status, rule, path, strict, generous, facts.strict, shares))),
    reasons: lazy(() => timed('explain', () => explain(path, status, generous, shownFacts, evidence()))),
    gaps: lazy(() => timed('gaps', () => (status === 'qualified' ? [] : [...confirmations(status, path, generous, shownFacts), ...findGaps(path, facts.strict, strict, evidence(), network)]))),
  };
}

/** The generous reading decides alike when nothing is uncertain, discretionary or left to a person. */
const sameReading = (path: Path, strict: Facts): boolean =>
  !strict.uncertain && !path.substitutions.some((s) => s.discretionary) && !path.requirements.some((r) => r.kind === 'condition');

/** In review, what a person must confirm: the uncertain facts, conditions and discretionary
 * clauses the generous reading relied on. Confirming them is all that is missing. */
function confirmations(status: Status, path: Path, generous: Allocation, facts: Facts): Gap[] {
  if (status !== 'review') return [];
  const ctx: RenderContext = { path, facts };
  const gaps: Gap[] = uncertainReasons(generous, ctx).map((r) => renderGap({ code: 'GAP_CONFIRM', ...(r.assets ? { assets: r.assets } : {}), ...(r.why ? { why: r.why } : {}) }, ctx, r.message));
  for (const a of generous.assumed.values()) {
    if (a.kind !== 'condition') continue;
    const r = path.requirements.find((x) => x.id === a.requirement)!;
    gaps.push(renderGap({ code: 'GAP_CONFIRM', requirement: r.id, clause: r.clause, why: 'condition' }, ctx, `a person's decision that: ${r.label}`));
  }
  for (const sub of path.substitutions) {
    if (sub.discretionary && (generous.substituted.get(sub.id) ?? 0) > 0) {
      gaps.push(renderGap({ code: 'GAP_DISCRETIONARY', substitution: sub.id, clause: sub.clause }, ctx, `a reviewer's acceptance of: ${sub.label}`));
    }
  }
  return gaps;
}

/** The recency windows of a rule, in years, and how it counts: what its facts depend on. */
const countingOf = once((rule: RuleFile) => {
  const years = new Set<number>();
  for (const path of rule.paths) {
    for (const r of path.requirements) {
      if (r.kind !== 'experience') continue;
      if (r.withinYears) years.add(r.withinYears);
      for (const p of r.including) if (p.withinYears) years.add(p.withinYears);
    }
    for (const s of path.substitutions) if (s.from.kind === 'experience' && s.from.withinYears) years.add(s.from.withinYears);
  }
  for (const p of rule.preferred) if (p.kind === 'experience' && p.withinYears) years.add(p.withinYears);
  return { years: [...years], key: JSON.stringify([rule.counting, [...years]]) };
});

/** Builds both readings' facts for a rule; the same profile reuses them across rules that count alike. */
export function factsFor(rule: RuleFile, profile: NormalisedProfile, asOf: Date, vocab: Vocabulary, cache?: Map<string, ReadingFacts>): ReadingFacts {
  const asOfMonth = monthDayOf(asOf).month;
  const { years, key: counting } = countingOf(rule);
  // Month indices where a recency window starts, so the timeline cuts a segment there.
  const points: number[] = []; // pushed, as the facts' lists are (facts.ts)
  for (const y of years) points.push(asOfMonth - Math.floor(y * 12) + 1);
  const key = `${counting}@${asOf.getTime()}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const options = { asOf, counting: rule.counting, breakpoints: points };
  const strict = buildFacts(profile, 'strict', options, vocab);
  // With nothing uncertain the two readings hold the same facts: only the substitutions they apply differ.
  const facts = new ReadingFacts(strict, () => (strict.uncertain ? buildFacts(profile, 'generous', options, vocab) : readGenerously(strict)));
  cache?.set(key, facts);
  return facts;
}

/** The as-of date of a decision: the caller's, else the rule's qualifying date, else `fallback` (today). */
export const asOfFor = (rule: RuleFile, given: Date | undefined, fallback: Date): Date =>
  given ?? (rule.qualifyingDate ? new Date(`${rule.qualifyingDate}T00:00:00Z`) : fallback);

/** Evaluates one profile against several rules, sharing the facts between them; `resolutions` are
 * a reviewer's decisions on what an earlier review turned on (resolve.ts). */
export function assess(profile: NormalisedProfile, rules: readonly LoadedRule[], asOf: Date | undefined, vocab: Vocabulary, today: Date, resolutions = NO_RESOLUTIONS): Decision[] {
  const cache = new Map<string, ReadingFacts>();
  const resolved = resolveProfile(profile, resolutions, vocab);
  return rules.map(({ rule, version }) => {
    const facts = timed('facts', () => factsFor(rule, resolved, asOfFor(rule, asOf, today), vocab, cache));
    return evaluate(resolveRule(rule, resolutions), version, facts, profile.id);
  });
}
