import { z } from 'zod';

/** The decision of READING.md §1, the shape every output (CLI, API, CSV, page) renders. The schema
 * drives the API's response validation and OpenAPI document; the types are inferred from it. */

export const Status = z.enum(['qualified', 'review', 'not_qualified']);
export type Status = z.infer<typeof Status>;

export const STATUS_RANK: Record<Status, number> = { qualified: 0, review: 1, not_qualified: 2 };

/** A sentence of the application that evidences a criterion, with offsets into its source. */
export const Quote = z.object({
  source: z.string(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  term: z.string(),
});

/** One line of explanation with a stable code, citing the clause it applies. */
export const Reason = z.object({
  code: z.string(),
  message: z.string(),
  requirement: z.string().optional(),
  substitution: z.string().optional(),
  clause: z.string().optional(),
  evidence: z.array(Quote).optional(),
});
export type Reason = z.infer<typeof Reason>;

/** One sufficient addition (or confirmation): any single gap in the list would qualify the profile. */
export const Gap = z.object({
  code: z.string(),
  message: z.string(),
  requirement: z.string().optional(),
  clause: z.string().optional(),
  /** Months of experience, or certifications, the addition stands for. */
  amount: z.number().optional(),
});
export type Gap = z.infer<typeof Gap>;

export const Decision = z.object({
  id: z.string(),
  class: z.string(),
  status: Status,
  score: z.number().int().min(0).max(100),
  reasons: z.array(Reason),
  gaps: z.array(Gap),
  rulesVersion: z.string(),
  asOf: z.string(),
  /** The path (alternative) of the rule that decided. */
  path: z.string(),
});
export type Decision = z.infer<typeof Decision>;

export function rankDecisions<T extends Pick<Decision, 'status' | 'score' | 'class'>>(decisions: readonly T[]): T[] {
  return [...decisions].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.score - a.score || a.class.localeCompare(b.class));
}
