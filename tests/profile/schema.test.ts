import { describe, expect, it } from 'vitest';
import { QualifyError } from '../../src/errors.ts';
import { normaliseInput, normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';

/** The problems named for a profile, or a JSON Resume document. */
function issuesOf(input: unknown) {
  try {
    normaliseInput(input, bundledVocabulary());
  } catch (error) {
    if (error instanceof QualifyError) return error.issues;
    throw error;
  }
  return [];
}

describe('profile validation', () => {
  it('needs only an id', () => {
    expect(normaliseProfile({ id: 'x' }, bundledVocabulary()).jobs).toEqual([]);
    expect(issuesOf({})).toEqual([{ path: 'id', message: 'is required' }]);
    expect(issuesOf({ id: null })).toEqual([{ path: 'id', message: 'must be text or a number' }]);
  });

  it('names the field of an unparseable date', () => {
    expect(issuesOf({ id: 'x', experience: [{ start: '2019-13' }] })).toEqual([{ path: 'experience[0].start', message: 'must be a date YYYY-MM-DD, YYYY-MM or YYYY' }]);
    expect(issuesOf({ id: 'x', experience: [{ start: '2019-02-30' }] })[0]?.path).toBe('experience[0].start');
    // A value of the wrong type says what is expected, not only that it is wrong.
    expect(issuesOf({ id: 'x', experience: [{ start: true, end: false }] })).toEqual([
      { path: 'experience[0].start', message: 'must be a date YYYY-MM-DD, YYYY-MM or YYYY' },
      { path: 'experience[0].end', message: 'must be a date YYYY-MM-DD, YYYY-MM or YYYY, "present" or null' },
    ]);
    // One form of a field that takes several: the problem inside it is named, at its own field.
    expect(issuesOf({ id: 'x', collegeCredits: [{ hours: 3 }, { hours: '30' }] })).toEqual([{ path: 'collegeCredits[1].hours', message: 'must be a number, not text' }]);
    expect(issuesOf({ id: 'x', collegeCredits: { hours: -1 } })).toEqual([{ path: 'collegeCredits.hours', message: 'must be 0 or more' }]);
    expect(issuesOf({ id: 'x', collegeCredits: '30' })).toEqual([{ path: 'collegeCredits', message: 'must be a credit entry ({ "hours": …, "field": … }) or a list of them' }]);
  });

  it('rejects a job that ends before it starts, never swapping the dates', () => {
    expect(issuesOf({ id: 'x', experience: [{ start: '2020-03', end: '2019-01' }] })).toEqual([
      { path: 'experience[0].end', message: 'ends (2019-01) before it starts (2020-03)' },
    ]);
    expect(issuesOf({ id: 'x', experience: [{ start: '2016', end: '2015-06' }] })[0]?.path).toBe('experience[0].end');
    expect(issuesOf({ id: 'x', experience: [{ start: '2015-06', end: '2015' }] })).toEqual([]);
  });

  it('names a year beyond the safe integers, with or without the other date of the job', () => {
    const tooBig = { message: 'must be at most 9007199254740991' };
    expect(issuesOf({ id: 'x', experience: [{ start: 1e21 }] })).toEqual([{ path: 'experience[0].start', ...tooBig }]);
    expect(issuesOf({ id: 'x', experience: [{ start: 1e21, end: 2020 }] })).toEqual([{ path: 'experience[0].start', ...tooBig }]);
    expect(issuesOf({ id: 'x', experience: [{ start: 2020, end: 2 ** 53 }] })).toEqual([{ path: 'experience[0].end', message: expect.any(String) }]);
  });

  it('rejects hours per week at or below 0 and above 168', () => {
    expect(issuesOf({ id: 'x', experience: [{ start: '2020', hoursPerWeek: 0 }] })[0]?.path).toBe('experience[0].hoursPerWeek');
    expect(issuesOf({ id: 'x', experience: [{ start: '2020', hoursPerWeek: 169 }] })[0]?.path).toBe('experience[0].hoursPerWeek');
  });

  it('rejects an unknown experience category, and keeps a degree level it cannot read as unrecognised', () => {
    expect(issuesOf({ id: 'x', experience: [{ start: '2020', categories: ['plumbing'] }] })[0]?.path).toBe('experience[0].categories[0]');
    expect(issuesOf({ id: 'x', education: [{ level: 'Grand Wizard' }] })).toEqual([]);
  });

  it('reads degree levels the way people write them', () => {
    const levels = ['B.S.', 'BSc', 'Bachelor of Science', 'MBA', 'Ph.D.', 'AAS'].map((level) => normaliseProfile({ id: 'x', education: [{ level }] }, bundledVocabulary()).degrees[0]?.level);
    expect(levels).toEqual(['bachelor', 'bachelor', 'bachelor', 'master', 'doctorate', 'associate']);
  });

  it('treats a missing, null or "present" end as running to the as-of date', () => {
    const jobs = normaliseProfile({ id: 'x', experience: [{ start: '2020' }, { start: '2020', end: null }, { start: '2020', end: 'present' }] }, bundledVocabulary()).jobs;
    expect(jobs.map((j) => j.end)).toEqual([null, null, null]);
  });
});

describe('a JSON Resume document with errors', () => {
  it('names the fields the document wrote, in its own words and places', () => {
    const doc = {
      basics: { name: 'x'.repeat(301) },
      work: [{ position: 'Network Administrator', startDate: '2015-01', endDate: '2021-13' }, { title: 'Analyst', start: 'soon' }],
      education: [{ studyType: 'BS', area: 'Computer Science', endDate: 'in 2014' }],
      certificates: [{ name: 'CCNA', date: 'March' }],
    };
    expect(issuesOf(doc).map((i) => i.path).sort()).toEqual(['basics.name', 'certificates[0].date', 'education[0].endDate', 'work[0].endDate', 'work[1].start']);
    // A key left out is named as the document's schema names it.
    expect(issuesOf({ basics: {}, education: [{ area: 'Computer Science' }] })).toEqual([{ path: 'education[0].studyType', message: expect.any(String) }]);
  });

  it('refuses a list that is not a list, or an entry that is not an object, rather than dropping it', () => {
    expect(issuesOf({ basics: {}, work: 'ten years' })).toEqual([{ path: 'work', message: 'must be a list, not text' }]);
    expect(issuesOf({ basics: {}, certificates: [{ name: 'CCNA' }, 'PMP'] })).toEqual([{ path: 'certificates[1]', message: 'must be an object, not text' }]);
  });
});
