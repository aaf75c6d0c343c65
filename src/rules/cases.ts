import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Decision } from '../engine/decision.ts';
import { evaluate, factsFor } from '../engine/evaluate.ts';
import { fileError, placedIssues } from '../errors.ts';
import { parseDay } from '../profile/dates.ts';
import { normaliseProfile } from '../profile/normalise.ts';
import { bundledVocabulary, type Vocabulary } from '../vocab/vocabulary.ts';
import { invalidFile, syntaxError, yamlDocument } from '../yaml.ts';
import type { LoadedRule } from './load.ts';

/** An expected reason or gap: a code that must appear, or an object whose every key must match
 * the same key of one and the same reason / gap (see `partialMatch`). */
const Expected = z.union([z.string().min(1), z.looseObject({ code: z.string().min(1) })]);
export type Expected = z.output<typeof Expected>;

/** A rule test case (`rules/<id>.cases.yaml`): a sentence, a profile, and what the decision must say. */
export const RuleCase = z.strictObject({
  name: z.string().min(5),
  asOf: z.string().refine((s) => parseDay(s) !== null, 'must be a date YYYY-MM-DD'),
  profile: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    status: z.enum(['qualified', 'review', 'not_qualified']),
    /** The id of the path that decided. */
    path: z.string().min(1).optional(),
    /** Reasons / gaps that must appear: codes, or objects matched on the keys they give. */
    reasons: z.array(Expected).default([]),
    gaps: z.array(Expected).default([]),
    /** Text that must appear in some reason / gap message (case-insensitive). */
    reasonsMention: z.array(z.string()).default([]),
    gapsMention: z.array(z.string()).default([]),
    scoreAtLeast: z.number().optional(),
    scoreAtMost: z.number().optional(),
  }),
});
export type RuleCase = z.output<typeof RuleCase>;

/** The case file beside a rule file: `<dir>/<id>.cases.yaml`. */
export const casesFile = (dir: string, id: string): string => join(dir, `${id}.cases.yaml`);

/** The class ids that have a case file in DIR, sorted. */
export function classesWithCases(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cases.yaml'))
    .map((f) => f.slice(0, -'.cases.yaml'.length))
    .sort();
}

/** Reads and validates a case file; a bad file fails with file:line: field: problem. */
export function loadCases(file: string): RuleCase[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw fileError(file, error);
  }
  const document = yamlDocument(text);
  const error = syntaxError(file, document);
  if (error) throw error;
  const parsed = z.array(RuleCase).safeParse(document.doc.toJS());
  if (!parsed.success) throw invalidFile(file, document, placedIssues(parsed.error));
  return parsed.data;
}

export interface CaseRun {
  decision: Decision;
  /** What the decision fails to show of the case's expectations; empty when the case passes. */
  failures: string[];
}

/** Runs one case against one loaded rule. The only place that calls the engine, so a change of its
 * signatures is adapted here, for both `tests/rule-cases.test.ts` and `qualify cases`. */
export function runCase(loaded: LoadedRule, c: RuleCase, vocab: Vocabulary = bundledVocabulary()): CaseRun {
  const profile = normaliseProfile(c.profile, vocab);
  const asOf = parseDay(c.asOf)!;
  const decision = evaluate(loaded.rule, loaded.version, factsFor(loaded.rule, profile, asOf, vocab), profile.id);
  return { decision, failures: checkCase(c.expect, decision) };
}

type Rec = Record<string, unknown>;
const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether ACTUAL shows everything EXPECTED gives: every key of an object matches that key of the
 * actual object (`null` matches null or absent); every element of an array matches a distinct
 * element of the actual array, in any order (a string element stands for `{ code }` against an
 * object); anything else must be equal (numbers exactly). */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && assign(expected, actual, new Set(), 0);
  if (isRecord(expected)) {
    return isRecord(actual) && Object.entries(expected).every(([key, value]) => (value === null ? actual[key] == null : partialMatch(value, actual[key])));
  }
  return expected === actual;
}

function elementMatch(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'string' && isRecord(actual)) return actual.code === expected;
  return partialMatch(expected, actual);
}

