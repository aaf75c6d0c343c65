import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
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
