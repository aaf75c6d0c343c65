import type { Decision } from '../engine/decision.ts';
import type { Catalogue } from '../rules/load.ts';
import type { Store } from '../store/store.ts';
import type { EvaluationTable } from '../store/tables.ts';
import { QualifyError } from '../errors.ts';
import { getOpening } from './openings.ts';
import { BREATH, breathe, currentEvaluations, decide, decisionOf, evaluationRow, insertChunked, type Actor, type Db } from './outcomes.ts';

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
 * recorded (cause `rerate`) in one transaction; without it nothing is written. Deciding happens
 * before the transaction, so that it holds the store only for the writes; a verdict recorded
 * meanwhile takes the sequence number a new decision would have, and the re-rating is refused whole. */
export async function rerate(db: Store, catalogue: Catalogue, openingId: string, options: { accept: boolean }, actor: Actor): Promise<Rerating> {
  const { rerating, rows } = await compute(db, catalogue, openingId, actor);
  if (!options.accept) return rerating;
  try {
    await db.transaction().execute((trx) => insertChunked(trx, 'evaluations', rows));
  } catch (error) {
    if (!/unique|23505/i.test(`${(error as Error).message} ${(error as { code?: string }).code ?? ''}`)) throw error;
    throw new QualifyError('QUAL_ERR_INVALID_REQUEST', 'an applicant of the opening was reviewed while it was being re-rated; nothing was recorded: re-rate again');
  }
  return { ...rerating, accepted: true };
}

/** Applicants read and decided at a time: each read holds the thread for a few milliseconds only. */
const PAGE = 200;

async function compute(db: Db, catalogue: Catalogue, openingId: string, actor: Actor): Promise<{ rerating: Rerating; rows: EvaluationTable[] }> {
  const opening = await getOpening(db, openingId);
  const ids = (await db.selectFrom('applicants').select('id').where('opening_id', '=', openingId).where('erased_at', 'is', null).orderBy('position').execute()).map((a) => a.id);
  const changes: Change[] = [];
  const rows: EvaluationTable[] = [];
  const versionsBefore = new Map(opening.classes.map((c) => [c, new Set<string>()]));
  for (let from = 0; from < ids.length; from += PAGE) {
    const page = ids.slice(from, from + PAGE);
    const applicants = await db.selectFrom('applicants').select(['id', 'ref', 'profile']).where('id', 'in', page).execute();
    const current = new Map((await currentEvaluations(db, { applicants: page })).map((e) => [`${e.applicant_id}\t${e.class_id}`, e]));
    const actions = await db.selectFrom('review_actions').select(['applicant_id', 'class_id', 'item', 'action']).where('applicant_id', 'in', page).orderBy('seq').execute();
    for (const e of current.values()) versionsBefore.get(e.class_id)?.add(e.rules_version);
    for (const [i, a] of applicants.entries()) {
      if (i % BREATH === BREATH - 1) await breathe();
      const decisions = decide(catalogue, opening.classes, JSON.parse(a.profile!), opening.asOf, actions.filter((x) => x.applicant_id === a.id));
      for (const d of decisions) {
        const before = current.get(`${a.id}\t${d.class}`)!;
        if (before.decision !== JSON.stringify(d)) rows.push(evaluationRow(a.id, d, before.seq + 1, 'rerate', actor));
        if (before.status === d.status) continue;
        changes.push({ applicant: { id: a.id, ref: a.ref ?? '' }, class: d.class, from: { status: before.status, rulesVersion: before.rules_version }, to: { status: d.status, rulesVersion: d.rulesVersion }, ...diff(decisionOf(before), d) });
      }
    }
  }
  // Changes in the order the applicants were added.
  const order = new Map(ids.map((id, i) => [id, i]));
  changes.sort((x, y) => order.get(x.applicant.id)! - order.get(y.applicant.id)!);
  const versions = opening.classes.map((c) => ({ class: c, now: catalogue.rules.get(c)!.version, before: [...versionsBefore.get(c)!] }));
  return { rerating: { opening: openingId, versions, evaluated: ids.length, changes, accepted: false }, rows };
}