/** Each expected element to a distinct actual element (backtracking: the lists are short). */
function assign(expected: readonly unknown[], actual: readonly unknown[], used: Set<number>, i: number): boolean {
  if (i === expected.length) return true;
  for (let j = 0; j < actual.length; j++) {
    if (used.has(j) || !elementMatch(expected[i], actual[j])) continue;
    used.add(j);
    if (assign(expected, actual, used, i + 1)) return true;
    used.delete(j);
  }
  return false;
}

/** Whether a top-level reason / gap shows what is expected: a string asks only for the code. */
export function matchesExpected(expected: Expected, item: Rec): boolean {
  return typeof expected === 'string' ? item.code === expected : partialMatch(expected, item);
}

/** Keys left out of a one-line summary: prose, shown elsewhere. */
const PROSE = new Set(['code', 'message', 'clause', 'evidence']);
const MAX_VALUE = 40;

/** `GAP_EXPERIENCE(requirement=it, amount=2, unit=months)`; nested coded lists are summarised alike. */
export function summarise(item: Rec): string {
  const fields = Object.entries(item)
    .filter(([key, value]) => !PROSE.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${summariseValue(value)}`);
  return fields.length > 0 ? `${String(item.code)}(${fields.join(', ')})` : String(item.code);
}

function summariseValue(value: unknown): string {
  if (Array.isArray(value) && value.every((v) => isRecord(v) && typeof v.code === 'string')) return `[${(value as Rec[]).map(summarise).join(', ')}]`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const summariseAll = (list: readonly Rec[]): string => (list.length > 0 ? list.map(summarise).join(', ') : '(none)');

/** What a decision fails to show of a case's expectations; empty when the case passes. Reasons and
 * gaps are matched at the top level (a gap's `parts` are reached by writing `parts: [...]`). */
export function checkCase(expect: RuleCase['expect'], decision: Decision): string[] {
  const failures: string[] = [];
  // Reasons and gaps as plain records, so fields the engine adds are matched without changes here.
  const reasons = decision.reasons as unknown as Rec[];
  const gaps = decision.gaps as unknown as Rec[];
  if (decision.status !== expect.status) failures.push(`status: expected ${expect.status}, got ${decision.status}`);
  if (expect.path !== undefined && decision.path !== expect.path) failures.push(`path: expected ${expect.path}, got ${decision.path}`);
  const present = (kind: 'reason' | 'gap', expected: readonly Expected[], list: Rec[]) => {
    for (const e of expected) {
      if (list.some((item) => matchesExpected(e, item))) continue;
      const what = typeof e === 'string' ? e : `matching ${JSON.stringify(e)}`;
      failures.push(`no ${kind} ${what}; ${kind}s were: ${summariseAll(list)}`);
    }
  };
  present('reason', expect.reasons, reasons);
  present('gap', expect.gaps, gaps);
  const mentions = (list: Rec[], text: string) => list.some((x) => String(x.message ?? '').toLowerCase().includes(text.toLowerCase()));
  for (const text of expect.reasonsMention) if (!mentions(reasons, text)) failures.push(`no reason mentions "${text}"`);
  for (const text of expect.gapsMention) if (!mentions(gaps, text)) failures.push(`no gap mentions "${text}"`);
  if (expect.scoreAtLeast !== undefined && decision.score < expect.scoreAtLeast) failures.push(`score ${decision.score} < ${expect.scoreAtLeast}`);
  if (expect.scoreAtMost !== undefined && decision.score > expect.scoreAtMost) failures.push(`score ${decision.score} > ${expect.scoreAtMost}`);
  return failures;
}

/** The decision in lines for a person: status, path and score, then each reason's and gap's code
 * and message (a gap's parts indented beneath it). */
export function describeDecision(decision: Decision): string[] {
  const lines = [`decision: ${decision.status}, path ${decision.path}, score ${decision.score}`];
  const list = (title: string, items: readonly Rec[]) => {
    if (items.length === 0) {
      lines.push(`${title}: none`);
      return;
    }
    lines.push(`${title}:`);
    const walk = (item: Rec, depth: number) => {
      lines.push(`${'  '.repeat(depth)}- ${String(item.code)}: ${String(item.message ?? '')}`);
      if (Array.isArray(item.parts)) for (const part of item.parts) if (isRecord(part)) walk(part, depth + 1);
    };
    for (const item of items) walk(item, 1);
  };
  list('reasons', decision.reasons as unknown as Rec[]);
  list('gaps', decision.gaps as unknown as Rec[]);
  return lines;
}
