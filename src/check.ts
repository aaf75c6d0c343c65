import { rankDecisions, type Decision } from './engine/decision.ts';
import { assess } from './engine/evaluate.ts';
import { QualifyError } from './errors.ts';
import { parseDay, todayUtc } from './profile/dates.ts';
import { normaliseInput } from './profile/normalise.ts';
import { bundledCatalogue, findRules, type Catalogue, type LoadedRule } from './rules/load.ts';

export interface CheckOptions {
  /** Class ids; every class when empty or missing (then ranked). */
  classes?: readonly string[] | undefined;
  /** When missing: each class's qualifying date if it states one, else today. */
  asOf?: Date | undefined;
  /** The rules and vocabularies to decide with; the project's own when missing. */
  catalogue?: Catalogue;
  /** `reused`, for the benchmarks alone, to measure what surrounds the engine: the engine decides
   * the first profile a thread checks with these classes and date, and every later one, still read
   * and validated, gets those decisions under its own id. */
  decision?: 'engine' | 'reused';
}

/** Options normalised in one place, with coded errors quoting what was received. */
export function parseAsOf(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const date = parseDay(text);
  if (!date) throw new QualifyError('QUAL_ERR_INVALID_OPTION', `as-of date "${text}" is not a date YYYY-MM-DD`, [{ path: 'asOf', message: 'must be a date YYYY-MM-DD' }]);
  return date;
}

export function selectRules(ids: readonly string[] | undefined, rules: Map<string, LoadedRule>): LoadedRule[] {
  if (!ids || ids.length === 0) return [...rules.values()];
  return findRules(rules, ids);
}

/** Checks one raw profile (ours or a JSON Resume) against the chosen classes: the decisions, ranked
 * by status then score when more than one class is asked. */
export function checkProfile(input: unknown, options: CheckOptions = {}): Decision[] {
  const { rules, vocab } = options.catalogue ?? bundledCatalogue();
  const selected = selectRules(options.classes, rules);
  const profile = normaliseInput(input, vocab);
  // Today is only the fallback of a missing as-of date: not worked out for every profile of a batch.
  const decide = () => assess(profile, selected, options.asOf, vocab, options.asOf ?? todayUtc());
  const decisions = options.decision === 'reused' ? reused(`${options.classes?.join(',')} ${options.asOf?.toISOString()}`, decide).map((d) => ({ ...d, id: profile.id })) : decide();
  return selected.length > 1 ? rankDecisions(decisions) : decisions;
}

/** The decisions the engine made first in this thread, by classes and date (`decision: 'reused'`). */
const first = new Map<string, Decision[]>();
const reused = (key: string, decide: () => Decision[]): Decision[] => first.get(key) ?? first.set(key, decide()).get(key)!;
