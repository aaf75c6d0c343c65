import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { QualifyError } from '../../src/errors.ts';
import { normaliseInput, normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';

const AS_OF = new Date(Date.UTC(2026, 0, 1));

describe('a degree level qualify does not recognise', () => {
  const profile = {
    id: 'u',
    education: [{ level: 'Diplom-Ingenieur', field: 'Informatik' }, { level: 'BS', field: 'Computer Science' }],
    experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'], supervisory: false }],
    certifications: [{ name: 'CCNA' }],
  };

  it('keeps the rest of the profile, and the degree as unrecognised', () => {
    const normalised = normaliseProfile(profile, bundledVocabulary());
    expect(normalised.degrees.map((d) => d.level)).toEqual(['bachelor']);
    expect(normalised.unrecognisedDegrees).toEqual([{ index: 0, levelText: 'Diplom-Ingenieur', fieldText: 'Informatik' }]);
  });

  it('is named in a decision that is not qualified, with the levels qualify knows', () => {
    const d = checkProfile({ ...profile, education: [profile.education[0]] }, { classes: ['houston-440.4'], asOf: AS_OF })[0]!;
    const reason = d.reasons.find((r) => r.why === 'unrecognised-level');
    expect(reason).toMatchObject({ code: 'DEGREE_NOT_COUNTED', assets: [{ kind: 'degree', index: 0 }] });
    expect(reason?.message).toMatch(/"Diplom-Ingenieur" in Informatik .*known levels: none, high-school, associate, bachelor, master, doctorate/);
  });

  it('does not stand in the way where no degree is needed', () => {
    expect(checkProfile(profile, { classes: ['houston-440.4'], asOf: AS_OF })[0]!.status).toBe('qualified');
  });
});

describe('a JSON Resume document with errors', () => {
  const issues = (input: unknown) => {
    try {
      normaliseInput(input, bundledVocabulary());
    } catch (error) {
      if (error instanceof QualifyError) return error.issues;
      throw error;
    }
    return [];
  };

  it('names the fields the document wrote, in its own words and places', () => {
    const doc = {
      basics: { name: 'x'.repeat(301) },
      work: [{ position: 'Network Administrator', startDate: '2015-01', endDate: '2021-13' }, { title: 'Analyst', start: 'soon' }],
      education: [{ studyType: 'BS', area: 'Computer Science', endDate: 'in 2014' }],
      certificates: [{ name: 'CCNA', date: 'March' }],
    };
    expect(issues(doc).map((i) => i.path).sort()).toEqual(['basics.name', 'certificates[0].date', 'education[0].endDate', 'work[0].endDate', 'work[1].start']);
    // A key left out is named as the document's schema names it.
    expect(issues({ basics: {}, education: [{ area: 'Computer Science' }] })).toEqual([{ path: 'education[0].studyType', message: expect.any(String) }]);
  });

  it('refuses a list that is not a list, or an entry that is not an object, rather than dropping it', () => {
    expect(issues({ basics: {}, work: 'ten years' })).toEqual([{ path: 'work', message: expect.stringContaining('expected array') }]);
    expect(issues({ basics: {}, certificates: [{ name: 'CCNA' }, 'PMP'] })).toEqual([{ path: 'certificates[1]', message: expect.stringContaining('expected object') }]);
  });
});
