import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { loadCatalogue } from '../../src/rules/load.ts';

/* Constructs of the rule language that no bundled class uses, each on a small class of its own. */

const dir = mkdtempSync(join(tmpdir(), 'qualify-constructs-'));
const head = (id: string, extra = '') => `id: ${id}\ntitle: ${id}\njurisdiction: Test\neffective: 2025-01-01\nsource: { document: test }\n${extra}`;
writeFileSync(join(dir, 'bootcamp.yaml'), `${head('bootcamp')}paths:
  - id: standard
    label: a year of software work, or training for part of it
    requirements:
      - { kind: experience, id: experience, label: one year of software development, months: 12, categories: [information-technology], clause: One year of experience in software development. }
      - { kind: training, id: security, label: 40 hours of security training, hours: 40, fields: [cybersecurity], clause: Completion of 40 hours of training in information security. }
    substitutions:
      - { id: bootcamp, label: training hours for experience, from: { kind: training }, to: [experience], rate: { hours: 160, months: 3 }, maxMonths: 6, clause: "Each 160 hours of completed technical training may substitute for three months of experience, up to six months." }
`);
writeFileSync(join(dir, 'filing.yaml'), `${head('filing', 'qualifyingDate: 2024-06-30\n')}paths:
  - id: standard
    label: two years of IT by the last date of filing
    requirements:
      - { kind: experience, id: experience, label: two years of IT, months: 24, categories: [information-technology], exclude: [project-management], fullTimeOnly: true, clause: "Two years of full-time IT experience by the last date of filing, not in project management." }
`);
writeFileSync(join(dir, 'no-part-time.yaml'), `${head('no-part-time', 'counting: { partTime: excluded }\n')}paths:
  - id: standard
    label: one year of IT
    requirements:
      - { kind: experience, id: experience, label: one year of IT, months: 12, categories: [information-technology], clause: One year of experience in information technology. }
`);
writeFileSync(join(dir, 'manager.yaml'), `${head('manager')}paths:
  - id: standard
    label: two years of management, one of them as a lead
    requirements:
      - kind: experience
        id: experience
        label: two years in a managerial capacity
        months: 24
        capacities: [managerial]
        including: [{ id: lead, label: one year as a lead, months: 12, capacities: [lead], clause: one year of which as the lead of a team. }]
        clause: Two years of experience in a managerial capacity.
      - { kind: credits, id: credits, label: 90 quarter hours, hours: 90, system: quarter, clause: Completion of 90 quarter hours of college credit. }
`);
writeFileSync(join(dir, 'two-certs.yaml'), `${head('two-certs')}paths:
  - id: standard
    label: two system-specific certifications
    requirements:
      - { kind: certification, id: certs, label: two system-specific certifications, categories: [system-specific], count: 2, clause: Two current system-specific technical certifications. }
`);
writeFileSync(join(dir, 'first-draft.yaml'), `${head('first-draft')}paths:
  - id: person-specification
    label: essential criteria evidenced in the application
    requirements:
      - kind: criteria
        id: criteria
        label: essential criteria
        clause: "Shortlisting: essential criteria assessed via the application form."
        criteria:
          - { id: e1-lead, section: Experience, importance: essential, text: Experience of leading and coaching a team of service desk analysts. }
`);
// Three ways in: four years of IT, one year of IT, or (listed last) the same one year again.
const itPath = (id: string, months: number) => `  - id: ${id}
    label: ${months} months of IT
    requirements:
      - { kind: experience, id: experience, label: ${months} months of IT, months: ${months}, categories: [information-technology], clause: ${months} months of experience in information technology. }
`;
writeFileSync(join(dir, 'either.yaml'), `${head('either')}paths:\n${itPath('long', 48)}${itPath('short', 12)}${itPath('short-again', 12)}`);
const catalogue = loadCatalogue({ rulesDir: dir });
const decide = (cls: string, profile: object, asOf?: Date) => checkProfile({ id: 't', ...profile }, { classes: [cls], catalogue, ...(asOf ? { asOf } : {}) })[0]!;
const AS_OF = new Date(Date.UTC(2026, 0, 1));
const it6 = { title: 'Developer', start: '2025-01', end: '2025-06', categories: ['information-technology'], capacities: [] };

