import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplicants } from '../../src/openings/applicants.ts';
import { createOpening } from '../../src/openings/openings.ts';
import { applicantRecord } from '../../src/openings/record.ts';
import { rerate } from '../../src/openings/rerate.ts';
import { runRerate } from '../../src/cli/commands/rerate.ts';
import { openStore } from '../../src/store/store.ts';
import { resolveItem } from '../../src/openings/review.ts';
import { rulesPath } from '../../src/paths.ts';
import { bundledCatalogue, loadCatalogue } from '../../src/rules/load.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS } from '../store/backends.ts';
import { PROFILES } from './profiles.ts';

/** A copy of the rules in which houston-440.4 asks for five years of experience instead of six. */
function fiveYearRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-rules-'));
  cpSync(rulesPath(), dir, { recursive: true });
  const file = join(dir, 'houston-440.4.yaml');
  const text = readFileSync(file, 'utf8');
  if (!/months: 72\n/.test(text)) throw new Error('houston-440.4 no longer asks for 72 months: update this test');
  writeFileSync(file, text.replace(/months: 72\n/, 'months: 60\n'));
  return dir;
}

const actor = { by: 'Robin (recruiter)' };

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(`re-rating an opening after a rule change on ${backend.name}${backend.skip ? ` (${backend.skip})` : ''}`, () => {
    let db: Store;
    let openingId: string;
    const ids = new Map<string, string>();
    const before = bundledCatalogue();
    const after = loadCatalogue({ rulesDir: fiveYearRules() });
    beforeAll(async () => {
      ({ db } = await backend.fresh());
      openingId = (await createOpening(db, before, { title: 'Houston', asOf: '2026-01-01', classes: ['houston-440.4'] }, actor)).id;
      const { qualified, foreign, sixtyMonths, sixtySixMonths, fortyEight, yearOnly } = PROFILES;
      const added = await addApplicants(db, before, openingId, [qualified, foreign, sixtyMonths, sixtySixMonths, fortyEight, yearOnly].map((profile) => ({ profile })), actor);
      for (const a of added.applicants) ids.set(a.ref, a.id);
      // A reviewer's verdict survives the re-rating: the years-only job is December to January (50 months).
      await resolveItem(db, before, { openingId, applicantId: ids.get('Y-1')!, class: 'houston-440.4', item: 'job:0', action: 'reject', reason: 'months not confirmed' }, { by: 'Kim' });
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it('lists exactly the applicants whose outcome changes, with the findings that changed, and writes nothing', async () => {
      const preview = await rerate(db, after, openingId, { accept: false }, actor);
      expect(preview.changes.map((c) => [c.applicant.ref, c.from.status, c.to.status])).toEqual([
        ['S-60', 'not_qualified', 'qualified'],
        ['S-66', 'not_qualified', 'qualified'],
      ]);
      const s60 = preview.changes[0]!;
      expect(s60.to.rulesVersion).not.toBe(s60.from.rulesVersion);
      expect(s60.removed.some((f) => f.startsWith('EXPERIENCE_SHORT'))).toBe(true);
      expect(s60.added.some((f) => f.startsWith('EXPERIENCE_MET'))).toBe(true);
      expect(preview.versions).toEqual([{ class: 'houston-440.4', now: after.rules.get('houston-440.4')!.version, before: [before.rules.get('houston-440.4')!.version] }]);
      expect((await applicantRecord(db, ids.get('S-60')!)).events).toHaveLength(1);
    });

    it('records the new decisions once accepted, under the new rules version', async () => {
      const accepted = await rerate(db, after, openingId, { accept: true }, actor);
      expect(accepted.changes).toHaveLength(2);
      const record = await applicantRecord(db, ids.get('S-60')!);
      expect(record.events.map((e) => (e.type === 'evaluation' ? [e.cause, e.status, e.rulesVersion] : []))).toEqual([
        ['upload', 'not_qualified', before.rules.get('houston-440.4')!.version],
        ['rerate', 'qualified', after.rules.get('houston-440.4')!.version],
      ]);
      expect((await rerate(db, after, openingId, { accept: false }, actor)).changes).toEqual([]);
    });
  });
}

describe('qualify rerate', () => {
  it('lists the applicants whose status changes under a rules folder, and records them with --accept', async () => {
    const store = { dataDir: mkdtempSync(join(tmpdir(), 'qualify-rerate-')) };
    const db = await openStore(store);
    const catalogue = bundledCatalogue();
    const opening = await createOpening(db, catalogue, { title: 'Houston', asOf: '2026-01-01', classes: ['houston-440.4'] }, actor);
    await addApplicants(db, catalogue, opening.id, [PROFILES.qualified, PROFILES.sixtyMonths].map((profile) => ({ profile })), actor);
    await db.destroy();
    const rules = fiveYearRules();
    const lines: string[] = [];
    expect(await runRerate({ opening: opening.id, rules, by: 'Robin' }, (l) => lines.push(l), store)).toBe(0);
    expect(lines.filter((l) => /→ qualified$/.test(l))).toEqual([expect.stringMatching(/^S-60 \(.+\) houston-440.4: not_qualified → qualified$/)]);
    expect(lines.at(-1)).toBe('1 of 2 applicants change status; not recorded: run again with --accept to record the new decisions');
    lines.length = 0;
    await runRerate({ opening: opening.id, rules, by: 'Robin', accept: true }, (l) => lines.push(l), store);
    expect(lines.at(-1)).toBe('1 of 2 applicants change status; recorded');
    lines.length = 0;
    await runRerate({ opening: opening.id, rules, by: 'Robin' }, (l) => lines.push(l), store);
    expect(lines.at(-1)).toBe('0 of 2 applicants change status; not recorded: run again with --accept to record the new decisions');
  });

  it('says there is no such opening', async () => {
    const store = { dataDir: mkdtempSync(join(tmpdir(), 'qualify-rerate-')) };
    await expect(runRerate({ opening: 'nope' }, () => {}, store)).rejects.toMatchObject({ code: 'QUAL_ERR_NOT_FOUND' });
  });
});
