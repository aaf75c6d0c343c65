import { userInfo } from 'node:os';
import { rerate, type Rerating } from '../../openings/rerate.ts';
import { catalogueOf } from '../../rules/load.ts';
import { openStore, storeOptionsFromEnv, type StoreOptions } from '../../store/store.ts';

export interface RerateCommandOptions {
  opening: string;
  /** Record the new decisions; without it the changes are only listed. */
  accept?: boolean;
  /** A folder of rule files to re-rate under (default: the bundled rules/). */
  rules?: string;
  /** Who re-rates, for the record (default: the user running the command). */
  by?: string;
  json?: boolean;
}

/** Lines for a person: each applicant whose status changes, with the findings gained and lost. */
export function describeRerating(r: Rerating): string[] {
  const lines = r.versions.filter((v) => v.before.some((b) => b !== v.now)).map((v) => `${v.class}: rules ${v.before.join(', ')} → ${v.now}`);
  for (const c of r.changes) {
    lines.push(`${c.applicant.ref} (${c.applicant.id}) ${c.class}: ${c.from.status} → ${c.to.status}`);
    lines.push(...c.added.map((f) => `  + ${f}`), ...c.removed.map((f) => `  - ${f}`));
  }
  const verdict = r.accepted ? 'recorded' : 'not recorded: run again with --accept to record the new decisions';
  lines.push(`${r.changes.length} of ${r.evaluated} applicants change status; ${verdict}`);
  return lines;
}

/** `qualify rerate --opening ID [--accept]`: re-evaluates every applicant of an opening under the
 * rules now, with the reviewers' verdicts, and lists whose status changes and why. Exit 0. */
export async function runRerate(options: RerateCommandOptions, out: (line: string) => void, store: StoreOptions = storeOptionsFromEnv()): Promise<number> {
  const catalogue = catalogueOf(options.rules);
  const db = await openStore(store);
  try {
    const result = await rerate(db, catalogue, options.opening, { accept: options.accept ?? false }, { by: options.by ?? `${userInfo().username} (command line)` });
    if (options.json) out(JSON.stringify(result));
    else describeRerating(result).forEach((line) => out(line));
    return 0;
  } finally {
    await db.destroy();
  }
}
