import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../src/errors.ts';
import { columnOf } from '../../src/batch/columns.ts';
import { mergeApplicants, parseCertifications, parseSubjectCredits, readApplicant, type Fields } from '../../src/batch/csv-row.ts';
import { readHeader } from '../../src/batch/header.ts';

const shape = { jobs: [1, 2], degrees: [1], credits: [1], trainings: [] };

/** A row as the reader gets it from a file with this header. */
const fromFile = (header: ReturnType<typeof readHeader>, values: string[]): Fields => Object.fromEntries(header.keys.flatMap((key, i) => (key === null ? [] : [[key, values[i]]])));

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
    const row = readApplicant({ id: ' A-1 ', job1title: 'Network Engineer', job1start: '2015-01', job1supervisory: 'Yes', job1categories: 'IT Infrastructure; project management', job1hours: '30', job2title: ' ', degree1level: 'BSc', degree1foreign: 'n', credit1hours: '45', credit1system: 'Quarter' }, 7, shape);
    expect(row).toMatchObject({ line: 7, id: 'A-1', issues: [], jobs: [{ n: 1, line: 7 }], degrees: [{ n: 1, line: 7 }] });
    expect(row.profile).toEqual({
      id: 'A-1',
      experience: [{ title: 'Network Engineer', start: '2015-01', end: null, hoursPerWeek: 30, supervisory: true, categories: ['it-infrastructure', 'project-management'] }],
      education: [{ level: 'BSc', foreign: false }],
      certifications: [],
      collegeCredits: [{ hours: 45, system: 'quarter' }],
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

  it('reads an old file with only credit_hours as one semester credit entry, and adds no training', () => {
    const header = readHeader(['id', 'credit_hours']);
    expect(readApplicant(fromFile(header, ['A-1', '45']), 2, header).profile).toEqual({ id: 'A-1', education: [], experience: [], certifications: [], collegeCredits: [{ hours: 45, system: 'semester' }] });
  });

  it('reads numbered college credits as a list, unnumbered credit columns as the first entry', () => {
    const header = readHeader(['id', 'Credit Hours', 'credit_field', 'Credit 2 Hours', 'credit2_system', 'credit2_field']);
    const row = readApplicant(fromFile(header, ['A-1', '45', 'Liberal Arts', '15', 'Quarter', 'Computer Science']), 2, header);
    expect(row.profile.collegeCredits).toEqual([
      { hours: 45, system: 'semester', field: 'Liberal Arts' },
      { hours: 15, system: 'quarter', field: 'Computer Science' },
    ]);
    expect(row.credits).toEqual([{ n: 1, line: 2 }, { n: 2, line: 2 }]);
  });

  it('reads subject credits within a degree, with or without a credit system', () => {
    const row = readApplicant({ id: 'A-1', degree1level: 'bachelor', degree1field: 'Biology', degree1credits: '15 Computer Science; 6 Mathematics; 20 Quarter Statistics;' }, 2, shape);
    expect(row.issues).toEqual([]);
    expect(row.profile.education).toEqual([{ level: 'bachelor', field: 'Biology', credits: [
      { hours: 15, system: 'semester', subject: 'Computer Science' },
      { hours: 6, system: 'semester', subject: 'Mathematics' },
      { hours: 20, system: 'quarter', subject: 'Statistics' },
    ] }]);
  });

  it('names the degree credits column, the part and the expected form when a part is not hours and a subject', () => {
    const issues: FieldIssue[] = [];
    expect(parseSubjectCredits('Computer Science; 6 Mathematics; 15', 'degree2_credits', issues)).toEqual([{ hours: 6, system: 'semester', subject: 'Mathematics' }]);
    expect(issues).toEqual([
      { path: 'degree2_credits', message: '"Computer Science" is not credit hours and a subject, as in 15 Computer Science or 20 quarter Statistics' },
      { path: 'degree2_credits', message: '"15" is not credit hours and a subject, as in 15 Computer Science or 20 quarter Statistics' },
    ]);
  });

  it('reads job capacities and categories as ids, passing unknown ones on for validation to name', () => {
    const row = readApplicant({ id: 'A-1', job1title: 'Lead Project Manager', job1start: '2022-01', job1categories: 'Clerical/Administrative; Project_Management', job1capacities: 'Lead; SUPERVISORY ; chief wizard; ???' }, 2, shape);
    expect(row.profile.experience).toEqual([{ title: 'Lead Project Manager', start: '2022-01', end: null, categories: ['clerical-administrative', 'project-management'], capacities: ['lead', 'supervisory', 'chief-wizard', '???'] }]);
  });

  it('reads trainings, leaving blank ones out and naming the hours column that is not a number', () => {
    const header = readHeader(['id', 'Training Name', 'training_hours', 'training_completed', 'training2_name', 'training3_name', 'Training 3 Hours']);
    const row = readApplicant(fromFile(header, ['A-1', 'Data Engineering Bootcamp', '480', '2023-06', '', 'First Aid', 'eight']), 2, header);
    expect(row.profile.training).toEqual([{ name: 'Data Engineering Bootcamp', hours: 480, completed: '2023-06' }, { name: 'First Aid' }]);
    expect(row.trainings).toEqual([{ n: 1, line: 2 }, { n: 3, line: 2 }]);
    expect(row.issues).toEqual([{ path: 'training3_hours', message: '"eight" is not a number' }]);
  });

  it('names the column of a profile error in the new fields', () => {
    const row = readApplicant({ id: 'A-1', job1title: 'A', job1start: '2015-01', job3title: 'C', job3start: '2020-01', job3capacities: 'wizard', degree1level: 'bachelor', degree1credits: '15 CS', credit2hours: '15', training2name: 'Bootcamp' }, 4, { ...shape, jobs: [1, 2, 3], credits: [1, 2], trainings: [1, 2] });
    const column = (path: string) => columnOf(path, row.jobs, row.degrees, row.line, row);
    expect(['experience[1].capacities[0]', 'education[0].credits[0].hours', 'collegeCredits[0].hours', 'training[0].hours', 'experience[0].hoursPerWeek'].map(column)).toEqual(['job3_capacities', 'degree1_credits', 'credit2_hours', 'training2_hours', 'job1_hours']);
  });

  it('names columns by position when the sources of credits and trainings are not given', () => {
    expect(['collegeCredits[1].hours', 'education[0].credits[0].hours', 'experience[2].capacities[0]', 'training[0].hours'].map((path) => columnOf(path, [], [], 1))).toEqual(['credit2_hours', 'degree1_credits', 'job3_capacities', 'training1_hours']);
  });

  it('adds up trainings over the rows of one applicant in the long layout, but takes college credits from one row', () => {
    const a = readApplicant({ id: 'L', training1name: 'A', credit1hours: '45' }, 2, { ...shape, trainings: [1] });
    const b = readApplicant({ id: 'L', training1name: 'B', training1hours: 'many', credit1hours: '45' }, 3, { ...shape, trainings: [1] });
    const merged = mergeApplicants([a, b]);
    expect(merged.profile).toMatchObject({ training: [{ name: 'A' }, { name: 'B' }], collegeCredits: [{ hours: 45 }] });
    expect(columnOf('training[1].hours', merged.jobs, merged.degrees, merged.line, merged)).toBe('training1_hours (line 3)');
    expect(columnOf('collegeCredits[0].hours', merged.jobs, merged.degrees, merged.line, merged)).toBe('credit1_hours');
  });
});
