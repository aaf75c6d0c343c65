import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApplicants, uploadApplicants } from '../../src/openings/applicants.ts';
import { createOpening, getOpening } from '../../src/openings/openings.ts';
import { applicantRecord, eraseApplicant, openingRecords, recordsCsv } from '../../src/openings/record.ts';
import { openingTally } from '../../src/openings/report.ts';
import { resolveItem, reviewQueue } from '../../src/openings/review.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';
import type { Store } from '../../src/store/store.ts';
import { BACKENDS } from '../store/backends.ts';
import { PROFILES } from './profiles.ts';

const catalogue = bundledCatalogue();
const recruiter = { by: 'Robin (recruiter)' };
const reviewer = { by: 'Kim (reviewer)' };

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== false)(`an opening from upload to final outcomes on ${backend.name}${backend.skip ? ` (${backend.skip})` : ''}`, () => {
    let db: Store;
    let openingId: string;
    const ids = new Map<string, string>();
    beforeAll(async () => {
      ({ db } = await backend.fresh());
      openingId = (await createOpening(db, catalogue, { title: 'Senior IT Professional', asOf: '2026-01-01', classes: ['houston-440.4'], groupBy: 'self_id' }, recruiter)).id;
      const added = await addApplicants(db, catalogue, openingId, [PROFILES.qualified, PROFILES.foreign, PROFILES.yearOnly].map((profile, i) => ({ profile, group: i === 0 ? 'X' : 'Y' })), recruiter);
      for (const a of added.applicants) ids.set(a.ref, a.id);
    });
    afterAll(async () => {
      await db?.destroy();
    });

    it('queues every review with exactly what a person must check', async () => {
      const queue = await reviewQueue(db, openingId);
      expect(queue.map((q) => [q.applicant.ref, q.class, q.items.map((i) => i.key)])).toEqual([
        ['F-1', 'houston-440.4', ['degree:0']],
        ['Y-1', 'houston-440.4', ['job:0']],
      ]);
      expect(queue[0]!.items[0]!.messages[0]).toContain('foreign degree without a credential evaluation');
    });

    it('recomputes the outcome from a confirmed fact, and records the action before the evaluation it caused', async () => {
      const resolved = await resolveItem(db, catalogue, { openingId, applicantId: ids.get('F-1')!, class: 'houston-440.4', item: 'degree:0', action: 'confirm', reason: 'WES evaluation seen: U.S. bachelor equivalent' }, reviewer);
      expect(resolved.outcomes.map((d) => d.status)).toEqual(['qualified']);
      const record = await applicantRecord(db, ids.get('F-1')!);
      expect(record.events.map((e) => [e.type, e.by, e.type === 'evaluation' ? `${e.cause} ${e.status}` : `${e.action} ${e.item}`])).toEqual([
        ['evaluation', 'Robin (recruiter)', 'upload review'],
        ['review', 'Kim (reviewer)', 'confirm degree:0'],
        ['evaluation', 'Kim (reviewer)', 'review qualified'],
      ]);
    });

    it('recomputes the outcome from rejected months', async () => {
      const resolved = await resolveItem(db, catalogue, { openingId, applicantId: ids.get('Y-1')!, class: 'houston-440.4', item: 'job:0', action: 'reject', reason: 'the employer confirms December 2015 to January 2020' }, reviewer);
      expect(resolved.outcomes.map((d) => d.status)).toEqual(['not_qualified']);
      expect(await reviewQueue(db, openingId)).toEqual([]);
    });

    it('refuses a verdict on an item that is not open, and writes nothing', async () => {
      await expect(resolveItem(db, catalogue, { openingId, applicantId: ids.get('A-1')!, class: 'houston-440.4', item: 'degree:0', action: 'confirm', reason: 'x' }, reviewer)).rejects.toMatchObject({ code: 'QUAL_ERR_INVALID_REQUEST' });
      expect((await applicantRecord(db, ids.get('A-1')!)).events).toHaveLength(1);
    });

    it('counts the final outcomes for the selection-rate report', async () => {
      const tally = await openingTally(db, openingId);
      expect(tally.byClass.get('houston-440.4')).toEqual({ qualified: 2, review: 0, not_qualified: 1 });
      expect(tally.groups.get('houston-440.4')?.get('Y')).toEqual({ applicants: 2, qualified: 1 });
    });

    it('exports the records as JSON and CSV, one CSV line per event', async () => {
      const records = await openingRecords(db, openingId);
      expect(records.map((r) => r.applicant.ref)).toEqual(['A-1', 'F-1', 'Y-1']);
      const lines = recordsCsv(records).trim().split('\n');
      expect(lines[0]).toBe('applicant,ref,at,by,event,class,cause,rules_version,as_of,status,score,item,action,reason,reasons,gaps');
      expect(lines).toHaveLength(1 + 1 + 3 + 3);
    });

    it('erases an applicant on request, keeping only an anonymous outcome in the report', async () => {
      await eraseApplicant(db, ids.get('F-1')!, recruiter);
      const record = await applicantRecord(db, ids.get('F-1')!);
      expect(record).toMatchObject({ applicant: { ref: null, group: null, erasedBy: 'Robin (recruiter)' }, profile: null, events: [] });
      const tally = await openingTally(db, openingId);
      expect(tally.byClass.get('houston-440.4')).toEqual({ qualified: 2, review: 0, not_qualified: 1 });
      expect(tally.groups.get('houston-440.4')?.get('Y')).toEqual({ applicants: 2, qualified: 1 });
      await expect(eraseApplicant(db, ids.get('F-1')!, recruiter)).rejects.toMatchObject({ code: 'QUAL_ERR_INVALID_REQUEST' });
      expect((await getOpening(db, openingId)).applicants).toBe(3);
    });

    it('reads a CSV export through a column map, and adds all of it or none', async () => {
      const map = { columns: { 'Candidate No': 'id', 'Deg Level': 'degree1_level', 'Deg Field': 'degree1_field' }, ignore: [], convert: { present: ['present'], yes: [], no: [], values: {}, lists: {}, selfReported: {} } };
      const good = 'Candidate No,Deg Level,Deg Field,job1_title,job1_start,job1_end,job1_categories,certifications,self_id\nM-1,BS,Computer Science,Network Administrator,2015-01,2020-12,it-infrastructure,CCNA,X\n';
      const added = await uploadApplicants(db, catalogue, openingId, Readable.from([good]), { map }, recruiter);
      expect(added.applicants.map((a) => [a.ref, a.outcomes[0]!.status])).toEqual([['M-1', 'qualified']]);
      const bad = 'Candidate No,Deg Level,Deg Field,job1_title,job1_start,job1_end,self_id\nM-2,BS,Computer Science,Admin,2015-01,2014-12,X\nM-3,BS,History,Admin,2015-01,2016-01,Y\n';
      await expect(uploadApplicants(db, catalogue, openingId, Readable.from([bad]), { map }, recruiter)).rejects.toMatchObject({ code: 'QUAL_ERR_INVALID_PROFILE', issues: [expect.objectContaining({ path: 'line 2' })] });
      expect((await getOpening(db, openingId)).applicants).toBe(4);
    });
  });
}
