import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import type { Decision } from '../../src/engine/decision.ts';
import { GAP_CODES, REASON_CODES } from '../../src/engine/codes.ts';
import { projectRoot } from '../../src/paths.ts';

/* The closed table of reason and gap codes (src/engine/codes.ts) and its documentation
 * (docs/findings.md) list the same codes, and the bundled classes emit no other. */

const doc = readFileSync(`${projectRoot}/docs/findings.md`, 'utf8');
const reasonCodes = Object.keys(REASON_CODES);
const gapCodes = Object.keys(GAP_CODES);
const allCodes = new Set([...reasonCodes, ...gapCodes]);

/** Codes in the first cell of a table row: `| \`EXPERIENCE_MET\` | … |`. */
const tabled = [...doc.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!);
/** Every back-quoted word in capitals anywhere in the document. */
const quoted = [...doc.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]!);

describe('docs/findings.md', () => {
  it('documents every reason and gap code', () => {
    for (const code of allCodes) expect(doc, `docs/findings.md lacks \`${code}\``).toContain(`\`${code}\``);
  });

  it('has one table row per code, and no row for a code the table does not have', () => {
    expect([...tabled].sort()).toEqual([...allCodes].sort());
  });

  it('names no code that is not in the table', () => {
    expect(quoted.filter((code) => !allCodes.has(code))).toEqual([]);
  });
});

type Finding = { code: string; parts?: Finding[] };
const codesOf = (findings: readonly Finding[]): string[] => findings.flatMap((f) => [f.code, ...codesOf(f.parts ?? [])]);

const asOf = new Date(Date.UTC(2026, 0, 1));
const job = (title: string, start: string, end: string | null, categories: string[], capacities: string[] = [], extra: object = {}) => ({ title, start, end, categories, capacities, ...extra });

/** Profiles chosen to reach most findings: met and short requirements of every kind, substitutions
 * stated and discretionary, uncertain facts, inferred jobs, things that did not count, conditions,
 * criteria, and gaps needing several parts. Each is evaluated against every bundled class. */
const profiles: Record<string, unknown>[] = [
  { id: 'k-1', education: [{ level: 'high-school' }], experience: [job('Desktop Support Technician', '2023-01', '2024-11', ['information-technology'])] },
  { id: 'k-2', education: [{ level: 'bachelor', field: 'Biology', credits: [{ hours: 12, subject: 'Computer Science' }] }] },
  {
    id: 'k-3',
    education: [{ level: 'high-school' }],
    collegeCredits: [{ hours: 90, field: 'Business Administration' }],
    experience: [job('Administrative Assistant', '2020-07', '2023-12', ['clerical-administrative']), job('Clerical Unit Supervisor', '2024-01', '2024-12', ['clerical-administrative'], ['supervisory'])],
  },
  {
    id: 'k-4',
    education: [{ level: 'high-school' }],
    experience: [job('Project Manager', '2019-01', '2020-12', ['project-management']), job('Lead Project Manager', '2021-01', '2023-12', ['project-management'], ['lead'])],
    certifications: [{ name: 'PMP', issued: '2014-02', expires: '2023-02' }, { name: 'CompTIA A+', issued: '2024-05', expires: '2027-05' }],
  },
  {
    id: 'k-5',
    education: [{ level: 'bachelor', field: 'Computer Science', foreign: true, evaluated: false }],
    experience: [{ title: 'Network Administrator', start: '2015', end: '2020', categories: ['it-infrastructure'], supervisory: false }],
    certifications: [{ name: 'Zorblax Hypervisor Grandmaster' }, { name: 'CCNA', issued: '2030-01' }],
  },
  {
    id: 'k-6',
    experience: [
      { title: 'Systems Administrator', start: '2010-01', end: '2016-12', categories: ['it-infrastructure'], supervisory: false },
      { title: 'Infrastructure Supervisor', start: '2017-01', end: '2018-12', categories: ['it-infrastructure'], supervisory: true },
    ],
    training: [{ name: 'Cybersecurity Bootcamp', hours: 360 }],
  },
  {
    id: 'k-7',
    education: [{ level: 'BS', field: 'Business' }],
    experience: [
      { title: 'Coordinator', start: '2023-01', end: '2025-12', description: 'Helped with various things.' },
      { title: 'Head of Infrastructure', employer: 'Borough Council', start: '2018-01', end: '2022-12', description: 'Led a team of 12 engineers; ran the WAN, the firewalls and Active Directory.' },
    ],
    statement: 'I led our cloud migration to Azure and manage service delivery against SLAs using ITIL. I coach and mentor junior engineers.',
  },
  { id: 'k-8', education: [{ level: 'none' }] },
];

describe('the findings of the bundled classes', () => {
  let decisions: Decision[] = [];
  let reasons: string[] = [];
  let gaps: string[] = [];
  beforeAll(() => {
    decisions = profiles.flatMap((profile) => checkProfile(profile, { asOf }));
    reasons = decisions.flatMap((d) => codesOf(d.reasons));
    gaps = decisions.flatMap((d) => codesOf(d.gaps));
  });

  it('carry only reason codes of the table', () => {
    expect(reasons.filter((code) => !(code in REASON_CODES))).toEqual([]);
  });

  it('carry only gap codes of the table, in gaps and in their parts', () => {
    expect(gaps.filter((code) => !(code in GAP_CODES))).toEqual([]);
  });

  it('reach every status and gaps with parts, so the checks above are not vacuous', () => {
    expect(new Set(decisions.map((d) => d.status))).toEqual(new Set(['qualified', 'review', 'not_qualified']));
    expect(decisions.some((d) => d.gaps.some((g) => g.code === 'GAP_ALL_OF' && (g.parts ?? []).length > 1))).toBe(true);
    expect(new Set([...reasons, ...gaps]).size).toBeGreaterThanOrEqual(20);
  });
});
