import type { Readable } from 'node:stream';
import type { ColumnMap } from '../batch/map.ts';
import { readApplicants } from '../batch/read-csv.ts';
import { scoreApplicant } from '../batch/score.ts';
import type { Decision } from '../engine/decision.ts';
import { QualifyError, type FieldIssue } from '../errors.ts';
import { parseDay } from '../profile/dates.ts';
import type { Catalogue } from '../rules/load.ts';
import type { ApplicantTable, EvaluationTable } from '../store/tables.ts';
import { getOpening, type OpeningView } from './openings.ts';
import { BREATH, breathe, decide, decisionOf, evaluationRow, insertChunked, latestEvaluations, newId, now, type Actor, type Db } from './outcomes.ts';
import type { Store } from '../store/store.ts';

/** An applicant as sent: a profile (or JSON Resume) and the answer to the self-identification question. */
export interface Incoming {
  profile: unknown;
  group?: string | undefined;
}

interface Staged {
  ref: string;
  profile: unknown;
  group: string | null;
  decisions: Decision[];
}

export interface Added {
  added: number;
  applicants: Array<{ id: string; ref: string; outcomes: Array<Pick<Decision, 'class' | 'status' | 'score'>> }>;
}

/** Most issues a refused upload lists: enough to fix a file in one go, not a 50,000-line answer. */
const MAX_ISSUES = 100;

function refuse(issues: FieldIssue[], what: string): never {
  const shown = issues.slice(0, MAX_ISSUES);
  const more = issues.length > shown.length ? ` (the first ${MAX_ISSUES} are listed)` : '';
  throw new QualifyError('QUAL_ERR_INVALID_PROFILE', `${issues.length} problem${issues.length === 1 ? '' : 's'} in the ${what}${more}; no applicant was added`, shown);
}

/** Adds applicants sent as JSON: all of them, decided and recorded in one transaction, or none. */
export async function addApplicants(db: Store, catalogue: Catalogue, openingId: string, incoming: readonly Incoming[], actor: Actor): Promise<Added> {
  const opening = await getOpening(db, openingId);
  const issues: FieldIssue[] = [];
  const staged: Staged[] = [];
  for (const [i, a] of incoming.entries()) {
    if (i % BREATH === BREATH - 1) await breathe();
    try {
      const decisions = decide(catalogue, opening.classes, a.profile, opening.asOf, []);
      staged.push({ ref: decisions[0]!.id, profile: a.profile, group: a.group ?? null, decisions });
    } catch (error) {
      if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') throw error;
      issues.push(...error.issues.map((issue) => ({ path: `applicants[${i}].profile.${issue.path}`, message: issue.message })));
    }
  }
  if (issues.length > 0) refuse(issues, 'applicants');
  return record(db, opening, staged, actor);
}

export interface UploadOptions {
  /** Another system's export read through a map file, as `qualify score --map` reads it. */
  map?: ColumnMap | undefined;
  layout?: 'wide' | 'long' | undefined;
}

/** Adds the applicants of a CSV export, read as batch scoring reads it: every row valid and
 * recorded in one transaction, or none, with each bad row's line and column named. */
export async function uploadApplicants(db: Store, catalogue: Catalogue, openingId: string, csv: Readable, options: UploadOptions, actor: Actor): Promise<Added> {
  const opening = await getOpening(db, openingId);
  const { map } = options;
  const rows = readApplicants(csv, {
    layout: options.layout ?? 'wide',
    unknown: 'refuse',
    ...(opening.groupBy ? { groupBy: opening.groupBy } : {}),
    ...(map ? { map: map.columns, convert: map.convert, ignore: map.ignore } : {}),
  });
  const issues: FieldIssue[] = [];
  const staged: Staged[] = [];
  const scoring = { classes: opening.classes, asOf: parseDay(opening.asOf)!, catalogue };
  let read = 0;
  for await (const row of rows) {
    if (++read % BREATH === 0) await breathe();
    const scored = scoreApplicant(row, scoring);
    if ('error' in scored) issues.push({ path: `line ${scored.line}`, message: scored.error });
    else staged.push({ ref: scored.id, profile: row.profile, group: scored.group ?? null, decisions: scored.decisions });
  }
  if (issues.length > 0) refuse(issues, 'CSV');
  return record(db, opening, staged, actor);
}