describe('training', () => {
  it('meets a training requirement by hours in the subject, and names the hours missing', () => {
    const job = { ...it6, start: '2024-01', end: '2024-12' };
    expect(decide('bootcamp', { experience: [job], training: [{ name: 'Information Security Essentials', hours: 40 }] }, AS_OF).status).toBe('qualified');
    const short = decide('bootcamp', { experience: [job], training: [{ name: 'Cyber Security Basics', hours: 30 }] }, AS_OF);
    expect(short.status).toBe('not_qualified');
    expect(short.gaps).toContainEqual(expect.objectContaining({ code: 'GAP_TRAINING', requirement: 'security', amount: 10, unit: 'hours' }));
  });

  it('buys months of experience in whole blocks, never using the same hours twice', () => {
    const security = { name: 'Information Security Essentials', hours: 40 };
    // 6 months of work + 160 bootcamp hours (3 months) fall short; 320 hours (6 months) make the year.
    expect(decide('bootcamp', { experience: [it6], training: [security, { name: 'Coding Bootcamp', hours: 160 }] }, AS_OF).status).toBe('not_qualified');
    const bought = decide('bootcamp', { experience: [it6], training: [security, { name: 'Coding Bootcamp', hours: 320 }] }, AS_OF);
    expect(bought.status).toBe('qualified');
    expect(bought.reasons).toContainEqual(expect.objectContaining({ code: 'SUBSTITUTION_USED', substitution: 'bootcamp', received: 6, unit: 'months' }));
    // The 40 security hours cannot also be bought as months: 280 + 40 hours buy only one block.
    expect(decide('bootcamp', { experience: [it6], training: [{ name: 'Information Security Essentials', hours: 320 }] }, AS_OF).status).toBe('not_qualified');
  });
});

describe('a qualifying date in the rule', () => {
  const twoYears = { experience: [{ title: 'Analyst', start: '2022-07', end: 'present', categories: ['information-technology'], capacities: [] }] };

  it('is the as-of date when the caller gives none', () => {
    const d = decide('filing', twoYears);
    expect(d).toMatchObject({ asOf: '2024-06-30', status: 'qualified' });
  });

  it('gives way to the as-of date a caller gives', () => {
    expect(decide('filing', twoYears, new Date(Date.UTC(2023, 5, 30)))).toMatchObject({ asOf: '2023-06-30', status: 'not_qualified' });
  });
});

describe('experience that does not count', () => {
  it('leaves out jobs of an excluded category and part-time jobs where the clause asks for full time', () => {
    const pm = { title: 'IT Project Manager', start: '2020-01', end: '2023-12', categories: ['information-technology', 'project-management'], capacities: [] };
    const partTime = { title: 'Developer', start: '2020-01', end: '2023-12', hoursPerWeek: 20, categories: ['information-technology'], capacities: [] };
    expect(decide('filing', { experience: [pm] }).status).toBe('not_qualified');
    expect(decide('filing', { experience: [partTime] }).status).toBe('not_qualified');
    expect(decide('filing', { experience: [{ ...partTime, hoursPerWeek: 40 }] }).status).toBe('qualified');
  });

  it('counts no part-time job at all when the counting policy excludes them', () => {
    const half = { title: 'Developer', start: '2020-01', end: '2023-12', hoursPerWeek: 20, categories: ['information-technology'], capacities: [] };
    expect(decide('no-part-time', { experience: [half] }, AS_OF).status).toBe('not_qualified');
    expect(decide('no-part-time', { experience: [{ ...half, hoursPerWeek: 40 }] }, AS_OF).status).toBe('qualified');
  });
});

