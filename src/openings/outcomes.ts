import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Decision } from '../engine/decision.ts';
import { assess } from '../engine/evaluate.ts';
import { parseDay, todayUtc } from '../profile/dates.ts';
import { normaliseInput } from '../profile/normalise.ts';
import { findRule, type Catalogue } from '../rules/load.ts';
import type { Store } from '../store/store.ts';
import type { Database, Evaluation, EvaluationTable } from '../store/tables.ts';
import { resolutionsOf, type Verdict } from './items.ts';

/** Who did something, as the record keeps it (docs/openings.md, "Who"). */
export interface Actor {
  by: string;
}

export type Db = Store | Transaction<Database>;

export const now = (): string => new Date().toISOString();
export const newId = (): string => randomUUID();

/** Items about a condition or a clause belong to one class; the others are facts about the person. */
export const isClassItem = (item: string): boolean => item.startsWith('condition:') || item.startsWith('substitution:');

type Action = { class_id: string; item: string; action: Verdict };

/** An applicant's decisions for the classes asked, re-read by the engine with the reviewer's
 * verdicts so far: a fact confirmed for one class holds for all; a clause or condition for its own. */
export function decide(catalogue: Catalogue, classes: readonly string[], profileInput: unknown, asOf: string, actions: readonly Action[]): Decision[] {
  const profile = normaliseInput(profileInput, catalogue.vocab);
  const day = parseDay(asOf)!;
  return classes.map((c) => {
    const resolutions = resolutionsOf(actions.filter((a) => !isClassItem(a.item) || a.class_id === c));
    return assess(profile, [findRule(catalogue.rules, c)], day, catalogue.vocab, todayUtc(), resolutions)[0]!;
  });
}

/** The row that records one decision; `seq` orders an applicant's record for one class. */
export function evaluationRow(applicantId: string, decision: Decision, seq: number, cause: EvaluationTable['cause'], actor: Actor, reviewActionId: string | null = null): EvaluationTable {
  return {
    id: newId(),
    applicant_id: applicantId,
    class_id: decision.class,
    seq,
    cause,
    rules_version: decision.rulesVersion,
    as_of: decision.asOf,
    status: decision.status,
    score: decision.score,
    decision: JSON.stringify(decision),
    review_action_id: reviewActionId,
    at: now(),
    by: actor.by,
  };
}

export const decisionOf = (e: Pick<Evaluation, 'decision'>): Decision => JSON.parse(e.decision) as Decision;

/** Evaluations with no later one for the same applicant and class: the outcomes now. Both
 * databases answer it from the (applicant, class, seq) index. */
export const latestEvaluations = (db: Db) =>
  db
    .selectFrom('evaluations as e')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('evaluations as l').select('l.seq').whereRef('l.applicant_id', '=', 'e.applicant_id').whereRef('l.class_id', '=', 'e.class_id').whereRef('l.seq', '>', 'e.seq'))),
    );

/** The outcome of each (applicant, class) of an opening (of one status, when given), or of some
 * applicants, filtered by applicant first. */
export async function currentEvaluations(db: Db, where: { opening: string; status?: string } | { applicant: string } | { applicants: readonly string[] }): Promise<Evaluation[]> {
  const latest = latestEvaluations(db).selectAll('e');
  if ('applicant' in where) return latest.where('e.applicant_id', '=', where.applicant).orderBy('e.class_id').execute();
  if ('applicants' in where) return latest.where('e.applicant_id', 'in', where.applicants).orderBy('e.applicant_id').orderBy('e.class_id').execute();
  const ofOpening = latest.innerJoin('applicants as a', 'a.id', 'e.applicant_id').where('a.opening_id', '=', where.opening);
  return (where.status === undefined ? ofOpening : ofOpening.where('e.status', '=', where.status)).orderBy('a.position').orderBy('e.class_id').execute();
}

/** Lets the event loop serve other requests. Deciding or writing thousands of applicants takes
 * seconds of this thread; loops call it every `BREATH` items so that no other request waits for
 * more than a few milliseconds of them (SQLite's driver is synchronous, and awaiting its promises
 * alone never lets a request in). */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
export const BREATH = 16;

/** Inserts rows a chunk at a time: one statement per row is slow, one for 50,000 passes the
 * databases' limits on bound values. */
export async function insertChunked<T extends keyof Database>(db: Db, table: T, rows: ReadonlyArray<Database[T]>, size = 200): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
    await breathe();
  }
}
