import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { extractResume } from '../../src/text/resume.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { matchCertification, parseDegree, matchField } = bundledVocabulary();

type ExpectedCertification = string | { id: string; issued?: string; expires?: string };
interface Labelled {
  id: string;
  split: 'tune' | 'heldout';
  text: string;
  expect: {
    jobs: Array<{ title: string; employer: string; start: string; end: string; hoursPerWeek?: number }>;
    degrees: Array<{ level: string; field?: string }>;
    certifications: ExpectedCertification[];
  };
}
const dir = `${projectRoot}/tests/fixtures/resumes`;
/** resumes.yaml first (its figures are recorded in the folder's README), then the later sets. */
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort((a, b) => Number(b === 'resumes.yaml') - Number(a === 'resumes.yaml'));
const corpus = files.map((file) => ({ file, resumes: parse(readFileSync(`${dir}/${file}`, 'utf8')) as Labelled[] }));
const resumes = corpus.flatMap((c) => c.resumes);
const norm = (s: unknown) => String(s ?? '').trim().toLowerCase();
const corpusLines = resumes.flatMap((r) => r.text.split('\n'));
const fieldOf = (text: string | undefined) => (text ? (matchField(text).field ?? text) : undefined);

/** Field-level agreement: each expected job title, employer, start and end, each degree level and
 * field, each certification and the dates it is labelled with, is one field; extra extracted
 * entries count as misses too. */
function score(r: Labelled): { right: number; total: number; misses: string[] } {
  const { profile } = extractResume(r.text, bundledVocabulary());
  const jobs = profile.experience as Array<Record<string, string | number>>;
  const degrees = profile.education as Array<Record<string, string>>;
  const certs = profile.certifications as Array<Record<string, string>>;
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  const check = (what: string, expected: unknown, got: unknown) => {
    total += 1;
    if (norm(expected) === norm(got)) right += 1;
    else misses.push(`${r.id} ${what}: expected "${String(expected ?? '')}", got "${String(got ?? '')}"`);
  };
  r.expect.jobs.forEach((e, i) => {
    (['title', 'employer', 'start', 'end'] as const).forEach((k) => check(`job${i + 1}.${k}`, e[k], jobs[i]?.[k]));
    if (e.hoursPerWeek !== undefined) check(`job${i + 1}.hoursPerWeek`, e.hoursPerWeek, jobs[i]?.hoursPerWeek);
  });
  r.expect.degrees.forEach((e, i) => {
    check(`degree${i + 1}.level`, e.level, degrees[i] ? parseDegree(degrees[i]!.level!).level : undefined);
    check(`degree${i + 1}.field`, fieldOf(e.field), fieldOf(degrees[i]?.field));
  });
  r.expect.certifications.forEach((label, i) => {
    const e = typeof label === 'string' ? { id: label } : label;
    const got = certs[i];
    check(`cert${i + 1}`, e.id, got ? (matchCertification(got.name!)?.id ?? 'unrecognised') : undefined);
    if (typeof label !== 'string') for (const k of ['issued', 'expires'] as const) check(`cert${i + 1}.${k}`, e[k], got?.[k]);
  });
  for (const [what, extra] of [['jobs', jobs.length - r.expect.jobs.length], ['degrees', degrees.length - r.expect.degrees.length], ['certifications', certs.length - r.expect.certifications.length]] as const) {
    if (extra > 0) {
      total += extra;
      misses.push(`${r.id}: ${extra} extra ${what}`);
    }
  }
  return { right, total, misses };
}

function measure(set: readonly Labelled[]) {
  const results = set.map(score);
  const right = results.reduce((s, r) => s + r.right, 0);
  const total = results.reduce((s, r) => s + r.total, 0);
  return { right, total, share: right / total, misses: results.flatMap((r) => r.misses) };
}

