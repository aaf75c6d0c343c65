import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Decision } from '../engine/decision.ts';
import { QualifyError } from '../errors.ts';
import { parseDay } from '../profile/dates.ts';

/** A rule test case (`rules/<id>.cases.yaml`): a sentence, a profile, and what the decision must say. */
export const RuleCase = z.strictObject({
  name: z.string().min(5),
  asOf: z.string().refine((s) => parseDay(s) !== null, 'must be a date YYYY-MM-DD'),
  profile: z.record(z.string(), z.unknown()),
  expect: z.strictObject({
    status: z.enum(['qualified', 'review', 'not_qualified']),
    /** Codes that must appear among the reasons / gaps. */
    reasons: z.array(z.string()).default([]),
    gaps: z.array(z.string()).default([]),
    /** Text that must appear in some reason / gap message (case-insensitive). */
    reasonsMention: z.array(z.string()).default([]),
    gapsMention: z.array(z.string()).default([]),
    scoreAtLeast: z.number().optional(),
    scoreAtMost: z.number().optional(),
  }),
});
export type RuleCase = z.output<typeof RuleCase>;

export function loadCases(file: string): RuleCase[] {
  const parsed = z.array(RuleCase).safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new QualifyError('QUAL_ERR_INVALID_RULE', `${file}: ${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}

/** What a decision fails to show of a case's expectations; empty when the case passes. */
export function checkCase(expect: RuleCase['expect'], decision: Decision): string[] {
  const failures: string[] = [];
  if (decision.status !== expect.status) failures.push(`status: expected ${expect.status}, got ${decision.status}`);
  const codes = (list: { code: string }[]) => new Set(list.map((x) => x.code));
  for (const code of expect.reasons) if (!codes(decision.reasons).has(code)) failures.push(`no reason ${code}`);
  for (const code of expect.gaps) if (!codes(decision.gaps).has(code)) failures.push(`no gap ${code}`);
  const mentions = (list: { message: string }[], text: string) => list.some((x) => x.message.toLowerCase().includes(text.toLowerCase()));
  for (const text of expect.reasonsMention) if (!mentions(decision.reasons, text)) failures.push(`no reason mentions "${text}"`);
  for (const text of expect.gapsMention) if (!mentions(decision.gaps, text)) failures.push(`no gap mentions "${text}"`);
  if (expect.scoreAtLeast !== undefined && decision.score < expect.scoreAtLeast) failures.push(`score ${decision.score} < ${expect.scoreAtLeast}`);
  if (expect.scoreAtMost !== undefined && decision.score > expect.scoreAtMost) failures.push(`score ${decision.score} > ${expect.scoreAtMost}`);
  return failures;
}
