/** What the allocator found: which asset went to which requirement, and what is missing. */

export type SourceRef =
  | { kind: 'job'; index: number }
  | { kind: 'education'; label: string; degreeIndex: number | null }
  | { kind: 'certification'; index: number };

/** One asset's contribution: `months` of it (or one certification) credited to a requirement,
 * directly or through a substitution (`via`). */
export interface Credit {
  requirement: string;
  part?: string;
  via?: string;
  source: SourceRef;
  months: number;
}

export interface Shortfall {
  requirement: string;
  part?: string;
  /** Months for experience and education; certifications for certification requirements. */
  amount: number;
}

export interface Allocation {
  feasible: boolean;
  /** Share (0–1) of the path's demand met, weighting a certification as 12 months. */
  coverage: number;
  credits: Credit[];
  shortfalls: Shortfall[];
  /** Months each substitution delivered, by substitution id. */
  substituted: Map<string, number>;
  /** Uncertain assets the allocation relied on, as `job:2`, `education:0`, `certification:1`. */
  uncertainUsed: Set<string>;
}
