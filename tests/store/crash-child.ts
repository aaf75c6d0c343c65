// Run by store.test.ts in a child process: adds applicants to an opening and kills itself with
// SIGKILL (no handler, no rollback in JavaScript) half-way through writing them.
import type { KyselyPlugin } from 'kysely';
import { addApplicants } from '../../src/openings/applicants.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';
import { openStore } from '../../src/store/store.ts';

const [optionsJson, openingId, count, killAt] = process.argv.slice(2) as [string, string, string, string];
let inserts = 0;
const killer: KyselyPlugin = {
  transformQuery(args) {
    if (args.node.kind === 'InsertQueryNode' && (inserts += 1) === Number(killAt)) {
      process.stdout.write('killing\n');
      process.kill(process.pid, 'SIGKILL');
    }
    return args.node;
  },
  transformResult: async (args) => args.result,
};
const db = (await openStore(JSON.parse(optionsJson))).withPlugin(killer);
const profiles = Array.from({ length: Number(count) }, (_, i) => ({
  profile: { id: `C-${i}`, education: [{ level: 'B.S.', field: 'Computer Science' }], experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'] }], certifications: [{ name: 'CCNA' }] },
}));
await addApplicants(db, bundledCatalogue(), openingId, profiles, { by: 'crash-test' });
process.stdout.write('finished\n');
