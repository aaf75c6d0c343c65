import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.ts';
import type { Resolutions } from '../../src/engine/resolve.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledCatalogue, findRule } from '../../src/rules/load.ts';
import { reviewItems } from '../../src/openings/items.ts';

const catalogue = bundledCatalogue();
const asOf = new Date('2026-01-01T00:00:00Z');

function decide(input: object, classId: string, resolutions?: Resolutions) {
  const profile = normaliseProfile(input, catalogue.vocab);
  return assess(profile, [findRule(catalogue.rules, classId)], asOf, catalogue.vocab, asOf, resolutions)[0]!;
}
const confirm = (...keys: string[]): Resolutions => ({ confirmed: new Set(keys), rejected: new Set() });
const reject = (...keys: string[]): Resolutions => ({ confirmed: new Set(), rejected: new Set(keys) });

const foreign = {
  id: 'F-1',
  education: [{ level: 'B.S.', field: 'Computer Science', foreign: true }],
  experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'] }],
  certifications: [{ name: 'CCNA' }],
};
const yearOnly = { ...foreign, id: 'Y-1', education: [{ level: 'B.S.', field: 'Computer Science' }], experience: [{ title: 'Network Administrator', start: '2015', end: '2020', categories: ['it-infrastructure'] }] };
const combination = {
  id: 'G-2',
  experience: [
    { title: 'Systems Administrator', start: '2010-01', end: '2016-12', categories: ['it-infrastructure'], supervisory: false },
    { title: 'Infrastructure Supervisor', start: '2017-01', end: '2018-12', categories: ['it-infrastructure'], supervisory: true },
  ],
};
const eligibles = { id: 'L-7', education: [{ level: 'high-school' }], certifications: [{ name: 'CompTIA A+', issued: '2024-05', expires: '2027-05' }] };
const unknownCert = { ...foreign, id: 'U-1', education: [{ level: 'B.S.', field: 'Computer Science' }], certifications: [{ name: 'Zorblax Network Wizard' }] };

describe("a reviewer's resolutions, read by the engine", () => {
  it('lists a foreign degree without evaluation as the one item to check', () => {
    const d = decide(foreign, 'houston-440.4');
    expect(d.status).toBe('review');
    expect(reviewItems(d).map((i) => i.key)).toEqual(['degree:0']);
  });

  it("qualifies once the foreign degree's evaluation is confirmed, and not once it is rejected", () => {
    expect(decide(foreign, 'houston-440.4', confirm('degree:0')).status).toBe('qualified');
    expect(decide(foreign, 'houston-440.4', reject('degree:0')).status).toBe('not_qualified');
  });

  it('confirms the months of a years-only job as January to December, and rejects them as December to January', () => {
    expect(reviewItems(decide(yearOnly, 'houston-440.4')).map((i) => i.key)).toEqual(['job:0']);
    expect(decide(yearOnly, 'houston-440.4', confirm('job:0')).status).toBe('qualified');
    const rejected = decide(yearOnly, 'houston-440.4', reject('job:0'));
    expect(rejected.status).toBe('not_qualified');
    expect(rejected.reasons.find((r) => r.code === 'EXPERIENCE_SHORT')?.received).toBe(50);
  });

  it('applies an accepted equivalent combination in the strict reading, and a rejected one in neither', () => {
    expect(reviewItems(decide(combination, 'chicago-06G7')).map((i) => i.key)).toEqual(['substitution:experience-for-degree']);
    expect(decide(combination, 'chicago-06G7', confirm('substitution:experience-for-degree')).status).toBe('qualified');
    expect(decide(combination, 'chicago-06G7', reject('substitution:experience-for-degree')).status).toBe('not_qualified');
  });

  it('meets a confirmed condition and fails a rejected one', () => {
    expect(reviewItems(decide(eligibles, 'la-it-technical-support-analyst-1')).map((i) => i.key)).toEqual(['condition:certificate-of-eligibles']);
    expect(decide(eligibles, 'la-it-technical-support-analyst-1', confirm('condition:certificate-of-eligibles')).status).toBe('qualified');
    expect(decide(eligibles, 'la-it-technical-support-analyst-1', reject('condition:certificate-of-eligibles')).status).toBe('not_qualified');
  });

  it('confirms an unrecognised certification as one of any category, but rejects it as none', () => {
    expect(reviewItems(decide(unknownCert, 'houston-440.4')).map((i) => i.key)).toEqual(['certification:0']);
    expect(decide(unknownCert, 'houston-440.4', confirm('certification:0')).status).toBe('qualified');
    expect(decide(unknownCert, 'houston-440.4', reject('certification:0')).status).toBe('not_qualified');
  });

  it('changes nothing without resolutions', () => {
    expect(decide(foreign, 'houston-440.4', confirm())).toEqual(decide(foreign, 'houston-440.4'));
  });
});
