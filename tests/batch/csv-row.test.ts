import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../src/errors.ts';
import { mergeApplicants, parseCertifications, readApplicant } from '../../src/batch/csv-row.ts';

const shape = { jobs: [1, 2], degrees: [1] };

describe('reading an applicant row', () => {
  it('reads certifications with and without dates', () => {
    const issues: FieldIssue[] = [];
    expect(parseCertifications('CCNA (2016-03 to 2029-03); PMP; Security+ (to 2027-01); RHCE (2019–2022);  ', issues)).toEqual([
      { name: 'CCNA', issued: '2016-03', expires: '2029-03' },
      { name: 'PMP' },
      { name: 'Security+', expires: '2027-01' },
      { name: 'RHCE', issued: '2019', expires: '2022' },
    ]);
    expect(issues).toEqual([]);
  });

  it('keeps parentheses that hold no dates in the name, and names an entry that is only dates', () => {
    const issues: FieldIssue[] = [];
    expect(parseCertifications('CompTIA Security+ (SY0-601); (2019-01)', issues)).toEqual([{ name: 'CompTIA Security+ (SY0-601)' }]);
    expect(issues).toEqual([{ path: 'certifications', message: '"(2019-01)" names no certification' }]);
  });

  it('reads jobs and degrees, yes/no flags, category names and credit systems loosely, and leaves blank jobs out', () => {
    const row = readApplicant({ id: ' A-1 ', job1title: 'Network Engineer', job1start: '2015-01', job1supervisory: 'Yes', job1categories: 'IT Infrastructure; project management', job1hours: '30', job2title: ' ', degree1level: 'BSc', degree1foreign: 'n', credithours: '45', creditsystem: 'Quarter' }, 7, shape);
    expect(row).toMatchObject({ line: 7, id: 'A-1', issues: [], jobs: [{ n: 1, line: 7 }], degrees: [{ n: 1, line: 7 }] });
    expect(row.profile).toEqual({
      id: 'A-1',
      experience: [{ title: 'Network Engineer', start: '2015-01', end: null, hoursPerWeek: 30, supervisory: true, categories: ['it-infrastructure', 'project-management'] }],
      education: [{ level: 'BSc', foreign: false }],
      certifications: [],
      collegeCredits: { hours: 45, system: 'quarter' },
    });
  });

  it('names the column of every value it cannot read, and of what is missing', () => {
    const row = readApplicant({ id: '', job1title: 'Engineer', job1hours: 'full', job1supervisory: 'sometimes', degree1field: 'History' }, 3, shape);
    expect(row.issues).toEqual([
      { path: 'id', message: 'missing: every applicant needs an id' },
      { path: 'job1_start', message: 'missing: a job needs a start date' },
      { path: 'job1_hours', message: '"full" is not a number' },
      { path: 'job1_supervisory', message: '"sometimes" is not yes/no/true/false/1/0' },
      { path: 'degree1_level', message: 'missing: name the degree level (none, high school, associate, bachelor, master, doctorate)' },
    ]);
  });

  it('merges the rows of one applicant in the long layout, naming the line of each entry', () => {
    const a = readApplicant({ id: 'L', job1title: 'A', job1start: '2015-01', certifications: 'CCNA' }, 2, shape);
    const b = readApplicant({ id: 'L', job1title: 'B', job1start: '2018-01', job1hours: 'lots', certifications: 'PMP' }, 3, shape);
    const merged = mergeApplicants([a, b]);
    expect(merged.profile).toMatchObject({ experience: [{ title: 'A' }, { title: 'B' }], certifications: [{ name: 'CCNA' }, { name: 'PMP' }] });
    expect(merged.jobs).toEqual([{ n: 1, line: 2 }, { n: 1, line: 3 }]);
    expect(merged.issues).toEqual([{ path: 'job1_hours (line 3)', message: '"lots" is not a number' }]);
  });
});
