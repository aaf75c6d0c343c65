import type { Quote } from '../criteria/evidence.ts';

/** The decision of READING.md §1, the shape every output (CLI, API, CSV, page) renders. */

export type Status = 'qualified' | 'review' | 'not_qualified';

export const STATUS_RANK: Record<Status, number> = { qualified: 0, review: 1, not_qualified: 2 };

/** One line of explanation with a stable code, citing the clause it applies. */
export interface Reason {
  code: string;
  message: string;
  requirement?: string;
  substitution?: string;
  clause?: string;
  /** Sentences of the application that evidence a criterion, with offsets into their source. */
  evidence?: Quote[];
}

/** One sufficient addition (or confirmation): any single gap in the list would qualify the profile. */
export interface Gap {
  code: string;
  message: string;
  requirement?: string;
  clause?: string;
  /** Months of experience, or certifications, the addition stands for. */
  amount?: number;
}

export interface Decision {
  id: string;
  class: string;
  status: Status;
  score: number;
  reasons: Reason[];
  gaps: Gap[];
  rulesVersion: string;
  asOf: string;
  /** The path (alternative) of the rule that decided. */
  path: string;
}

export function rankDecisions<T extends Pick<Decision, 'status' | 'score' | 'class'>>(decisions: readonly T[]): T[] {
  return [...decisions].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.score - a.score || a.class.localeCompare(b.class));
}
