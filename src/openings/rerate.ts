import type { Decision } from '../engine/decision.ts';
import type { Catalogue } from '../rules/load.ts';
import type { Store } from '../store/store.ts';
import type { Evaluation } from '../store/tables.ts';
import { getOpening } from './openings.ts';
import { currentEvaluations, decide, decisionOf, evaluationRow, insertChunked, type Actor, type Db } from './outcomes.ts';

export interface Change {
  applicant: { id: string; ref: string };
  class: string;
  from: { status: string; rulesVersion: string };
  to: { status: string; rulesVersion: string };
  /** Findings (`CODE: message`) the new decision has and the old one lacks, and the reverse. */
  added: string[];
  removed: string[];
}

export interface Rerating {
  opening: string;
  /** Each class's rules version now, and the versions the outcomes on record were decided under. */
  versions: Array<{ class: string; now: string; before: string[] }>;
  evaluated: number;
  /** Only the outcomes whose status changes. */
  changes: Change[];
  accepted: boolean;
}

const findings = (d: Decision): string[] => [...d.reasons, ...d.gaps].map((f) => `${f.code}: ${f.message}`);

function diff(before: Decision, after: Decision): Pick<Change, 'added' | 'removed'> {
  const old = new Set(findings(before));
  const now = new Set(findings(after));
  return { added: [...now].filter((f) => !old.has(f)), removed: [...old].filter((f) => !now.has(f)) };
}

/** Re-decides every applicant of an opening under the catalogue's rules, with the reviewers'
 * verdicts so far, and lists whose status changes and why. With `accept`, the new decisions are
 * recorded (cause `rerate`) in one transaction; without it nothing is written. */
export async function rerate(db: Store, catalogue: Catalogue, openingId: string, options: { accept: boolean }, actor: Actor): Promise<Rerating> {
  if (!options.accept) return compute(db, catalogue, openingId, false, actor);
  return db.transaction().execute((trx) => compute(trx, catalogue, openingId, true, actor));
}

async function compute(db: Db, catalogue: Catalogue, openingId: string, accept: boolean, actor: Actor): Promise<Rerating> {
  const opening = await getOpening(db, openingId);
  const applicants = await db.selectFrom('applicants').select(['id', 'ref', 'profile']).where('opening_id', '=', openingId).where('erased_at', 'is', null).orderBy('position').execute();
  const current = new Map<string, Evaluation>((await currentEvaluations(db, { opening: openingId })).map((e) => [`${e.applicant_id}\t${e.class_id}`, e]));
  const actions = await db
    .selectFrom('review_actions as r')
    .innerJoin('applicants as a', 'a.id', 'r.applicant_id')
    .select(['r.applicant_id', 'r.class_id', 'r.item', 'r.action'])
    .where('a.opening_id', '=', openingId)
    .orderBy('r.applicant_id')
    .orderBy('r.seq')
    .execute();
  const changes: Change[] = [];
  const rows: Array<ReturnType<typeof evaluationRow>> = [];
  for (const a of applicants) {
    const decisions = decide(catalogue, opening.classes, JSON.parse(a.profile!), opening.asOf, actions.filter((x) => x.applicant_id === a.id));
    for (const d of decisions) {
      const before = current.get(`${a.id}\t${d.class}`)!;
      if (before.decision !== JSON.stringify(d)) rows.push(evaluationRow(a.id, d, before.seq + 1, 'rerate', actor));
      if (before.status === d.status) continue;
      changes.push({ applicant: { id: a.id, ref: a.ref ?? '' }, class: d.class, from: { status: before.status, rulesVersion: before.rules_version }, to: { status: d.status, rulesVersion: d.rulesVersion }, ...diff(decisionOf(before), d) });
    }
  }
  if (accept) await insertChunked(db, 'evaluations', rows);
  const versions = opening.classes.map((c) => ({
    class: c,
    now: catalogue.rules.get(c)!.version,
    before: [...new Set([...current.values()].filter((e) => e.class_id === c).map((e) => e.rules_version))],
  }));
  return { opening: openingId, versions, evaluated: applicants.length, changes, accepted: accept };
}
