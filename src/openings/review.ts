import type { Decision } from '../engine/decision.ts';
import { QualifyError } from '../errors.ts';
import type { Catalogue } from '../rules/load.ts';
import type { Store } from '../store/store.ts';
import type { Applicant } from '../store/tables.ts';
import { reviewItems, type ReviewItem, type Verdict } from './items.ts';
import { getOpening } from './openings.ts';
import { currentEvaluations, decide, decisionOf, evaluationRow, newId, now, type Actor, type Db } from './outcomes.ts';

export interface QueueEntry {
  applicant: { id: string; ref: string };
  class: string;
  rulesVersion: string;
  items: ReviewItem[];
}

/** Every `review` outcome of an opening, with exactly what a person must check for it. */
export async function reviewQueue(db: Db, openingId: string): Promise<QueueEntry[]> {
  await getOpening(db, openingId);
  const current = await currentEvaluations(db, { opening: openingId, status: 'review' });
  const refs = await applicantRefs(db, openingId);
  return current.map((e) => ({ applicant: { id: e.applicant_id, ref: refs.get(e.applicant_id) ?? '' }, class: e.class_id, rulesVersion: e.rules_version, items: reviewItems(decisionOf(e)) }));
}

async function applicantRefs(db: Db, openingId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('applicants').select(['id', 'ref']).where('opening_id', '=', openingId).execute();
  return new Map(rows.map((r) => [r.id, r.ref ?? '']));
}

/** An applicant not erased, of the opening when one is named. */
export async function liveApplicant(db: Db, id: string, openingId?: string): Promise<Applicant> {
  const applicant = await db.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!applicant || (openingId !== undefined && applicant.opening_id !== openingId)) throw new QualifyError('QUAL_ERR_NOT_FOUND', `no applicant "${id}"`, [{ path: 'applicantId', message: 'no such applicant' }]);
  if (applicant.erased_at !== null) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `applicant "${id}" was erased on ${applicant.erased_at}`, [{ path: 'applicantId', message: 'erased' }]);
  return applicant;
}

export interface Resolution {
  openingId: string;
  applicantId: string;
  class: string;
  item: string;
  action: Verdict;
  reason: string;
}

export interface Resolved {
  actionId: string;
  /** Each class's outcome after the engine re-read the applicant with the verdict. */
  outcomes: Decision[];
}

/** Records a reviewer's verdict on one open item and the outcomes the engine recomputes from it,
 * together or not at all. A fact about the person (a degree, a job) holds for every class. */
export async function resolveItem(db: Store, catalogue: Catalogue, r: Resolution, actor: Actor): Promise<Resolved> {
  return db.transaction().execute(async (trx) => {
    // A no-op write takes the applicant's row lock (PostgreSQL; SQLite locks the file): two
    // reviewers of one applicant take turns, so each recomputes from the other's verdict.
    await trx.updateTable('applicants').set((eb) => ({ position: eb.ref('position') })).where('id', '=', r.applicantId).execute();
    const applicant = await liveApplicant(trx, r.applicantId, r.openingId);
    const opening = await getOpening(trx, applicant.opening_id);
    const current = await currentEvaluations(trx, { applicant: applicant.id });
    const evaluation = current.find((e) => e.class_id === r.class);
    if (!evaluation) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `the opening has no class "${r.class}"`, [{ path: 'class', message: `one of ${opening.classes.join(', ')}` }]);
    const open = reviewItems(decisionOf(evaluation)).map((i) => i.key);
    if (!open.includes(r.item)) {
      throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `"${r.item}" is not an open review item of this applicant for ${r.class}; open: ${open.join(', ') || 'none'}`, [{ path: 'item', message: 'not an open review item' }]);
    }
    const earlier = await trx.selectFrom('review_actions').select(['class_id', 'item', 'action', 'seq']).where('applicant_id', '=', applicant.id).orderBy('seq').execute();
    const action = { id: newId(), applicant_id: applicant.id, class_id: r.class, seq: earlier.length + 1, item: r.item, action: r.action, reason: r.reason, at: now(), by: actor.by };
    await trx.insertInto('review_actions').values(action).execute();
    const actionId = action.id;
    const actions = [...earlier, action];
    const decisions = decide(catalogue, opening.classes, JSON.parse(applicant.profile!), opening.asOf, actions);
    const rows = decisions.flatMap((d) => {
      const before = current.find((e) => e.class_id === d.class)!;
      return before.decision === JSON.stringify(d) ? [] : [evaluationRow(applicant.id, d, before.seq + 1, 'review', actor, actionId)];
    });
    if (rows.length > 0) await trx.insertInto('evaluations').values(rows).execute();
    return { actionId, outcomes: decisions };
  });
}
