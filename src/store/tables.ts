import type { Insertable, Selectable } from 'kysely';

/** The tables of the screening record, as Kysely sees them. Portable types only: text (JSON is
 * stored as text, times as ISO 8601 UTC), integer, so SQLite and PostgreSQL hold the same rows. */

export interface OpeningTable {
  id: string;
  title: string;
  /** The closing date: every applicant is judged as of it. */
  as_of: string;
  /** The voluntary self-identification question, for the selection-rate report. */
  group_by: string | null;
  created_at: string;
  created_by: string;
}

export interface OpeningClassTable {
  opening_id: string;
  class_id: string;
  position: number;
}

export interface ApplicantTable {
  id: string;
  opening_id: string;
  /** The profile's own id (`A-1001`); null once erased. */
  ref: string | null;
  position: number;
  /** The profile as received (JSON); null once erased. */
  profile: string | null;
  group_value: string | null;
  added_at: string;
  added_by: string;
  erased_at: string | null;
  erased_by: string | null;
}

/** Append-only: every evaluation of an applicant against a class; the highest `seq` is the outcome. */
export interface EvaluationTable {
  id: string;
  applicant_id: string;
  class_id: string;
  seq: number;
  cause: 'upload' | 'review' | 'rerate';
  rules_version: string;
  as_of: string;
  status: string;
  score: number;
  /** The whole decision (reasons, gaps, path) as JSON. */
  decision: string;
  review_action_id: string | null;
  at: string;
  by: string;
}

/** Append-only: a reviewer's verdict on one item of a review. */
export interface ReviewActionTable {
  id: string;
  applicant_id: string;
  class_id: string;
  /** Orders one applicant's actions: the latest verdict on an item is the one that holds. */
  seq: number;
  item: string;
  action: 'confirm' | 'reject';
  reason: string;
  at: string;
  by: string;
}

/** What is kept of an erased applicant: one anonymous outcome per class, for the selection-rate report. */
export interface TallyTable {
  id: string;
  /** One erasure: its rows are one applicant's outcomes. */
  erasure: string;
  opening_id: string;
  class_id: string;
  status: string;
  group_value: string | null;
  rules_version: string;
  erased_at: string;
}

export interface Database {
  openings: OpeningTable;
  opening_classes: OpeningClassTable;
  applicants: ApplicantTable;
  evaluations: EvaluationTable;
  review_actions: ReviewActionTable;
  tallies: TallyTable;
}

export type Opening = Selectable<OpeningTable>;
export type Applicant = Selectable<ApplicantTable>;
export type Evaluation = Selectable<EvaluationTable>;
export type ReviewAction = Selectable<ReviewActionTable>;
export type NewEvaluation = Insertable<EvaluationTable>;
