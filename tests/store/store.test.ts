import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplicants } from '../../src/openings/applicants.ts';
import { createOpening } from '../../src/openings/openings.ts';
import { projectRoot } from '../../src/paths.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';
import { migrate, openStore, type Store } from '../../src/store/store.ts';
import { BACKENDS } from './backends.ts';

const catalogue = bundledCatalogue();
const actor = { by: 'store-test' };
const profile = (id: string) => ({ id, education: [{ level: 'B.S.', field: 'Computer Science' }], experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'] }], certifications: [{ name: 'CCNA' }] });

/** Fails the `n`th insert of a transaction's statements, as a lost connection or a full disk would. */
function failingAt(n: number): KyselyPlugin {
  let inserts = 0;
  return {
    transformQuery(args) {
      if (args.node.kind === 'InsertQueryNode' && (inserts += 1) === n) throw new Error('the disk is full');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

const count = async (db: Store, table: 'applicants' | 'evaluations' | 'openings') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

const CHILD = join(projectRoot, 'node_modules', '.cache', 'qualify-tests', 'crash-child.mjs');

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(`the store on ${backend.name}${backend.skip ? ` (${backend.skip})` : ''}`, () => {
    let db: Store;
    let options: { url?: string; dataDir?: string };
    beforeAll(async () => {
      ({ db, options } = await backend.fresh());
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it('creates its schema when opened, and opening it again changes nothing', async () => {
      await migrate(db as never);
      const again = await openStore(options);
      expect(await count(again, 'openings')).toBe(0);
      await again.destroy();
    });

    it('stores all the applicants of an upload, each with its decisions and rules version', async () => {
      const opening = await createOpening(db, catalogue, { title: 'All', asOf: '2026-01-01', classes: ['houston-440.4', 'chicago-06G7'] }, actor);
      const added = await addApplicants(db, catalogue, opening.id, [{ profile: profile('A-1') }, { profile: profile('A-2') }], actor);
      expect(added.added).toBe(2);
      const rows = await db.selectFrom('evaluations').innerJoin('applicants', 'applicants.id', 'evaluations.applicant_id').select(['ref', 'class_id', 'status', 'rules_version', 'cause']).where('opening_id', '=', opening.id).orderBy('ref').orderBy('class_id').execute();
      expect(rows.map((r) => [r.ref, r.class_id, r.cause])).toEqual([['A-1', 'chicago-06G7', 'upload'], ['A-1', 'houston-440.4', 'upload'], ['A-2', 'chicago-06G7', 'upload'], ['A-2', 'houston-440.4', 'upload']]);
      expect(rows.find((r) => r.class_id === 'houston-440.4')?.rules_version).toBe(catalogue.rules.get('houston-440.4')!.version);
    });

    it('stores none of an upload when one applicant is invalid, naming it', async () => {
      const opening = await createOpening(db, catalogue, { title: 'None', asOf: '2026-01-01', classes: ['houston-440.4'] }, actor);
      const bad = { id: 'B-2', experience: [{ title: 'x', start: '2020-03', end: '2019-01' }] };
      await expect(addApplicants(db, catalogue, opening.id, [{ profile: profile('B-1') }, { profile: bad }], actor)).rejects.toMatchObject({ code: 'QUAL_ERR_INVALID_PROFILE', issues: [expect.objectContaining({ path: 'applicants[1].profile.experience[0].end' })] });
      expect((await db.selectFrom('applicants').select('id').where('opening_id', '=', opening.id).execute()).length).toBe(0);
    });

    it('rolls an upload back whole when a write fails half-way', async () => {
      const opening = await createOpening(db, catalogue, { title: 'Rollback', asOf: '2026-01-01', classes: ['houston-440.4'] }, actor);
      const many = Array.from({ length: 450 }, (_, i) => ({ profile: profile(`R-${i}`) }));
      // Applicants go in three statements of 200; the fourth insert is the first of the evaluations.
      await expect(addApplicants(db.withPlugin(failingAt(4)), catalogue, opening.id, many, actor)).rejects.toThrow('the disk is full');
      expect((await db.selectFrom('applicants').select('id').where('opening_id', '=', opening.id).execute()).length).toBe(0);
    });

    it('leaves no half upload when the process is killed mid-write', async () => {
      await build({ entryPoints: [join(projectRoot, 'tests/store/crash-child.ts')], outfile: CHILD, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
      const opening = await createOpening(db, catalogue, { title: 'Crash', asOf: '2026-01-01', classes: ['houston-440.4'] }, actor);
      const before = { applicants: await count(db, 'applicants'), evaluations: await count(db, 'evaluations') };
      // The second insert statement: 200 applicants are written inside the open transaction.
      const child = spawnSync(process.execPath, [CHILD, JSON.stringify(options), opening.id, '500', '2'], { encoding: 'utf8', cwd: projectRoot });
      expect(child.signal).toBe('SIGKILL');
      expect(child.stdout).toContain('killing');
      expect(await count(db, 'applicants')).toBe(before.applicants);
      expect(await count(db, 'evaluations')).toBe(before.evaluations);
      // The store is whole and usable: the same upload goes through afterwards.
      const again = await addApplicants(db, catalogue, opening.id, [{ profile: profile('C-0') }], actor);
      expect(again.added).toBe(1);
    });
  });
}

describe('a PostgreSQL store that cannot be reached', () => {
  it('is refused as a setting, naming the URL without its password and why', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const opened = openStore({ url: 'postgres://qualify:s3cret@127.0.0.1:1/screening' });
    await expect(opened).rejects.toMatchObject({ code: 'QUAL_ERR_INVALID_OPTION', message: expect.stringMatching(/^cannot open the store at DATABASE_URL postgres:\/\/qualify@127\.0\.0\.1:1\/screening \(password not shown\): .*ECONNREFUSED/) });
    await expect(opened).rejects.not.toMatchObject({ message: expect.stringContaining('s3cret') });
  });
});
