import { reportJson } from '../batch/report.ts';
import { Tally } from '../batch/summary.ts';
import type { Decision, Status } from '../engine/decision.ts';
import type { Catalogue } from '../rules/load.ts';
import { getOpening } from './openings.ts';
import { currentEvaluations, decisionOf, type Db } from './outcomes.ts';

/** What an erased applicant's anonymous outcome stands for in the tally: its class and status. */
const anonymous = (cls: string, status: string, rulesVersion: string): Decision => ({ id: '', class: cls, status: status as Status, score: 0, reasons: [], gaps: [], rulesVersion, asOf: '', path: '' });

/** The counts of an opening's outcomes as they stand (review verdicts and accepted re-ratings
 * included), erased applicants counted anonymously: the batch report's tally. */
export async function openingTally(db: Db, openingId: string): Promise<Tally> {
  const tally = new Tally();
  const applicants = await db.selectFrom('applicants').select(['id', 'ref', 'position', 'group_value']).where('opening_id', '=', openingId).where('erased_at', 'is', null).orderBy('position').execute();
  const current = await currentEvaluations(db, { opening: openingId });
  for (const a of applicants) {
    const decisions = current.filter((e) => e.applicant_id === a.id).map(decisionOf);
    tally.add({ line: a.position + 1, id: a.ref ?? '', ...(a.group_value === null ? {} : { group: a.group_value }), decisions });
  }
  const erased = await db.selectFrom('tallies').selectAll().where('opening_id', '=', openingId).orderBy('erasure').execute();
  const byErasure = new Map<string, typeof erased>();
  for (const t of erased) byErasure.set(t.erasure, [...(byErasure.get(t.erasure) ?? []), t]);
  for (const rows of byErasure.values()) {
    const group = rows[0]!.group_value;
    tally.add({ line: 0, id: '', ...(group === null ? {} : { group }), decisions: rows.map((t) => anonymous(t.class_id, t.status, t.rules_version)) });
  }
  return tally;
}

/** The selection-rate report of an opening over its outcomes now (docs/batch.md, the report). */
export async function openingReport(db: Db, catalogue: Catalogue, openingId: string): Promise<{ tally: Tally; meta: Parameters<typeof reportJson>[1] }> {
  const opening = await getOpening(db, openingId);
  const tally = await openingTally(db, openingId);
  const meta = {
    classes: opening.classes.map((id) => {
      const loaded = catalogue.rules.get(id);
      return { id, title: loaded?.rule.title ?? id, rulesVersion: loaded?.version ?? '' };
    }),
    asOf: opening.asOf,
    generatedAt: new Date(),
    groupBy: opening.groupBy ?? undefined,
    rows: { total: tally.rows.total, scored: tally.rows.total - tally.rows.errors, errors: tally.rows.errors },
    columnsUsed: [],
  };
  return { tally, meta };
}
