import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { refused } from '../helpers/refused.ts';
import { convertDate, guessDates, loadMap, parseMap, suggestMap } from '../../src/batch/map.ts';
import { projectRoot } from '../../src/paths.ts';

const EXPORTS = join(projectRoot, 'tests/fixtures/exports');

describe('a map file', () => {
  it('loads an old map with only columns:, as before', () => {
    expect(parseMap('columns:\n  Applicant Number: id\n  Position: job1_title\n', 'old.yaml')).toEqual({
      columns: { 'Applicant Number': 'id', Position: 'job1_title' },
      ignore: [],
      convert: { present: ['present', 'current'], yes: [], no: [], values: {}, lists: {}, selfReported: {} },
    });
  });

  it('loads the full shape of docs/csv.md: the realistic export\'s map', () => {
    const map = loadMap(join(EXPORTS, 'ats-export.map.yaml'), { categories: ['information-technology', 'it-infrastructure'] });
    expect(map.columns).toMatchObject({ 'Highest Degree': 'degree1_level', Major: 'degree1_field', Certs: 'certifications', 'Job 1 Start Date': 'job1_start' });
    expect(map.ignore).toEqual(['First Name', 'Last Name', 'Phone', 'Race/Ethnicity']);
    expect(map.convert).toEqual({
      dates: 'MM/DD/YYYY',
      present: ['Current', 'Present', 'Now', ''],
      yes: ['Y', 'Yes', 'X'],
      no: ['N', 'No'],
      values: { 'degree#level': { hs: 'high-school' } },
      lists: { certifications: ',' },
      selfReported: { yearsofitexperience: { months: 12, categories: ['information-technology'] }, yearsofinfrastructureexperience: { months: 12, categories: ['it-infrastructure'] } },
    });
  });

  it('reads YAML words such as Y, N and an empty string as words, and category names as ids', () => {
    const map = parseMap('yes: [Y, X, 1]\nno: [N, ~]\nselfReported:\n  IT years: { months: 12, categories: [Information Technology] }\n', 'm.yaml');
    expect(map.convert).toMatchObject({ yes: ['Y', 'X', '1'], no: ['N'], selfReported: { ityears: { categories: ['information-technology'] } } });
  });

  it('names the file and the key of a value of the wrong shape', () => {
    expect(refused(() => parseMap('columns: {a: id}\ndates: MM-DD-YY\n', 'm.yaml')).message).toBe('m.yaml: dates: must be one of MM/DD/YYYY, DD/MM/YYYY, YYYY-MM-DD, "Mon YYYY" or excel');
    expect(refused(() => parseMap('colums: {a: id}\n', 'm.yaml')).message).toBe('m.yaml: colums: not a key of a map file (did you mean columns?); the keys are columns, ignore, dates, present, yes, no, values, lists, selfReported (docs/csv.md)');
    expect(refused(() => parseMap('columns: [1, 2]\n', 'm.yaml')).message).toBe('m.yaml: columns: must map their headers to our columns, as in columns: {Candidate ID: id}');
    expect(refused(() => parseMap('selfReported:\n  IT years: { months: 12, categories: [] }\n', 'm.yaml')).message).toBe('m.yaml: selfReported.IT years.categories: must name at least one category');
    expect(refused(() => parseMap('lists:\n  certifications: ""\n', 'm.yaml'))).toMatchObject({ code: 'QUAL_ERR_INVALID_OPTION', message: 'm.yaml: lists.certifications: must be the separator, as in certifications: ","' });
  });

  it('names the file and the key of every column, list, value table or category that is not ours, with the nearest columns', () => {
    const error = refused(() => parseMap([
      'columns: { Position: job1_titel, Phone: id }',
      'ignore: [Phone]',
      'lists: { job1_title: "," }',
      'values: { degree1_levl: { BS: bachelor } }',
      'selfReported: { IT years: { months: 12, categories: [it] } }',
      'yes: [Y]',
      'no: [y]',
    ].join('\n'), 'm.yaml', { categories: ['information-technology'] }));
    expect(error.message.split('\n')).toEqual([
      'm.yaml: columns.Position: "job1_titel" is not a column qualify reads (nearest: job1_title, job1_end, job1_start)',
      'm.yaml: ignore: "Phone" is also in columns:; a column is either read or ignored',
      'm.yaml: selfReported.IT years.categories: "it" is not a known category; known: information-technology',
      'm.yaml: values.degree1_levl: not a column qualify reads, nor a selfReported: question (nearest: degree1_level, degree1_evaluated, degree1_field)',
      'm.yaml: lists.job1_title: not a column that holds a list; lists: splits certifications, jobN_categories, jobN_capacities, degreeN_credits',
      'm.yaml: no: "y" is also in yes:',
    ]);
  });

  it('accepts the --group-by column as a target of columns:', () => {
    expect(parseMap('columns: { Race/Ethnicity: group }\n', 'm.yaml', { groupBy: 'group' }).columns).toEqual({ 'Race/Ethnicity': 'group' });
  });

  it('refuses an empty map, and one that is not YAML, naming the file', () => {
    expect(refused(() => parseMap('# nothing yet\n', 'm.yaml')).message).toMatch(/^m\.yaml: the map is empty/);
    expect(refused(() => parseMap('columns: {a: id\n', 'm.yaml'))).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE', message: expect.stringMatching(/^cannot read the column map m\.yaml: /) });
    expect(refused(() => loadMap('/nonexistent/map.yaml')).message).toBe('cannot read the column map /nonexistent/map.yaml: no such file or folder');
  });
});