describe('findings that once misled', () => {
  const manager = (capacities: string[]) => ({ title: 'Manager', start: '2022-01', end: '2023-12', categories: [], capacities });
  const credits = [{ hours: 0, field: 'History' }, { hours: 60, system: 'semester', field: 'Business' }];

  it('an "of which" part in one capacity inside a requirement in another needs a job in both', () => {
    expect(decide('manager', { experience: [manager(['managerial'])], collegeCredits: credits }, AS_OF).status).toBe('not_qualified');
    expect(decide('manager', { experience: [manager(['managerial', 'lead'])], collegeCredits: credits }, AS_OF).status).toBe('qualified');
  });

  it('reads quarter-hour requirements back in quarter hours, and names credit entries by their place in the profile', () => {
    const d = decide('manager', { experience: [manager(['managerial', 'lead'])], collegeCredits: credits }, AS_OF);
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'CREDITS_MET', expected: 90, received: 90, unit: 'hours', assets: [{ kind: 'credits', index: 1 }] }));
  });

  it('credits only the whole blocks of training hours actually supplied', () => {
    // 359 hours would buy two blocks, but 40 of them meet the security requirement: one block is left.
    const d = decide('bootcamp', { experience: [it6], training: [{ name: 'Information Security Essentials', hours: 40 }, { name: 'Coding Bootcamp', hours: 319 }] }, AS_OF);
    expect(d.status).toBe('not_qualified');
    expect(d.reasons).toContainEqual(expect.objectContaining({ code: 'EXPERIENCE_SHORT', expected: 12, received: 9 }));
  });

  it('holds a foreign degree without an evaluation as a credential in the generous reading only', () => {
    const profile = { education: [{ level: 'BA', field: 'History', foreign: true }], experience: [{ title: 'Help Desk', start: '2024-01', end: '2024-12', categories: ['information-technology'], capacities: [] }] };
    const d = checkProfile({ id: 'f', ...profile }, { classes: ['nys-its-2'], asOf: AS_OF })[0]!;
    expect(d.status).toBe('review');
    expect(d.gaps).toContainEqual(expect.objectContaining({ code: 'GAP_CONFIRM', why: 'foreign-unevaluated' }));
  });

  it('asks once for a person to decide a condition', () => {
    const d = checkProfile({ id: 'c', certifications: [{ name: 'CompTIA A+' }] }, { classes: ['la-it-technical-support-analyst-1'], asOf: AS_OF })[0]!;
    expect(d.status).toBe('review');
    expect(d.gaps.filter((g) => g.code === 'GAP_CONFIRM' && g.path === undefined || (g.code === 'GAP_CONFIRM' && g.path === d.path))).toHaveLength(1);
  });
});

describe('a class with several paths', () => {
  const developer = (start: string) => ({ experience: [{ title: 'Developer', start, end: '2025-12', categories: ['information-technology'], capacities: [] }] });

  it('is decided by the best status, then the highest score, then the first path listed', () => {
    // 60 months: both met; the short path leaves 48 months of surplus (score 94), the long one 12 (76).
    expect(decide('either', developer('2021-01'), AS_OF)).toMatchObject({ status: 'qualified', path: 'short', score: 94 });
    // 24 months: only the later, shorter path is met, so it decides whatever the long path scores.
    expect(decide('either', developer('2024-01'), AS_OF)).toMatchObject({ status: 'qualified', path: 'short' });
    // 6 months: none is met; the gaps name each path that one addition would meet.
    const none = decide('either', developer('2025-07'), AS_OF);
    expect(none.status).toBe('not_qualified');
    expect(none.gaps.map((g) => [g.path, g.amount])).toEqual([['short', 6], ['long', 42], ['short-again', 6]]);
  });
});