describe('reading pasted résumés', () => {
  it('has a corpus of at least 30 labelled résumés', () => {
    expect(resumes.length).toBeGreaterThanOrEqual(30);
  });

  it('extracts at least 90% of the fields of the held-out résumés, in each set', () => {
    for (const { file, resumes: set } of corpus) {
      const heldout = set.filter((r) => r.split === 'heldout');
      const m = measure(heldout);
      console.log(`résumé fields (${file}, held-out, ${heldout.length} résumés): ${m.right}/${m.total} = ${(100 * m.share).toFixed(1)}%\n  ${m.misses.join('\n  ')}`);
      expect(m.share).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('produces profiles the engine accepts, every entry marked as extracted', () => {
    for (const r of resumes) {
      const { profile } = extractResume(r.text, bundledVocabulary());
      expect(() => normaliseProfile(profile, bundledVocabulary()), r.id).not.toThrow();
      for (const list of [profile.experience, profile.education, profile.certifications] as Array<Array<{ extracted: boolean }>>) {
        for (const entry of list) expect(entry.extracted).toBe(true);
      }
    }
  });

  it('lists what it could not read instead of guessing', () => {
    const { unread, profile } = extractResume('EXPERIENCE\nDid many great things\nEDUCATION\nSchool of life\nCERTIFICATIONS\nCertified Forklift Operator', bundledVocabulary());
    expect(profile.experience).toEqual([]);
    expect(unread.map((u) => u.why)).toEqual(expect.arrayContaining(['no degree level recognised', 'certification not in the catalogue: kept, to confirm']));
  });
});

describe('jobs', () => {
  it('reads a title above an employer and its state above the dates, the state naming neither', () => {
    const { profile, unread } = extractResume('EXPERIENCE\nIT Manager\nCity of Springfield, IL\n2019 – Current\n• Led a team of 6\n\nSystems Administrator, Shelby County, TN, 2014 - 2019', bundledVocabulary());
    expect((profile.experience as Array<{ title: string; employer: string }>).map((j) => [j.title, j.employer])).toEqual([['IT Manager', 'City of Springfield'], ['Systems Administrator', 'Shelby County']]);
    expect(unread).toEqual([]);
  });

  it('reads the employer on the line under a title and its dates, but not a duty written without a bullet', () => {
    const text = 'EXPERIENCE\nNetwork Administrator        2015 – 2021\nCity of Austin, Austin, TX\n• Managed 40 sites\n\nAnalyst, 2012 – 2015\nKept the help desk running\nTrained staff\n• Wrote the runbook';
    const jobs = extractResume(text, bundledVocabulary()).profile.experience as Array<{ title: string; employer?: string; description?: string }>;
    expect(jobs.map((j) => [j.title, j.employer, j.description])).toEqual([
      ['Network Administrator', 'City of Austin', 'Managed 40 sites'],
      // Duties in the order written, lines without a bullet and bullets alike.
      ['Analyst', undefined, 'Kept the help desk running\nTrained staff\nWrote the runbook'],
    ]);
    // Written in the profile's order, the employer read from below after the title.
    expect(Object.keys(JSON.parse(JSON.stringify(jobs[0])) as object)).toEqual(['title', 'employer', 'start', 'end', 'extracted', 'description']);
  });

  it('reads a job as LinkedIn writes it: where it was, under the dates, is neither a name nor a duty', () => {
    const text = 'Experience\nCloud Engineer\nContoso · Full-time\nJan 2020 - Present · 5 yrs 11 mos\nSeattle, Washington, United States · Hybrid\n- Built Azure landing zones';
    expect(extractResume(text, bundledVocabulary()).profile.experience).toEqual([
      { title: 'Cloud Engineer', employer: 'Contoso', start: '2020-01', end: 'present', extracted: true, description: 'Built Azure landing zones' },
    ]);
  });

  it('reads jobs and a degree as Indeed writes them: the employer with " - City, ST" under the title, years with "to"', () => {
    const text = 'Work Experience\n\nIT Specialist\nDepartment of Veterans Affairs - Austin, TX\nOctober 2017 to Present\nMaintained servers.\n\nComputer Support Technician\nDell Technologies - Round Rock, TX\nMay 2013 to September 2017\n\nEducation\n\nAssociate in Network Administration\n2011 to 2013';
    const { profile } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<{ title: string; employer: string; description?: string }>).map((j) => [j.title, j.employer, j.description])).toEqual([
      ['IT Specialist', 'Department of Veterans Affairs', 'Maintained servers.'],
      ['Computer Support Technician', 'Dell Technologies', undefined],
    ]);
    expect(profile.education).toEqual([expect.objectContaining({ level: 'Associate', field: 'Network Administration', completed: '2013' })]);
  });

  it('reads an employer with its dates over the title, but not a duty written without a bullet as a title', () => {
    const text = 'EMPLOYMENT\nMetro Transit Authority (2018 – present)\nNetwork Operations Lead\n• Ran the NOC\n\nCity of Dallas, 2014–2018\nKept the help desk running.';
    const jobs = extractResume(text, bundledVocabulary()).profile.experience as Array<{ title: string; employer: string; description?: string }>;
    expect(jobs.map((j) => [j.title, j.employer, j.description])).toEqual([
      ['Network Operations Lead', 'Metro Transit Authority', 'Ran the NOC'],
      ['City of Dallas', undefined, 'Kept the help desk running.'],
    ]);
  });

  it('reads an employer with its city above a title above the dates, each line naming one', () => {
    const { profile } = extractResume('Experience\nACME Corporation, Austin, TX\nSenior Systems Engineer\n01/2018 - 12/2022', bundledVocabulary());
    expect(profile.experience).toEqual([expect.objectContaining({ title: 'Senior Systems Engineer', employer: 'ACME Corporation', start: '2018-01', end: '2022-12' })]);
  });

  it('lists a date range that ends before it starts as unread instead of writing a job the profile refuses', () => {
    const { profile, unread } = extractResume('EXPERIENCE\nEngineer, Acme, 2020 - 2018\n- Did things', bundledVocabulary());
    expect(profile.experience).toEqual([]);
    expect(unread.map((u) => u.why)).toEqual(['a date range that ends before it starts: not read', 'not part of a job with dates']);
  });
});

describe('headings and degrees written on one line', () => {
  it('reads a heading before what it heads on its line, but keeps "Skills: …" under a job in the job', () => {
    const text = ['EXPERIENCE', 'Network Engineer, Acme, 2016 - present', 'Skills: Cisco routing, firewalls', 'Analyst, Beta, 2012 - 2016', '', 'Education: B.S. in Computer Science, 2012', 'Certifications: CCNP, CompTIA Security+ (exp. 2027)'].join('\n');
    const { profile, unread } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<{ title: string; description?: string }>).map((j) => [j.title, j.description])).toEqual([['Network Engineer', 'Skills: Cisco routing, firewalls'], ['Analyst', undefined]]);
    expect(profile.education).toEqual([expect.objectContaining({ level: 'B.S.', field: 'Computer Science', completed: '2012' })]);
    expect((profile.certifications as Array<{ name: string }>).map((c) => c.name)).toEqual(['CCNP', 'CompTIA Security+']);
    expect(unread).toEqual([]);
  });

  it('reads a degree as LinkedIn writes it: the level again, abbreviated, before the field, and the years on the line under it', () => {
    const { profile } = extractResume('Education\nUniversity of Washington\nBachelor of Science - BS, Informatics\n2012 - 2016', bundledVocabulary());
    expect(profile.education).toEqual([{ level: 'Bachelor of Science', field: 'Informatics', completed: '2016', extracted: true }]);
  });

  it('reads a job as USAJOBS writes it: the employer and where above the dates, labelled lines, then the title', () => {
    const text = [
      'Work Experience', 'Internal Revenue Service', 'Ogden, UT United States', '11/2018 - Present', 'Salary: 84,000 USD Per Year', 'Hours per week: 20',
      'IT Specialist', 'Duties, Accomplishments and Related Skills:', 'Administer Linux servers.',
      '', 'Social Security Administration - Baltimore, MD', '06/2012 - 10/2018', 'Hours per week: 40', 'Job Title: IT Project Manager', 'Led a team of 8.',
    ].join('\n');
    const { profile, unread } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<Record<string, unknown>>).map((j) => [j.title, j.employer, j.start, j.end, j.hoursPerWeek, j.description])).toEqual([
      ['IT Specialist', 'Internal Revenue Service', '2018-11', 'present', 20, 'Administer Linux servers.'],
      ['IT Project Manager', 'Social Security Administration', '2012-06', '2018-10', 40, 'Led a team of 8.'],
    ]);
    // Read or set aside, never a duty: the salary is listed as unread.
    expect(unread.map((u) => [u.line, u.why])).toEqual([[5, 'a detail of the job that is not used']]);
  });

  it('reads an application form\'s labelled jobs: a title or employer after a job\'s duties names the next job', () => {
    const text = [
      'Work History', 'Job Title: Systems Analyst II', 'Employer: Texas Health and Human Services Commission', 'Dates: 01/2018 - Present', 'Hours per week: 40', 'Duties: Maintain Oracle databases.',
      'Job Title: Help Desk Technician', 'Employer: Austin Independent School District', 'From: 08/2014 To: 12/2017', 'Duties: Answered tickets.',
    ].join('\n');
    const { profile, unread } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<Record<string, unknown>>).map((j) => [j.title, j.employer, j.start, j.end, j.hoursPerWeek, j.description])).toEqual([
      ['Systems Analyst II', 'Texas Health and Human Services Commission', '2018-01', 'present', 40, 'Maintain Oracle databases.'],
      ['Help Desk Technician', 'Austin Independent School District', '2014-08', '2017-12', undefined, 'Answered tickets.'],
    ]);
    expect(unread).toEqual([]);
    // Labelled lines after a title for the next job, before its dates, are that job's.
    const before = extractResume('Work History\nJob Title: Analyst\nEmployer: Acme\nDates: 2018 - 2020\nDuties: Wrote reports.\nJob Title: Clerk\nEmployer: Initech\nHours per week: 20\nDuties: Filed.\nDates: 2015 - 2017', bundledVocabulary()).profile.experience as Array<Record<string, unknown>>;
    expect(before.map((j) => [j.title, j.employer, j.start, j.hoursPerWeek, j.description])).toEqual([['Analyst', 'Acme', '2018', undefined, 'Wrote reports.'], ['Clerk', 'Initech', '2015', 20, 'Filed.']]);
    // People supervised are a duty in words, read for the capacity; none is nothing, and a reason for leaving is no duty.
    const supervised = (n: number) => (extractResume(`Work History\nJob Title: IT Lead\nDates: 2018 - 2020\nDuties: Ran the help desk.\nNumber of Employees Supervised: ${n}\nReason for Leaving: Moved`, bundledVocabulary()).profile.experience as Array<{ description?: string }>)[0]!.description;
    expect([supervised(5), supervised(1), supervised(0)]).toEqual(['Ran the help desk.\nSupervised 5 people.', 'Ran the help desk.\nSupervised 1 person.', 'Ran the help desk.']);
    // Dates that nothing names, by a line or a label, are listed in their place.
    const untitled = extractResume('EXPERIENCE\nFrom: 07/2019 To: Present\nHours per week: 40\n\nNetwork Engineer, Acme, 2015 - 2019\nBuilt networks.', bundledVocabulary()).unread;
    expect(untitled).toEqual([{ line: 2, text: 'From: 07/2019 To: Present', why: 'a date range without a job title' }]);
  });

  it('reads a federal résumé: hours and pay beside the dates, the grade and the agency\'s city and state naming nothing', () => {
    const text = [
      'EXPERIENCE', 'IT Specialist (Sysadmin), GS-2210-12', 'Department of Homeland Security, Washington, DC', '10/2019 – Present | 40 hours per week | $98,000 per year', '• Administer servers.',
      '', 'Supervisory IT Project Manager', 'GS-2210-14', 'Federal Aviation Administration, Oklahoma City, OK', 'January 2016 to September 2019', 'Managed 9 projects.',
      '', 'March 2014 – December 2015, Program Analyst (part-time, 24 hours per week)', 'Fairfax County Government, Fairfax, VA',
    ].join('\n');
    const { profile, unread } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<Record<string, unknown>>).map((j) => [j.title, j.employer, j.start, j.end, j.hoursPerWeek])).toEqual([
      ['IT Specialist (Sysadmin)', 'Department of Homeland Security', '2019-10', 'present', 40],
      ['Supervisory IT Project Manager', 'Federal Aviation Administration', '2016-01', '2019-09', undefined],
      ['Program Analyst', 'Fairfax County Government', '2014-03', '2015-12', 24],
    ]);
    expect(unread).toEqual([{ line: 8, text: 'GS-2210-14', why: 'a detail of the job that is not used' }]);
    // "Administration" names an agency at the end of a name, not in a role.
    const roles = extractResume('EXPERIENCE\nSystems Administration Lead, Acme, 2015 - 2020\nDirector of Administration, Initech, 2010 - 2014', bundledVocabulary()).profile.experience as Array<{ title: string; employer: string }>;
    expect(roles.map((j) => [j.title, j.employer])).toEqual([['Systems Administration Lead', 'Acme'], ['Director of Administration', 'Initech']]);
  });

  it('reads a job whose start and end dates are labelled on lines of their own, and lists a start date left without an end', () => {
    const text = 'Employment History\nPosition Title: Database Administrator\nAgency/Company: Washington State Department of Health\nStart Date: 04/2017\nEnd Date: Present\nHours Per Week: 30\n\nStart Date: 09/2013';
    const { profile, unread } = extractResume(text, bundledVocabulary());
    expect((profile.experience as Array<Record<string, unknown>>).map((j) => [j.title, j.employer, j.start, j.end, j.hoursPerWeek])).toEqual([['Database Administrator', 'Washington State Department of Health', '2017-04', 'present', 30]]);
    expect(unread).toEqual([{ line: 8, text: 'Start Date: 09/2013', why: 'a start date without an end date: not read' }]);
  });

  it('reads a degree, its month and year, and its major on the line under it, as application forms write them', () => {
    const text = 'EDUCATION\nBachelor\'s degree 12/2015\nMajor: Information Systems\nDegree: Associate Degree\nMajor: Networking\n\nCertificates and Licenses\nCertificate: ITIL Foundation';
    const { profile } = extractResume(text, bundledVocabulary());
    expect((profile.education as Array<Record<string, unknown>>).map((d) => [d.level, d.field, d.completed])).toEqual([["Bachelor's degree", 'Information Systems', '2015'], ['Associate Degree', 'Networking', undefined]]);
    expect((profile.certifications as Array<{ name: string }>).map((c) => c.name)).toEqual(['ITIL Foundation']);
  });

  it('reads a date after a degree as when it was completed, never as its field', () => {
    const degrees = extractResume('EDUCATION\nMBA 2018\nM.S. (May 2015)\nB.A. History 2009 - 2012', bundledVocabulary()).profile.education as Array<{ level: string; field?: string; completed?: string }>;
    expect(degrees.map((d) => [d.level, d.field, d.completed])).toEqual([['MBA', 'Business Administration', '2018'], ['M.S.', undefined, '2015'], ['B.A.', 'History', '2012']]);
  });
});

