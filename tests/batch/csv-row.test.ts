import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../../src/errors.ts';
import { columnOf } from '../../src/batch/columns.ts';
import { mergeApplicants, parseCertifications, parseSubjectCredits, readApplicant, type Fields, type RowShape } from '../../src/batch/csv-row.ts';
import { readHeader } from '../../src/batch/header.ts';
import { NO_CONVERSIONS, parseMap, type Conversions } from '../../src/batch/map.ts';

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

/** The conversions of a map file with these keys (beside columns:). */
const converting = (yaml: string, today = new Date(Date.UTC(2026, 0, 1))): Conversions => ({ ...parseMap(yaml, 'map.yaml').convert, today });
const read = (f: Fields, convert: Conversions, more: Partial<RowShape> = {}) => readApplicant(f, 4, { ...shape, ...more, convert });

describe('converting values as a row is read', () => {
  it('reads the date columns in the map\'s form, as YYYY-MM-DD', () => {
    const row = read({ id: 'A', job1title: 'Engineer', job1start: '06/01/2018', job1end: '05/31/2020', degree1level: 'BS', degree1completed: '05/15/2012', training1name: 'CCNA prep', training1hours: '40', training1completed: '3/2/2017' }, converting('dates: MM/DD/YYYY'), { trainings: [1] });
    expect(row.issues).toEqual([]);
    expect(row.profile).toMatchObject({ experience: [{ start: '2018-06-01', end: '2020-05-31' }], education: [{ completed: '2012-05-15' }], training: [{ completed: '2017-03-02' }] });
    expect(read({ id: 'A', job1title: 'Engineer', job1start: 'Jun 2018', job1end: '45444' }, converting('dates: Mon YYYY')).issues).toEqual([
      { path: 'job1_end', message: '"45444" is not a date in Mon YYYY or one of the words for a job still held (present, current)' },
    ]);
  });

  it('names the column, the value and the form of a date that does not convert', () => {
    const row = read({ id: 'A', job1title: 'Engineer', job1start: '13/45/2018', job1end: 'Ongoing' }, converting('dates: MM/DD/YYYY\npresent: [Current, Present, Now, ""]'));
    expect(row.issues).toEqual([
      { path: 'job1_start', message: '"13/45/2018" is not a date in MM/DD/YYYY' },
      { path: 'job1_end', message: '"Ongoing" is not a date in MM/DD/YYYY or one of the words for a job still held (Current, Present, Now)' },
    ]);
  });

  it('reads present or current, in any case, as a job still held without a map, and lists the words when an end date cannot be read', () => {
    const jobs = (end: string) => readApplicant({ id: 'A', job1title: 'Engineer', job1start: '2015-01', job1end: end }, 2, shape);
    expect(['Present', 'CURRENT', 'current'].map((end) => jobs(end).profile.experience)).toEqual(Array(3).fill([{ title: 'Engineer', start: '2015-01', end: 'present' }]));
    expect(jobs('Ongoing').issues).toEqual([{ path: 'job1_end', message: '"Ongoing" is not a date in YYYY-MM-DD, YYYY-MM or YYYY or one of the words for a job still held (present, current)' }]);
    expect(jobs('2020-13').issues).toHaveLength(1);
  });

  it('reads the map\'s words for a job still held, with present always one', () => {
    const convert = converting('present: [Now, Till date]');
    expect(['now', 'till date', 'Present'].map((end) => read({ id: 'A', job1title: 'E', job1start: '2015-01', job1end: end }, convert).profile.experience)).toEqual(Array(3).fill([{ title: 'E', start: '2015-01', end: 'present' }]));
  });

  it('reads the map\'s words for yes and no, and names them when a value is neither', () => {
    const convert = converting('yes: [X, Oui]\nno: [Non]');
    const row = read({ id: 'A', job1title: 'E', job1start: '2015-01', job1supervisory: 'x', job2title: 'F', job2start: '2016-01', job2supervisory: 'NON', degree1level: 'BS', degree1foreign: 'oui', degree1evaluated: 'peut-être' }, convert);
    expect(row.profile).toMatchObject({ experience: [{ supervisory: true }, { supervisory: false }], education: [{ foreign: true }] });
    expect(row.issues).toEqual([{ path: 'degree1_evaluated', message: '"peut-être" is not yes/no/true/false/1/0 or the map\'s words (yes: X, Oui; no: Non)' }]);
  });

  it('converts values by column and by column family, ignoring case, spaces and punctuation, and passes the others on', () => {
    const convert = converting('values:\n  degreeN_level: { "H.S.": high-school, BACH: bachelor }\n  degree2_field: { CS: Computer Science }\n  job1_title: { NA: Network Administrator }', undefined);
    const row = read({ id: 'A', job1title: 'na', job1start: '2015-01', degree1level: 'h s', degree1field: 'CS', degree2level: 'Bach', degree2field: 'cs' }, convert, { degrees: [1, 2] });
    expect(row.profile).toMatchObject({
      experience: [{ title: 'Network Administrator' }],
      education: [{ level: 'high-school', field: 'CS' }, { level: 'bachelor', field: 'Computer Science' }],
    });
  });

  it('splits list columns on the map\'s separator, converting each part, and keeps parentheses whole', () => {
    const convert = converting('lists:\n  certifications: ","\n  jobN_categories: "|"\nvalues:\n  certifications: { Sec+: CompTIA Security+ }');
    const row = read({ id: 'A', certifications: 'CCNA (2016-03, renewed), Sec+ ,, PMP (2019-01 to 2025-01)', job1title: 'E', job1start: '2015-01', job1categories: 'IT Infrastructure | Project Management' }, convert);
    expect(row.profile.certifications).toEqual([{ name: 'CCNA (2016-03, renewed)' }, { name: 'CompTIA Security+' }, { name: 'PMP', issued: '2019-01', expires: '2025-01' }]);
    expect(row.profile.experience).toMatchObject([{ categories: ['it-infrastructure', 'project-management'] }]);
    // Without a map the separator stays `;`, so a comma is part of a name.
    expect(readApplicant({ id: 'A', certifications: 'CCNA, Security+' }, 2, shape).profile.certifications).toEqual([{ name: 'CCNA, Security+' }]);
  });

  it('reads a self-reported answer as experience of value × months ending now, marked self-reported, naming its column in errors', () => {
    const header = readHeader(['Candidate ID', 'Years of IT experience'], { convert: converting('selfReported:\n  Years of IT experience: { months: 12, categories: [information-technology] }') });
    const row = (answer: string) => readApplicant({ id: 'A', 'selfreported:yearsofitexperience': answer }, 3, header);
    expect(row('5').profile.experience).toEqual([{ title: 'Self-reported: Years of IT experience', start: '2021-01', end: 'present', categories: ['information-technology'], capacities: [], selfReported: true }]);
    expect(row('2.5+').profile.experience).toMatchObject([{ start: '2023-07' }]);
    expect(row('0').profile.experience).toEqual([]);
    expect(row('').profile.experience).toEqual([]);
    expect(row('lots').issues).toEqual([{ path: 'Years of IT experience', message: '"lots" is not a number (each one counts as 12 months of self-reported experience)' }]);
    expect(row('200').issues).toEqual([{ path: 'Years of IT experience', message: '"200" is more than 100 years' }]);
    const answered = row('5');
    expect(columnOf('experience[0].categories[0]', answered.jobs, answered.degrees, answered.line, answered)).toBe('Years of IT experience');
  });

  it('takes a screening answer repeated on every row of an applicant in the long layout once', () => {
    const header = readHeader(['id', 'job_title', 'job_start', 'IT years'], { convert: converting('selfReported:\n  IT years: { months: 12, categories: [information-technology] }') });
    const rows = [['2015-01', 'A'], ['2018-01', 'B']].map(([start, title], i) => readApplicant({ id: 'L', job1title: title, job1start: start, 'selfreported:ityears': '5' }, i + 2, header));
    const merged = mergeApplicants(rows);
    expect((merged.profile.experience as Array<{ title: string }>).map((j) => j.title)).toEqual(['A', 'Self-reported: IT years', 'B']);
    expect(merged.jobs).toEqual([{ n: 1, line: 2 }, { n: 0, line: 2, column: 'IT years' }, { n: 1, line: 3 }]);
    expect(rows[1]!.profile.experience).toHaveLength(2);
  });

  it('reads a row as before when no map is given', () => {
    expect(readApplicant({ id: 'A', job1title: 'E', job1start: '2015-01' }, 2, { ...shape, convert: NO_CONVERSIONS }).profile).toEqual(readApplicant({ id: 'A', job1title: 'E', job1start: '2015-01' }, 2, shape).profile);
  });
});