describe('converting dates', () => {
  it('reads each date form into YYYY-MM-DD, or YYYY-MM when it names no day', () => {
    expect(convertDate('06/01/2024', 'MM/DD/YYYY')).toBe('2024-06-01');
    expect(convertDate('6/1/2024', 'MM/DD/YYYY')).toBe('2024-06-01');
    expect(convertDate('06/2024', 'MM/DD/YYYY')).toBe('2024-06');
    expect(convertDate('01/06/2024', 'DD/MM/YYYY')).toBe('2024-06-01');
    expect(convertDate('01.06.2024', 'DD/MM/YYYY')).toBe('2024-06-01');
    expect(convertDate('2024/6/1', 'YYYY-MM-DD')).toBe('2024-06-01');
    expect(convertDate('Jun 2024', 'Mon YYYY')).toBe('2024-06');
    expect(convertDate('June 2024', 'Mon YYYY')).toBe('2024-06');
    expect(convertDate('Sept. 2024', 'Mon YYYY')).toBe('2024-09');
    expect(convertDate('45444', 'excel')).toBe('2024-06-01');
    expect(convertDate('45444.75', 'excel')).toBe('2024-06-01');
  });

  it('passes dates already in YYYY-MM-DD, YYYY-MM or YYYY, whatever the form', () => {
    expect(['2024-06-01', '2024-06', '2024'].map((d) => convertDate(d, 'MM/DD/YYYY'))).toEqual(['2024-06-01', '2024-06', '2024']);
  });

  it('converts nothing that is not a real date in the form', () => {
    expect(convertDate('13/01/2024', 'MM/DD/YYYY')).toBeNull();
    expect(convertDate('02/30/2024', 'MM/DD/YYYY')).toBeNull();
    expect(convertDate('Juno 2024', 'Mon YYYY')).toBeNull();
    expect(convertDate('Ma 2024', 'Mon YYYY')).toBeNull();
    expect(convertDate('60', 'excel')).toBeNull();
    expect(convertDate('Current', 'excel')).toBeNull();
  });

  it('guesses the form from a few values, saying when it cannot be sure', () => {
    expect(guessDates(['06/01/2024', '03/15/2019'])).toMatchObject({ format: 'MM/DD/YYYY', note: expect.stringContaining('a second number above 12') });
    expect(guessDates(['15/03/2019'])).toMatchObject({ format: 'DD/MM/YYYY' });
    expect(guessDates(['06/01/2024'])).toMatchObject({ format: 'MM/DD/YYYY', note: expect.stringContaining('may be DD/MM/YYYY: check') });
    expect(guessDates(['Jun 2024', 'Mar 2019'])).toMatchObject({ format: 'Mon YYYY' });
    expect(guessDates(['45444', '43000'])).toMatchObject({ format: 'excel' });
    expect(guessDates(['2024-06-01'])).toMatchObject({ format: 'YYYY-MM-DD' });
    expect(guessDates(['n/a'])).toBeNull();
  });
});