describe('every profile extraction writes passes the validation qualify check applies', () => {
  const valid = (text: string) => {
    const { profile } = extractResume(text, bundledVocabulary());
    expect(() => normaliseProfile(profile, bundledVocabulary()), text).not.toThrow();
    for (const c of profile.certifications as Array<{ name: string }>) expect(c.name).toMatch(/[\p{L}\p{N}]/u);
  };

  it('for résumés put together from lines of the corpus and certification lines with dates', () => {
    const date = fc.oneof(fc.integer({ min: 1900, max: 2099 }).map(String), fc.constantFrom('Jan 2020', '03/2016', '2016-03', '13/2016', '2016-13', 'present'));
    const certLine = fc.tuple(fc.constantFrom('CCNA', 'Security+', '(ISC)²', '', '-', 'Zorblax'), fc.constantFrom(', ', ' (', ' - ', ' exp. ', ', valid until ', ' issued '), date, fc.constantFrom('', ' - ', ' to '), fc.option(date), fc.constantFrom('', ')', ';', ', x'));
    const line = fc.oneof(fc.constantFrom(...corpusLines, 'EXPERIENCE', 'EDUCATION', 'CERTIFICATIONS', ''), certLine.map((parts) => parts.map((p) => p ?? '').join('')), fc.string({ maxLength: 40 }));
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), (lines) => valid(lines.join('\n'))), {
      numRuns: 300,
      // Once found: a level and a field run together in one written word ("mM&" reads as "mm and").
      examples: [[['EDUCATION', 'mM&']]],
    });
  });
});
