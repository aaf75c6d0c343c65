import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STATUS_RANK } from '../../src/engine/decision.ts';
import { assess } from '../../src/engine/evaluate.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';

/* Over every bundled class: gaining experience, education or a current certification never lowers
 * the score nor worsens the status (docs/decisions.md, Score), and the same input always gives the same decision. */

const AS_OF = new Date(Date.UTC(2026, 0, 1));
const rules = [...bundledRules().values()].filter((r) => r.rule.paths.every((p) => p.requirements.every((q) => q.kind !== ('criteria' as string))));

const month = fc.record({ y: fc.integer({ min: 2005, max: 2025 }), m: fc.integer({ min: 1, max: 12 }) });
const fmt = ({ y, m }: { y: number; m: number }) => `${y}-${String(m).padStart(2, '0')}`;
const job = fc
  .record({
    from: month,
    months: fc.integer({ min: 1, max: 90 }),
    hours: fc.constantFrom(20, 30, 40),
    categories: fc.subarray(['information-technology', 'it-infrastructure', 'project-management']),
    supervisory: fc.boolean(),
    yearOnly: fc.boolean(),
  })
  .map((j) => {
    const endIndex = j.from.y * 12 + j.from.m - 1 + j.months - 1;
    const end = { y: Math.floor(endIndex / 12), m: (endIndex % 12) + 1 };
    return {
      title: 'Job',
      start: j.yearOnly ? String(j.from.y) : fmt(j.from),
      end: j.yearOnly ? String(end.y) : fmt(end),
      hoursPerWeek: j.hours,
      categories: j.categories,
      supervisory: j.supervisory,
    };
  });
const degree = fc.record({
  level: fc.constantFrom('associate', 'bachelor', 'master', 'doctorate'),
  field: fc.constantFrom('Computer Science', 'History', 'Business Administration', 'Mathematics'),
  foreign: fc.boolean(),
});
const cert = fc.record({ name: fc.constantFrom('CCNA', 'CompTIA Security+', 'CISSP', 'PMP', 'CCNP Enterprise', 'Unheard Of Cert') });
const profile = fc.record({
  id: fc.constant('p'),
  education: fc.array(degree, { maxLength: 2 }),
  experience: fc.array(job, { maxLength: 3 }),
  certifications: fc.array(cert, { maxLength: 3 }),
});
const addition = fc.oneof(
  job.map((j) => ({ kind: 'experience' as const, value: j })),
  degree.map((d) => ({ kind: 'education' as const, value: d })),
  cert.map((c) => ({ kind: 'certifications' as const, value: c })),
);

const decide = (p: object) => assess(normaliseProfile(p, bundledVocabulary()), rules, AS_OF, bundledVocabulary(), AS_OF);

describe('decisions', () => {
  it('never get worse when a profile gains experience, education or a current certification', () => {
    fc.assert(
      fc.property(profile, addition, (p, add) => {
        const richer = { ...p, [add.kind]: [...(p[add.kind] as object[]), add.value] };
        const before = decide(p);
        const after = decide(richer);
        before.forEach((b, i) => {
          const a = after[i]!;
          expect(STATUS_RANK[a.status], `${b.class} status`).toBeLessThanOrEqual(STATUS_RANK[b.status]);
          expect(a.score, `${b.class} score`).toBeGreaterThanOrEqual(b.score);
        });
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('are the same every time for the same profile', () => {
    fc.assert(
      fc.property(profile, (p) => {
        expect(decide(structuredClone(p))).toEqual(decide(p));
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});
