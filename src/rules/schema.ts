import { z } from 'zod';
import { CertCategory, ExperienceCategory, FieldFamily } from '../vocab/ids.ts';

/** The rule-file format (docs/rule-format.md). A small closed vocabulary: three requirement
 * kinds, three substitution sources; every clause quotes the sentence of the specification. */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');
const clause = z.string().min(10, 'must quote the sentence of the specification it encodes');
const months = z.number().positive('must be a positive number of months');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Which experience counts: every listed category (AND), and supervisory when set. */
const experienceFilter = {
  categories: z.array(ExperienceCategory).default([]),
  supervisory: z.boolean().optional(),
  withinYears: z.number().positive().optional(),
};

/** "… of which two (2) years is in a management/supervisory role" (counted inside, not added). */
const ExperiencePart = z.strictObject({
  id,
  months,
  ...experienceFilter,
  label: z.string(),
  clause,
});

const ExperienceRequirement = z.strictObject({
  kind: z.literal('experience'),
  id,
  label: z.string(),
  months,
  ...experienceFilter,
  including: z.array(ExperiencePart).default([]),
  /** Floor: months of actual experience that no substitution may replace. */
  minimumActualMonths: z.number().min(0).default(0),
  clause,
});

const EducationRequirement = z.strictObject({
  kind: z.literal('education'),
  id,
  label: z.string(),
  months,
  /** Field families that count; omitted means any field. */
  fields: z.array(FieldFamily).optional(),
  clause,
});

const CertificationRequirement = z.strictObject({
  kind: z.literal('certification'),
  id,
  label: z.string(),
  count: z.number().int().positive().default(1),
  /** A certification counts when it has any of these categories. */
  categories: z.array(CertCategory).min(1),
  clause,
});

/** One criterion of a person specification, with the terms that evidence it in an application. */
export const Criterion = z.strictObject({
  id,
  text: z.string().min(3),
  importance: z.enum(['essential', 'desirable']),
  section: z.string().min(1),
  /** Phrases, synonyms and acronyms that show the criterion ("Active Directory", "AD", "group policy"). */
  terms: z.array(z.string().min(1)).min(1),
  /** Distinct terms that make it evidenced; fewer make it partly evidenced. */
  evidenceNeeded: z.number().int().min(1).default(2),
});

/** Essential and desirable criteria assessed from the application's text (READING.md §5, council):
 * all essential evidenced → qualified; otherwise review; never a rejection. */
const CriteriaRequirement = z.strictObject({
  kind: z.literal('criteria'),
  id,
  label: z.string(),
  criteria: z.array(Criterion).min(1),
  clause,
});

export const Requirement = z.discriminatedUnion('kind', [ExperienceRequirement, EducationRequirement, CertificationRequirement, CriteriaRequirement]);

const SubstitutionSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('experience'), ...experienceFilter }),
  z.strictObject({
    kind: z.literal('education'),
    fields: z.array(FieldFamily).optional(),
    /** Only education beyond this many months counts ("education beyond the Bachelor's": 48). */
    beyondMonths: z.number().min(0).default(0),
  }),
  z.strictObject({ kind: z.literal('certification'), categories: z.array(CertCategory).min(1) }),
]);

export const Substitution = z
  .strictObject({
    id,
    label: z.string(),
    from: SubstitutionSource,
    /** Requirements it may stand in for; a cap is shared between them. */
    to: z.array(id).min(1),
    /** Months credited per credential (certifications only). */
    monthsEach: months.optional(),
    /** Granularity: 12 for "year-for-year", 1 for "month-for-month". Credit is rounded down to it. */
    step: z.number().int().positive().default(1),
    maxMonths: months.optional(),
    /** A clause that states no rate ("or an equivalent combination"): generous reading only. */
    discretionary: z.boolean().default(false),
    clause,
  })
  .refine((s) => (s.from.kind === 'certification') === (s.monthsEach !== undefined), {
    message: 'monthsEach is required for a certification source and only there',
    path: ['monthsEach'],
  });

const Path = z.strictObject({
  id,
  label: z.string(),
  requirements: z.array(Requirement).min(1),
  substitutions: z.array(Substitution).default([]),
});

const Preferred = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('experience'), id, label: z.string(), months, ...experienceFilter, clause }),
  z.strictObject({ kind: z.literal('certification'), id, label: z.string(), categories: z.array(CertCategory).min(1), clause }),
  z.strictObject({ kind: z.literal('criteria'), id, label: z.string(), criteria: z.array(Criterion).min(1), clause }),
]);

/** How months are counted (READING.md §2); jurisdictions differ, so it is a setting. */
const Counting = z.strictObject({
  fullTimeHours: z.number().positive().default(40),
  /** `proportional`: FTE = hours / full time; `half`: any part-time job counts half. */
  partTime: z.enum(['proportional', 'half']).default('proportional'),
  /** A month counts only when at least this many days of it were worked (0: count fractions). */
  minDaysPerMonth: z.number().int().min(0).max(31).default(0),
});

export const RuleFile = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be letters, digits, dots and hyphens'),
    title: z.string().min(1),
    jurisdiction: z.string().min(1),
    effective: isoDate,
    source: z.strictObject({ document: z.string().min(1), revised: z.string().optional(), url: z.string().optional() }),
    counting: Counting.default({ fullTimeHours: 40, partTime: 'proportional', minDaysPerMonth: 0 }),
    /** One path, or alternatives ("either … or", "Pattern I / II"): qualifying by any one is enough. */
    paths: z.array(Path).min(1),
    preferred: z.array(Preferred).default([]),
  })
  .superRefine((rule, ctx) => {
    rule.paths.forEach((path, p) => {
      const ids = new Set(path.requirements.map((r) => r.id));
      path.substitutions.forEach((sub, s) => {
        sub.to.forEach((target, t) => {
          if (!ids.has(target)) {
            ctx.addIssue({ code: 'custom', path: ['paths', p, 'substitutions', s, 'to', t], message: `names no requirement of this path: "${target}"` });
          } else if (['certification', 'criteria'].includes(path.requirements.find((r) => r.id === target)!.kind)) {
            ctx.addIssue({ code: 'custom', path: ['paths', p, 'substitutions', s, 'to', t], message: 'only education and experience requirements can be substituted' });
          }
        });
      });
    });
  });

export type RuleFile = z.output<typeof RuleFile>;
export type Path = RuleFile['paths'][number];
export type Requirement = z.output<typeof Requirement>;
export type ExperienceRequirement = Extract<Requirement, { kind: 'experience' }>;
export type EducationRequirement = Extract<Requirement, { kind: 'education' }>;
export type CertificationRequirement = Extract<Requirement, { kind: 'certification' }>;
export type CriteriaRequirement = Extract<Requirement, { kind: 'criteria' }>;
export type Criterion = z.output<typeof Criterion>;
export type Substitution = z.output<typeof Substitution>;
export type Preferred = RuleFile['preferred'][number];
export type Counting = RuleFile['counting'];
export type ExperienceFilter = { categories: string[]; supervisory?: boolean | undefined; withinYears?: number | undefined };