async function record(db: Store, opening: OpeningView, staged: readonly Staged[], actor: Actor): Promise<Added> {
  const seen = new Set<string>();
  const twice = staged.filter((s) => seen.has(s.ref) || !seen.add(s.ref)).map((s) => s.ref);
  if (twice.length > 0) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `applicant ids appear more than once: ${[...new Set(twice)].slice(0, 20).join(', ')}; no applicant was added`);
  // The rows are made before the transaction, which then holds the store only for the writes.
  const at = now();
  const applicants: Array<Omit<ApplicantTable, 'position'>> = [];
  const evaluations: EvaluationTable[] = [];
  for (const [i, s] of staged.entries()) {
    if (i % BREATH === BREATH - 1) await breathe();
    const id = newId();
    applicants.push({ id, opening_id: opening.id, ref: s.ref, profile: JSON.stringify(s.profile), group_value: s.group, added_at: at, added_by: actor.by, erased_at: null, erased_by: null });
    evaluations.push(...s.decisions.map((d) => evaluationRow(id, d, 1, 'upload', actor)));
  }
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('applicants').select(['ref', 'position']).where('opening_id', '=', opening.id).execute();
    const known = existing.filter((e) => e.ref !== null && seen.has(e.ref)).map((e) => e.ref);
    if (known.length > 0) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `applicants already in the opening: ${known.slice(0, 20).join(', ')}; no applicant was added`);
    const first = existing.reduce((m, e) => Math.max(m, e.position + 1), 0);
    await insertChunked(trx, 'applicants', applicants.map((a, i) => ({ ...a, position: first + i })));
    await insertChunked(trx, 'evaluations', evaluations);
  });
  return {
    added: staged.length,
    applicants: staged.map((s, i) => ({ id: applicants[i]!.id, ref: s.ref, outcomes: s.decisions.map((d) => ({ class: d.class, status: d.status, score: d.score })) })),
  };
}

/** One applicant's outcome in one class, as the opening's table lists it. */
export interface Listed {
  applicant: { id: string; ref: string | null };
  class: string;
  status: Decision['status'];
  score: number;
  rulesVersion: string;
  /** The outcome's first gap: what stands between the applicant and qualifying. */
  gap?: string;
}

export interface Listing {
  /** Outcomes of each status, over the whole opening. */
  counts: Partial<Record<Decision['status'], number>>;
  /** Outcomes of the status asked (all when none), in the order the applicants were added. */
  total: number;
  outcomes: Listed[];
}

/** The outcomes now of an opening's applicants, a page at a time (an opening may hold tens of
 * thousands), of one status when asked; erased applicants keep their anonymous outcome elsewhere. */
export async function listOutcomes(db: Db, openingId: string, page: { status?: Decision['status'] | undefined; offset: number; limit: number }): Promise<Listing> {
  await getOpening(db, openingId);
  const live = latestEvaluations(db).innerJoin('applicants as a', 'a.id', 'e.applicant_id').where('a.opening_id', '=', openingId).where('a.erased_at', 'is', null);
  const byStatus = await live.select(['e.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('e.status').execute();
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  const rows = await (page.status === undefined ? live : live.where('e.status', '=', page.status))
    .select(['a.id', 'a.ref', 'e.class_id', 'e.status', 'e.score', 'e.rules_version', 'e.decision'])
    .orderBy('a.position').orderBy('e.class_id').limit(page.limit).offset(page.offset).execute();
  return {
    counts,
    total: page.status === undefined ? Object.values(counts).reduce((a, b) => a + b, 0) : (counts[page.status] ?? 0),
    outcomes: rows.map((r) => {
      const gap = decisionOf(r).gaps[0]?.message;
      return { applicant: { id: r.id, ref: r.ref }, class: r.class_id, status: r.status as Decision['status'], score: r.score, rulesVersion: r.rules_version, ...(gap === undefined ? {} : { gap }) };
    }),
  };
}