describe('certifications that do not meet a certification requirement', () => {
  const message = (profile: object) => decide('two-certs', profile, AS_OF).reasons.find((r) => r.code === 'CERTIFICATION_MISSING')!.message;
  it('are named when they are of another kind, so the holder sees why', () => {
    expect(message({ certifications: [{ name: 'Network+' }] })).toBe('two system-specific certifications: no current certification of this kind; Network+ (CompTIA Network+) is not of this kind');
    expect(message({ certifications: [{ name: 'PMP' }, { name: 'PMP' }] })).toMatch(/; PMP \(Project Management Professional\) is not of this kind$/);
    expect(message({ certifications: [{ name: 'PMP' }, { name: 'ITIL Foundation' }, { name: 'CCNA', expires: '2020-01' }] })).toBe(
      'two system-specific certifications: no current certification of this kind; PMP (Project Management Professional) and ITIL Foundation (ITIL 4 Foundation) are not of this kind',
    );
  });

  it('count toward a requirement of several when one is held, and say so', () => {
    expect(message({ certifications: [{ name: 'CCNA' }, { name: 'PMP' }] })).toBe('two system-specific certifications: 1 certification of the 2 certifications required (CCNA (Cisco Certified Network Associate))');
  });
});

describe('a criterion written without terms, as a first draft', () => {
  it('loads, and is evidenced by its own words', () => {
    const d = decide('first-draft', { statement: 'I led a team of six service desk analysts and coached two new starters.' }, AS_OF);
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'CRITERION_EVIDENCED', requirement: 'criteria' })]);
    expect(decide('first-draft', { statement: 'I repaired printers.' }, AS_OF).reasons[0]!.code).toBe('CRITERION_NOT_EVIDENCED');
  });
});

describe('jobs that do not count', () => {
  it('are named with the reason, for a requirement that is not met', () => {
    const pm = { title: 'IT Project Manager', start: '2020-01', end: '2023-12', categories: ['information-technology', 'project-management'], capacities: [] };
    const partTime = { title: 'Developer', start: '2020-01', end: '2023-12', hoursPerWeek: 20, categories: ['information-technology'], capacities: [] };
    const retail = { title: 'Retail Assistant', start: '2018-01', end: '2019-12', categories: [], capacities: [] };
    const d = decide('filing', { experience: [pm, partTime, retail] });
    expect(d.reasons.filter((r) => r.code === 'JOB_NOT_COUNTED').map((r) => [r.assets![0]!.index, r.why])).toEqual([[0, 'excluded-category'], [1, 'part-time'], [2, 'not-of-the-kind']]);
    expect(d.reasons.find((r) => r.why === 'part-time')!.message).toBe('Developer does not count toward "two years of IT": the clause counts full-time work only');
  });
});

describe('self-reported experience', () => {
  it('leads to review, never to qualified alone, and says what to verify', () => {
    const answer = { title: 'Self-reported: Years of IT experience', start: '2022-01', end: 'present', categories: ['information-technology'], capacities: [], selfReported: true };
    const d = decide('no-part-time', { experience: [answer] }, AS_OF);
    expect(d.status).toBe('review');
    expect(d.gaps).toContainEqual(expect.objectContaining({ code: 'GAP_CONFIRM', why: 'self-reported' }));
    expect(decide('no-part-time', { experience: [{ ...answer, selfReported: false }] }, AS_OF).status).toBe('qualified');
  });
});

describe('self-reported experience toward a requirement of any field', () => {
  it('counts in the generous reading only', () => {
    const answer = { title: 'Self-reported: Years of work', start: '2018-01', end: 'present', categories: [], capacities: [], selfReported: true };
    const it1 = { title: 'Help Desk', start: '2025-01', end: 'present', categories: ['information-technology'], capacities: [] };
    const d = checkProfile({ id: 's', experience: [answer, it1] }, { classes: ['la-it-technical-support-analyst-1'], asOf: AS_OF })[0]!;
    expect(d.status).toBe('review');
  });
});
