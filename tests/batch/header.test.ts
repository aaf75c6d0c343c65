import { describe, expect, it } from 'vitest';
import { refused } from '../helpers/refused.ts';
import { readHeader } from '../../src/batch/header.ts';
import { NO_CONVERSIONS } from '../../src/batch/map.ts';

describe('reading the header row', () => {
  it('reads names loosely and numbers the jobs and degrees it finds', () => {
    const header = readHeader(['ID', 'Job 1 Title', 'JOB-3 START', 'degree_2_level', 'Certifications']);
    expect(header.keys).toEqual(['id', 'job1title', 'job3start', 'degree2level', 'certifications']);
    expect([header.jobs, header.degrees]).toEqual([[1, 3], [2]]);
  });

  it('reads an unnumbered job or degree column as the first', () => {
    expect(readHeader(['id', 'Job Title', 'Degree Level']).keys).toEqual(['id', 'job1title', 'degree1level']);
  });

  it('lists the columns it does not read, so that a misspelt one is noticed', () => {
    const header = readHeader(['id', 'name', 'Phone', 'job1_strat', '']);
    expect(header.keys).toEqual(['id', 'name', null, null, null]);
    expect(header.ignored).toEqual(['Phone', 'job1_strat']);
  });

  it('renames columns with a map whose names are matched as loosely as headers', () => {
    const header = readHeader(['Applicant Number', 'POSITION'], { map: { 'applicant number': 'id', Position: 'Job 1 Title' } });
    expect(header.keys).toEqual(['id', 'job1title']);
  });

  it('refuses a map onto a column qualify does not read', () => {
    expect(refused(() => readHeader(['id', 'Position'], { map: { Position: 'job1_titel' } })).message).toBe('the column map renames "Position" to "job1_titel", which is not a column qualify reads');
  });

  it('refuses a header without an id column', () => {
    expect(refused(() => readHeader(['name', 'job1_title']))).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE', issues: [{ path: 'id' }] });
  });

  it('refuses two columns that name the same field, rather than drop one of them', () => {
    expect(refused(() => readHeader(['id', 'Job 1 Title', 'job1_title'])).message).toBe('the columns "Job 1 Title" and "job1_title" name the same field; drop or rename one');
  });

  it('reads the group-by column, and refuses one that is not there', () => {
    expect(readHeader(['id', 'Self-ID Group'], { groupBy: 'self_id_group' })).toMatchObject({ keys: ['id', 'selfidgroup'], groupBy: 'selfidgroup', ignored: [] });
    expect(refused(() => readHeader(['id'], { groupBy: 'race' }))).toMatchObject({ code: 'QUAL_ERR_INVALID_OPTION' });
  });

  it('reads the numbered credit, degree credit, capacity and training columns loosely, and numbers them', () => {
    const header = readHeader(['id', 'Credit 1 Hours', 'CREDIT_2_SYSTEM', 'credit2-field', 'Degree 1 Credits', 'Job 2 Capacities', 'Training 1 Name', 'training_3_hours', 'Training3 Completed']);
    expect(header.keys).toEqual(['id', 'credit1hours', 'credit2system', 'credit2field', 'degree1credits', 'job2capacities', 'training1name', 'training3hours', 'training3completed']);
    expect(header).toMatchObject({ jobs: [2], degrees: [1], credits: [1, 2], trainings: [1, 3], ignored: [] });
  });

  it('reads unnumbered credit and training columns as the first, so old files read as before', () => {
    const header = readHeader(['id', 'credit_hours', 'Credit System', 'credit_field', 'Training Name', 'training_hours']);
    expect(header.keys).toEqual(['id', 'credit1hours', 'credit1system', 'credit1field', 'training1name', 'training1hours']);
    expect([header.credits, header.trainings]).toEqual([[1], [1]]);
  });

  it('lists misspelt new columns as not read', () => {
    const header = readHeader(['id', 'credit2_hour', 'degree1_credit', 'job1_capacity', 'training1_title', 'Credits']);
    expect(header.ignored).toEqual(['credit2_hour', 'degree1_credit', 'job1_capacity', 'training1_title', 'Credits']);
    expect([header.credits, header.trainings]).toEqual([[], []]);
  });

  it('refuses an unnumbered and a first credit column together, rather than drop one of them', () => {
    expect(refused(() => readHeader(['id', 'credit_hours', 'Credit 1 Hours'])).message).toBe('the columns "credit_hours" and "Credit 1 Hours" name the same field; drop or rename one');
  });

  it('reads Applicant ID, Candidate ID and Applicant Number as id without a map', () => {
    for (const name of ['Applicant ID', 'Candidate ID', 'applicant_number']) expect(readHeader([name, 'job1_title']).keys).toEqual(['id', 'job1title']);
    expect(refused(() => readHeader(['Candidate ID', 'id'])).message).toBe('the columns "Candidate ID" and "id" name the same field; drop or rename one');
  });

  it('stops at columns that are neither known, mapped nor ignored, naming each with its nearest known columns in one error', () => {
    const error = refused(() => readHeader(['Candidate ID', 'Job 1 Supervisory (Y/N)', 'Certs', 'Race/Ethnicity', 'Job 2 Strat'], { unknown: 'refuse' }));
    expect(error.code).toBe('QUAL_ERR_UNREADABLE_FILE');
    expect(error.message.split('\n')).toEqual([
      'the CSV has 4 columns qualify does not know, and nothing says to ignore them:',
      '  "Job 1 Supervisory (Y/N)": nearest: job1_supervisory, job1_categories',
      '  "Certs": nearest: certifications, statement, job1_categories',
      '  "Race/Ethnicity": no known column is near; self-identification is never read for scoring: ignore it, and --group-by it for the report',
      '  "Job 2 Strat": nearest: job2_start, job2_title, job2_end',
      'map each onto a column (--map FILE; docs/csv.md lists the columns) or ignore it (--ignore NAME,…, or the map\'s ignore: list); `qualify map --suggest FILE.csv` writes a starting map',
    ]);
    expect(error.issues.map((i) => i.path)).toEqual(['Job 1 Supervisory (Y/N)', 'Certs', 'Race/Ethnicity', 'Job 2 Strat']);
  });

  it('says what to do with a screening answer in years among the unknown columns', () => {
    const error = refused(() => readHeader(['id', 'Years of IT Experience'], { unknown: 'refuse' }));
    expect(error.message).toContain('"Years of IT Experience": ');
    expect(error.message).toContain("a screening answer in years: read it as self-reported experience with a map's selfReported: (docs/csv.md), or ignore it");
  });

  it('names unknown columns before a missing id, which one of them may be meant as', () => {
    expect(refused(() => readHeader(['Applicant Key', 'job1_title'], { unknown: 'refuse' })).message).toMatch(/^the CSV has a column qualify does not know, and nothing says to ignore it:\n  "Applicant Key": /);
  });

  it('reads past columns ignored as asked, matched loosely, and lists them as ignored', () => {
    const header = readHeader(['id', 'Race/Ethnicity', 'Phone', 'statement'], { unknown: 'refuse', ignore: ['race ethnicity', 'PHONE', 'Statement'] });
    expect(header.keys).toEqual(['id', null, null, null]);
    expect(header.ignored).toEqual(['Race/Ethnicity', 'Phone', 'statement']);
  });

  it('counts the group-by column as used, and the generated self_id_group column as known', () => {
    expect(readHeader(['id', 'Race/Ethnicity'], { unknown: 'refuse', groupBy: 'Race/Ethnicity' }).used).toEqual([{ column: 'id', as: 'id' }, { column: 'Race/Ethnicity', as: 'group (--group-by)' }]);
    expect(readHeader(['id', 'self_id_group'], { unknown: 'refuse' }).keys).toEqual(['id', 'selfidgroup']);
    // Ignored for scoring, as a suggested map lists it, and still grouped by.
    expect(readHeader(['id', 'Race/Ethnicity'], { unknown: 'refuse', ignore: ['Race/Ethnicity'], groupBy: 'race ethnicity' })).toMatchObject({ keys: ['id', 'raceethnicity'], ignored: [] });
  });

  it('returns each column used and what it is read as', () => {
    const header = readHeader(['Candidate ID', 'Highest Degree', 'Job Title', 'Phone', 'Years of IT experience'], {
      unknown: 'refuse', map: { 'Highest Degree': 'degree1_level' }, ignore: ['Phone'],
      convert: { ...NO_CONVERSIONS, selfReported: { yearsofitexperience: { months: 12, categories: ['information-technology'] } } },
    });
    expect(header.used).toEqual([
      { column: 'Candidate ID', as: 'id' },
      { column: 'Highest Degree', as: 'degree1_level' },
      { column: 'Job Title', as: 'job1_title' },
      { column: 'Years of IT experience', as: 'self-reported experience (selfReported:)' },
    ]);
    expect(header.selfReported).toEqual([{ key: 'selfreported:yearsofitexperience', question: 'Years of IT experience', months: 12, categories: ['information-technology'] }]);
    expect(header.columns[4]).toBe('Years of IT experience');
  });

  it('maps onto the new columns, and groups by a column whose name starts like one', () => {
    expect(readHeader(['id', 'Bootcamp'], { map: { bootcamp: 'training_name' } }).keys).toEqual(['id', 'training1name']);
    expect(readHeader(['id', 'Training Group'], { groupBy: 'training group' })).toMatchObject({ keys: ['id', 'traininggroup'], groupBy: 'traininggroup' });
  });
});
