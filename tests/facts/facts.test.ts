import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { buildFacts, readGenerously } from '../../src/facts/facts.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
import { sampleProfiles } from '../helpers/sample-profiles.ts';

const AS_OF = new Date(Date.UTC(2026, 0, 1));
const counting = { fullTimeHours: 40 } as Parameters<typeof buildFacts>[2]['counting'];
/** Four years whose only sign of IT is one weak word of its duties. */
const weak = { title: 'Coordinator', start: '2018-01', end: '2021-12', description: 'Kept the printers stocked.' };
const decide = (profile: object) => checkProfile({ id: 'w', ...profile }, { classes: ['austin-CI2788'], asOf: AS_OF })[0]!;

describe('a kind of work read with low confidence', () => {
  it('is left out of the strict reading and counted in the generous one', () => {
    const profile = normaliseProfile({ id: 'w', experience: [weak] }, bundledVocabulary());
    const strict = buildFacts(profile, 'strict', { asOf: AS_OF, counting }, bundledVocabulary());
    const generous = buildFacts(profile, 'generous', { asOf: AS_OF, counting }, bundledVocabulary());
    expect(strict.jobs[0]!.categories.size).toBe(0);
    expect([...generous.jobs[0]!.categories]).toContain('information-technology');
    expect(strict.jobs[0]!.uncertain).toBe(true);
  });

  it('sends a decision that rests on it to review, saying the reading must be confirmed', () => {
    const job = { ...weak, description: 'Kept the printers stocked.', capacities: ['supervisory'] };
    const d = decide({ education: [{ level: 'BS', field: 'Computer Science' }], experience: [job] });
    expect(d.status).toBe('review');
    expect(d.reasons.map((r) => r.code)).toContain('UNCERTAIN_INFERENCE');
    expect(d.gaps).toContainEqual(expect.objectContaining({ code: 'GAP_CONFIRM', why: 'low-confidence-inference' }));
  });
});

describe('what was read and what was stated', () => {
  it('never reports stated categories as read from the title and duties', () => {
    const job = { title: 'IT Manager', start: '2015-01', end: '2020-12', categories: ['information-technology'] };
    const d = decide({ education: [{ level: 'BS', field: 'Computer Science' }], experience: [job] });
    expect(d.status).toBe('qualified');
    expect(d.reasons.map((r) => r.code)).not.toContain('CATEGORY_INFERRED');
    const capacity = d.reasons.find((r) => r.code === 'CAPACITY_INFERRED');
    expect(capacity?.message).toMatch(/read as supervisory capacity.* from its title/);
    expect(capacity?.message).not.toMatch(/information-technology/);
  });

  it('names the kinds of work read by their labels, as the vocabulary words them', () => {
    const job = { title: 'Network Administrator', start: '2015-01', end: '2020-12', capacities: ['supervisory'] };
    const d = decide({ education: [{ level: 'BS', field: 'Computer Science' }], experience: [job] });
    expect(d.reasons.find((r) => r.code === 'CATEGORY_INFERRED')?.message).toMatch(/^Network Administrator: read as IT infrastructure and information technology from its title and duties \(network; confidence 0\.90\)$/);
  });

  it('says a part-time job\'s hours beside the months it counts for, full-time jobs not', () => {
    const partTime = { title: 'IT Manager', start: '2020-01', end: '2023-12', hoursPerWeek: 20, categories: ['information-technology'], capacities: ['supervisory'] };
    const fullTime = { ...partTime, start: '2024-01', end: '2025-12', hoursPerWeek: 40 };
    const d = decide({ education: [{ level: 'BS', field: 'Computer Science' }], experience: [partTime, fullTime] });
    expect(d.reasons.find((r) => r.requirement === 'experience')?.message).toMatch(/\(IT Manager: 2 years, at 20 hours a week; IT Manager: 1 year\)$/);
  });

  it('counts a "Manager, X" title with a team in its duties as management of X', () => {
    const job = { title: 'Manager, Application Support', start: '2015-01', end: '2020-12', description: 'Head of a 7-person application support team; recruited and coached analysts.' };
    const d = decide({ education: [{ level: 'BS', field: 'Computer Science' }], experience: [job] });
    expect(d.status).toBe('qualified');
    expect(d.reasons.find((r) => r.requirement === 'experience')?.received).toBe(36);
  });
});

describe('the two readings of a profile with nothing uncertain', () => {
  it('hold the same facts, so the generous one is the strict one read generously', () => {
    const vocab = bundledVocabulary();
    const countings = [...bundledRules().values()].map((r) => r.rule.counting);
    let certain = 0;
    sampleProfiles(300, 11).forEach((input, i) => {
      const profile = normaliseProfile(input, vocab);
      const options = { asOf: AS_OF, counting: countings[i % countings.length]!, breakpoints: [AS_OF.getUTCFullYear() * 12 - 60] };
      const strict = buildFacts(profile, 'strict', options, vocab);
      if (strict.uncertain) return;
      certain++;
      expect(readGenerously(strict)).toEqual(buildFacts(profile, 'generous', options, vocab));
    });
    expect(certain).toBeGreaterThan(30); // the samples hold enough profiles with nothing uncertain
  });
});
