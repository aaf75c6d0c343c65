import { csvLine, neutralise } from '../batch/write-csv.ts';
import type { Decision } from '../engine/decision.ts';
import { QualifyError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Applicant, Evaluation, ReviewAction } from '../store/tables.ts';
import { getOpening } from './openings.ts';
import { currentEvaluations, decisionOf, newId, now, type Actor, type Db } from './outcomes.ts';
import { liveApplicant } from './review.ts';

export type RecordEvent =
  | { type: 'evaluation'; at: string; by: string; class: string; seq: number; cause: string; rulesVersion: string; asOf: string; status: string; score: number; reviewAction: string | null; decision: Decision }
  | { type: 'review'; id: string; at: string; by: string; class: string; seq: number; item: string; action: string; reason: string };

export interface ApplicantRecord {
  applicant: { id: string; ref: string | null; opening: string; group: string | null; addedAt: string; addedBy: string; erasedAt: string | null; erasedBy: string | null };
  profile: unknown;
  /** Every evaluation and review action, oldest first; nothing is ever overwritten. */
  events: RecordEvent[];
}

const applicantView = (a: Applicant): ApplicantRecord['applicant'] => ({ id: a.id, ref: a.ref, opening: a.opening_id, group: a.group_value, addedAt: a.added_at, addedBy: a.added_by, erasedAt: a.erased_at, erasedBy: a.erased_by });

function recordOf(a: Applicant, evaluations: readonly Evaluation[], actions: readonly ReviewAction[]): ApplicantRecord {
  const events: RecordEvent[] = [
    ...evaluations.map((e): RecordEvent => ({ type: 'evaluation', at: e.at, by: e.by, class: e.class_id, seq: e.seq, cause: e.cause, rulesVersion: e.rules_version, asOf: e.as_of, status: e.status, score: e.score, reviewAction: e.review_action_id, decision: decisionOf(e) })),
    ...actions.map((r): RecordEvent => ({ type: 'review', id: r.id, at: r.at, by: r.by, class: r.class_id, seq: r.seq, item: r.item, action: r.action, reason: r.reason })),
  ];
  // A review action comes before the evaluation it caused, which shares its time.
  events.sort((x, y) => x.at.localeCompare(y.at) || (x.type === y.type ? x.seq - y.seq : x.type === 'review' ? -1 : 1));
  return { applicant: applicantView(a), profile: a.profile === null ? null : JSON.parse(a.profile), events };
}

/** The records of the applicants asked, read in three queries whatever their number. */
async function recordsOf(db: Db, applicants: readonly Applicant[], where: { opening: string } | { applicant: string }): Promise<ApplicantRecord[]> {
  const [column, value] = 'opening' in where ? (['applicants.opening_id', where.opening] as const) : (['applicants.id', where.applicant] as const);
  const evaluations = await db.selectFrom('evaluations').innerJoin('applicants', 'applicants.id', 'evaluations.applicant_id').selectAll('evaluations').where(column, '=', value).execute();
  const actions = await db.selectFrom('review_actions').innerJoin('applicants', 'applicants.id', 'review_actions.applicant_id').selectAll('review_actions').where(column, '=', value).execute();
  const byApplicant = <T extends { applicant_id: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.applicant_id, [...(map.get(row.applicant_id) ?? []), row]);
    return map;
  };
  const e = byApplicant(evaluations);
  const r = byApplicant(actions);
  return applicants.map((a) => recordOf(a, e.get(a.id) ?? [], r.get(a.id) ?? []));
}

/** One applicant's record, erased or not, of the opening when one is named. */
export async function applicantRecord(db: Db, id: string, openingId?: string): Promise<ApplicantRecord> {
  const a = await db.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a || (openingId !== undefined && a.opening_id !== openingId)) throw new QualifyError('QUAL_ERR_NOT_FOUND', `no applicant "${id}"`, [{ path: 'applicantId', message: 'no such applicant' }]);
  const [record] = await recordsOf(db, [a], { applicant: id });
  return record!;
}

/** Every applicant's record of an opening, in the order they were added. */
export async function openingRecords(db: Db, openingId: string): Promise<ApplicantRecord[]> {
  await getOpening(db, openingId);
  const applicants = await db.selectFrom('applicants').selectAll().where('opening_id', '=', openingId).orderBy('position').execute();
  return recordsOf(db, applicants, { opening: openingId });
}

export const RECORD_COLUMNS = ['applicant', 'ref', 'at', 'by', 'event', 'class', 'cause', 'rules_version', 'as_of', 'status', 'score', 'item', 'action', 'reason', 'reasons', 'gaps'];

/** The records as CSV, one line per event; cells a spreadsheet would run as formulas are neutralised. */
export function recordsCsv(records: readonly ApplicantRecord[]): string {
  const rows = records.flatMap((r) =>
    r.events.map((e) => {
      const common = [r.applicant.id, r.applicant.ref ?? '', e.at, e.by, e.type, e.class];
      if (e.type === 'review') return [...common, '', '', '', '', '', e.item, e.action, e.reason, '', ''];
      const messages = (list: ReadonlyArray<{ code: string; message: string }>) => list.map((f) => `${f.code}: ${f.message}`).join(' | ');
      return [...common, e.cause, e.rulesVersion, e.asOf, e.status, String(e.score), '', '', '', messages(e.decision.reasons), messages(e.decision.gaps)];
    }),
  );
  return [RECORD_COLUMNS, ...rows.map((row) => row.map(neutralise))].map(csvLine).join('');
}

/** Erases an applicant on request: the profile, the evaluations and the review actions (which quote
 * them) go; an anonymous outcome per class stays for the selection-rate report, and the fact of
 * the erasure (when, by whom) stays on the emptied applicant row. */
export async function eraseApplicant(db: Store, id: string, actor: Actor, openingId?: string): Promise<{ erasedAt: string }> {
  return db.transaction().execute(async (trx) => {
    const applicant = await liveApplicant(trx, id, openingId);
    const current = await currentEvaluations(trx, { applicant: id });
    const erasedAt = now();
    const erasure = newId();
    if (current.length > 0) {
      await trx
        .insertInto('tallies')
        .values(current.map((e) => ({ id: newId(), erasure, opening_id: applicant.opening_id, class_id: e.class_id, status: e.status, group_value: applicant.group_value, rules_version: e.rules_version, erased_at: erasedAt })))
        .execute();
    }
    await trx.deleteFrom('evaluations').where('applicant_id', '=', id).execute();
    await trx.deleteFrom('review_actions').where('applicant_id', '=', id).execute();
    await trx.updateTable('applicants').set({ ref: null, profile: null, group_value: null, erased_at: erasedAt, erased_by: actor.by }).where('id', '=', id).execute();
    return { erasedAt };
  });
}
