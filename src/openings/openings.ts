import { QualifyError } from '../errors.ts';
import { findRules, type Catalogue } from '../rules/load.ts';
import type { Store } from '../store/store.ts';
import type { Opening } from '../store/tables.ts';
import { newId, now, type Actor, type Db } from './outcomes.ts';

export interface NewOpening {
  title: string;
  /** The closing date, YYYY-MM-DD: every applicant is judged as of it. */
  asOf: string;
  classes: string[];
  /** The voluntary self-identification question, for the selection-rate report. */
  groupBy?: string | undefined;
}

export interface OpeningView {
  id: string;
  title: string;
  asOf: string;
  classes: string[];
  groupBy: string | null;
  createdAt: string;
  createdBy: string;
  applicants: number;
}

/** An opening for one or more classes; the classes must be known now, so that uploads can be decided. */
export async function createOpening(db: Store, catalogue: Catalogue, input: NewOpening, actor: Actor): Promise<OpeningView> {
  const { classes } = input;
  findRules(catalogue.rules, classes);
  const row: Opening = { id: newId(), title: input.title, as_of: input.asOf, group_by: input.groupBy ?? null, created_at: now(), created_by: actor.by };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('openings').values(row).execute();
    await trx.insertInto('opening_classes').values(classes.map((class_id, position) => ({ opening_id: row.id, class_id, position }))).execute();
  });
  return view(row, classes, 0);
}

const view = (o: Opening, classes: string[], applicants: number): OpeningView => ({
  id: o.id,
  title: o.title,
  asOf: o.as_of,
  classes,
  groupBy: o.group_by,
  createdAt: o.created_at,
  createdBy: o.created_by,
  applicants,
});

/** One opening with its classes and the number of applicants on record (erased ones included). */
export async function getOpening(db: Db, id: string): Promise<OpeningView> {
  const row = await db.selectFrom('openings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new QualifyError('QUAL_ERR_NOT_FOUND', `no opening "${id}"`, [{ path: 'id', message: 'no such opening' }]);
  const classes = await db.selectFrom('opening_classes').select('class_id').where('opening_id', '=', id).orderBy('position').execute();
  const { n } = await db.selectFrom('applicants').select((eb) => eb.fn.countAll<string | number>().as('n')).where('opening_id', '=', id).executeTakeFirstOrThrow();
  return view(row, classes.map((c) => c.class_id), Number(n));
}

export async function listOpenings(db: Db): Promise<OpeningView[]> {
  const rows = await db.selectFrom('openings').select('id').orderBy('created_at', 'desc').execute();
  return Promise.all(rows.map((r) => getOpening(db, r.id)));
}