describe('suggesting a map', () => {
  const [names, ...rows] = parse(readFileSync(join(EXPORTS, 'ats-export.csv'), 'utf8')) as string[][];

  it('writes a map for the realistic export that loads back, telling the user to check it', () => {
    const text = suggestMap('ats-export.csv', names!, rows);
    expect(text).toMatch(/^# Column map for ats-export\.csv, suggested by `qualify map --suggest`/);
    expect(text).toContain('CHECK EVERY LINE BEFORE SCORING WITH IT');
    const map = parseMap(text, 'suggested.yaml');
    expect(map.columns).toEqual({
      'Highest Degree': 'degree1_level', Major: 'degree1_field', 'Graduation Date': 'degree1_completed', Certs: 'certifications',
      'Job 1 Start Date': 'job1_start', 'Job 1 End Date': 'job1_end', 'Job 1 Supervisory (Y/N)': 'job1_supervisory', 'Job 1 Duties': 'job1_description',
      'Job 2 Start Date': 'job2_start', 'Job 2 End Date': 'job2_end', 'Job 2 Supervisory (Y/N)': 'job2_supervisory', 'Job 2 Duties': 'job2_description',
    });
    expect(map.ignore).toEqual(['Race/Ethnicity', 'First Name', 'Last Name', 'Phone']);
    expect(map.convert).toMatchObject({ dates: 'MM/DD/YYYY', present: ['Current', 'Present', 'Now'], lists: { certifications: ',' } });
  });

  it('puts self-identification columns under ignore:, suggesting --group-by for the report', () => {
    const text = suggestMap('x.csv', ['id', 'Gender', 'Veteran Status'], []);
    expect(text).toContain('score with --group-by "Gender" --report report.html');
    expect(parseMap(text, 'x.yaml').ignore).toEqual(['Gender', 'Veteran Status']);
  });

  it('leaves a column it is not sure of commented out, listing the candidates, and the screening answers as a selfReported: example', () => {
    const text = suggestMap('x.csv', ['Applicant ID', 'Certifications/Licenses', 'Years of network experience'], [['A-1', 'CCNA', '5']]);
    expect(text).toContain('  # Certifications/Licenses: ?   # not sure; nearest: certifications. Map it onto one of ours, or add it to ignore:');
    expect(text).toContain('#   Years of network experience: { months: 12, categories: [it-infrastructure] }');
    expect(text).toContain('# Read as they are, without a line here: Applicant ID (as id).');
    expect(parseMap(text, 'x.yaml').columns).toEqual({});
  });

  it('maps the "current" or "most recent" job of a one-job export onto job 1', () => {
    const map = parseMap(suggestMap('x.csv', ['id', 'Current Title', 'Most Recent Employer', 'Latest Start Date'], []), 'x.yaml');
    expect(map.columns).toEqual({ 'Current Title': 'job1_title', 'Most Recent Employer': 'job1_employer', 'Latest Start Date': 'job1_start' });
  });

  it('never maps two headers onto one column', () => {
    const map = parseMap(suggestMap('x.csv', ['id', 'Job 1 Start Date', 'Job 1 Start'], []), 'x.yaml');
    expect(map.columns).toEqual({ 'Job 1 Start Date': 'job1_start' });
  });
});
