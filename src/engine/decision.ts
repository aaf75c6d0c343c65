import { z } from 'zod';
import { gapCodes, reasonCodes } from './codes.ts';

/** The decision every output (CLI, API, CSV, page) renders. The schema drives the API's response
 * validation and OpenAPI document; the types are inferred from it. */

export const Status = z.enum(['qualified', 'review', 'not_qualified']).describe('qualified: every minimum requirement met under the strict reading; review: met only under the generous reading, so a person must check what the gaps name; not_qualified: not met under any reading');
export type Status = z.infer<typeof Status>;

export const STATUS_RANK: Record<Status, number> = { qualified: 0, review: 1, not_qualified: 2 };

/** A sentence of the application that evidences a criterion, with offsets into its source. */
export const Quote = z.object({
  source: z.string().describe('where the text came from: statement, or experience[N].title / .description'),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  term: z.string(),
  matches: z.array(z.object({ word: z.string(), for: z.string(), via: z.enum(['term', 'word', 'synonym']) })).optional().describe('the words of the sentence that met the criterion, as written; the term or criterion word each stands for; and how: a term, a word by stem, or a WordNet synonym'),
});

export const Unit = z.enum(['months', 'hours', 'certificates', 'credentials', 'conditions']);

export const AssetRef = z
  .object({ kind: z.enum(['job', 'degree', 'credits', 'training', 'certification']), index: z.number().int() })
  .describe('an entry of the profile: experience[index], education[index], collegeCredits[index], training[index] or certifications[index]');

const findingFields = {
  message: z.string().describe('the finding in words, rendered from the other fields'),
  requirement: z.string().optional().describe('the id of the requirement of the rule file'),
  part: z.string().optional().describe('the id of an "of which" part of the requirement'),
  substitution: z.string().optional().describe('the id of the substitution of the rule file'),
  clause: z.string().optional().describe('the sentence of the class specification applied'),
  expected: z.number().optional().describe('what the requirement asks, in unit'),
  received: z.number().optional().describe('what the profile provides toward it, in unit'),
  unit: Unit.optional(),
  assets: z.array(AssetRef).optional().describe('the profile entries the finding rests on'),
  why: z.string().optional().describe('why an entry did not count or must be confirmed: field-unrelated, foreign-unevaluated, expired, not-yet-issued, unrecognised, year-only-dates, low-confidence-inference, self-reported, condition'),
};

/** One line of explanation with a code from the closed table, citing the clause it applies. */
export const Reason = z.object({ code: z.enum(reasonCodes), ...findingFields, evidence: z.array(Quote).optional() });
export type Reason = z.infer<typeof Reason>;

const gapFields = {
  code: z.enum(gapCodes),
  ...findingFields,
  amount: z.number().optional().describe('how much more is needed, in unit'),
  path: z.string().optional().describe('the path (alternative) of the rule the gap belongs to, when the rule has several'),
};
type GapShape = z.infer<z.ZodObject<typeof gapFields>> & { parts?: GapShape[] };

/** One sufficient addition (or confirmation): any single gap in the list would qualify the
 * profile; a GAP_ALL_OF gap needs all of its parts. */
export const Gap: z.ZodType<GapShape> = z.object({ ...gapFields, parts: z.lazy(() => z.array(Gap)).optional() });
export type Gap = GapShape;

export const Decision = z.object({
  id: z.string(),
  class: z.string(),
  status: Status,
  score: z.number().int().min(0).max(100),
  reasons: z.array(Reason),
  gaps: z.array(Gap),
  rulesVersion: z.string().describe('the rule file\'s effective date and a hash of it and the vocabularies'),
  asOf: z.string(),
  /** The path (alternative) of the rule that decided. */
  path: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export function rankDecisions<T extends Pick<Decision, 'status' | 'score' | 'class'>>(decisions: readonly T[]): T[] {
  return [...decisions].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.score - a.score || a.class.localeCompare(b.class));
}
