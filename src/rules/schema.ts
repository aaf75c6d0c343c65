import { z } from 'zod';
import { vocabularyId } from '../vocab/load.ts';

/** The rule-file format (docs/rule-format.md): a small closed vocabulary of requirement and
 * substitution kinds, in which every clause quotes the sentence of the specification. Ids of
 * categories, capacities, fields, levels and certifications are checked against the loaded
 * vocabularies by check.ts, so that adding one to data/ needs no change here. */

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');
const clause = z.string().min(10, 'must quote the sentence of the specification it encodes');
const months = z.number().positive('must be a positive number of months');
const hours = z.number().positive('must be a positive number of hours');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ids = z.array(vocabularyId);
/** Fields of study that count; left out, any field counts. An empty list would let none count. */
const fields = z.array(vocabularyId).min(1, 'must name at least one field or family; leave the key out to let any field count').optional();

/** Which experience counts: jobs with every listed category, in any listed capacity, with none of
 * the excluded categories, at full-time hours when asked, in the last `withinYears` years. */
const experienceFilter = {
  categories: ids.default([]),
  capacities: ids.default([]),
  exclude: ids.default([]),
  fullTimeOnly: z.boolean().default(false),
  withinYears: z.number().positive().optional(),
};

/** Which credit or training hours count: subjects (field or family ids), and subjects that never do. */
const hoursFilter = {
  fields,
  exclude: ids.default([]),
};

/** "… of which two (2) years is in a management/supervisory role" (counted inside, not added). */
const ExperiencePart = z.strictObject({ id, months, ...experienceFilter, label: z.string(), clause });

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
  /** Fields (family or field ids) that count; omitted means any field. */
  fields,
  clause,
});

/** A degree or diploma that must be held, as distinct from months of education. */
const CredentialRequirement = z.strictObject({
  kind: z.literal('credential'),
  id,
  label: z.string(),
  level: vocabularyId,
  orHigher: z.boolean().default(true),
  fields,
  /** What substitutions must deliver to stand in for it; default the level's years × 12. */
  months: months.optional(),
  clause,
});

const CreditsPart = z.strictObject({ id, label: z.string(), hours, ...hoursFilter, clause });

/** Credit hours: "60 semester credit hours including or supplemented by 15 … in computer science". */
const CreditsRequirement = z.strictObject({
  kind: z.literal('credits'),
  id,
  label: z.string(),
  hours,
  /** Quarter hours are two thirds of a semester hour. */
  system: z.enum(['semester', 'quarter']).default('semester'),
  ...hoursFilter,
  including: z.array(CreditsPart).default([]),
  clause,
});

const TrainingRequirement = z.strictObject({ kind: z.literal('training'), id, label: z.string(), hours, ...hoursFilter, clause });

/** Certifications by category or by catalogue id ("a valid PMP"); never substitutable. */
const certificationFilter = {
  categories: ids.default([]),
  certifications: ids.default([]),
};
const anyCertification = (c: { categories: string[]; certifications: string[] }) => c.categories.length + c.certifications.length > 0;
const certificationMessage = { message: 'name certification categories or certifications (catalogue ids)', path: ['categories'] };

const CertificationRequirement = z
  .strictObject({ kind: z.literal('certification'), id, label: z.string(), count: z.number().int().positive().default(1), ...certificationFilter, clause })
  .refine(anyCertification, certificationMessage);

/** A condition only a person can decide: met in the generous reading only. */
const ConditionRequirement = z.strictObject({ kind: z.literal('condition'), id, label: z.string(), clause });

/** One criterion of a person specification, with the terms that evidence it in an application. */
export const Criterion = z.strictObject({
  id,
  text: z.string().min(3),
  importance: z.enum(['essential', 'desirable']),
  section: z.string().min(1),
  /** Phrases, synonyms and acronyms that show the criterion ("Active Directory", "AD", "group
   * policy"). Optional: the criterion's own words are matched too, and `qualify terms` proposes
   * terms from its text for a first draft. */
  terms: z.array(z.string().min(1)).default([]),
  /** Distinct terms that make it evidenced; fewer make it partly evidenced. */
  evidenceNeeded: z.number().int().min(1).default(2),
});

/** Essential and desirable criteria assessed from the application's text: all essential
 * evidenced → qualified; otherwise review; never a rejection. */
const CriteriaRequirement = z.strictObject({ kind: z.literal('criteria'), id, label: z.string(), criteria: z.array(Criterion).min(1), clause });

export const Requirement = z.discriminatedUnion('kind', [
  ExperienceRequirement, EducationRequirement, CredentialRequirement, CreditsRequirement,
  TrainingRequirement, CertificationRequirement, ConditionRequirement, CriteriaRequirement,
]);

/** Requirement kinds substitutions may stand in for. */
export const SUBSTITUTABLE = new Set(['experience', 'education', 'credential']);

const SubstitutionSource = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('experience'), ...experienceFilter }),
  z.strictObject({
    kind: z.literal('education'),
    fields,
    /** Only education beyond this many months counts ("education beyond the Bachelor's": 48). */
    beyondMonths: z.number().min(0).default(0),
  }),
  z.strictObject({ kind: z.literal('credits'), ...hoursFilter }),
  z.strictObject({ kind: z.literal('training'), ...hoursFilter }),
  z.strictObject({ kind: z.literal('certification'), ...certificationFilter }).refine(anyCertification, certificationMessage),
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
    /** Credit or training hours bought as months: every whole block of `hours` gives `months`. */
    rate: z.strictObject({ hours, months }).optional(),
    /** Granularity: 12 for "year-for-year", 1 for "month-for-month". Credit is rounded down to it. */
    step: z.number().int().positive().default(1),
    maxMonths: months.optional(),
    /** A clause that states no rate ("or an equivalent combination"): generous reading only. */
    discretionary: z.boolean().default(false),
    clause,
  })
  .refine((s) => (s.from.kind === 'certification') === (s.monthsEach !== undefined), { message: 'monthsEach is required for a certification source and only there', path: ['monthsEach'] })
  .refine((s) => (s.from.kind === 'credits' || s.from.kind === 'training') === (s.rate !== undefined), { message: 'rate is required for a credits or training source and only there', path: ['rate'] });

const Path = z.strictObject({
  id,
  label: z.string(),
  requirements: z.array(Requirement).min(1),
  substitutions: z.array(Substitution).default([]),
});

const Preferred = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('experience'), id, label: z.string(), months, ...experienceFilter, clause }),
  z.strictObject({ kind: z.literal('certification'), id, label: z.string(), ...certificationFilter, clause }),
  z.strictObject({ kind: z.literal('criteria'), id, label: z.string(), criteria: z.array(Criterion).min(1), clause }),
]);

/** How months are counted; jurisdictions differ, so it is a setting. */
const Counting = z.strictObject({
  fullTimeHours: z.number().positive().default(40),
  /** `proportional`: FTE = hours / full time; `half`: any part-time job counts half; `excluded`: not at all. */
  partTime: z.enum(['proportional', 'half', 'excluded']).default('proportional'),
  /** A month counts only when at least this many days of it were worked (0: count fractions). */
  minDaysPerMonth: z.number().int().min(0).max(31).default(0),
});

/** "Level II: Level I plus 12 months of additional experience": every path of another class, with
 * these requirements and substitutions added to each. */
const Extends = z.strictObject({
  class: z.string().min(1),
  requirements: z.array(Requirement).default([]),
  substitutions: z.array(Substitution).default([]),
});

const ruleFields = {
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, 'must be letters, digits, dots and hyphens'),
  title: z.string().min(1),
  jurisdiction: z.string().min(1),
  effective: isoDate,
  /** The as-of date when the caller gives none ("by the last date of filing"). */
  qualifyingDate: isoDate.optional(),
  source: z.strictObject({ document: z.string().min(1), revised: z.string().optional(), url: z.string().optional() }),
  counting: Counting.default({ fullTimeHours: 40, partTime: 'proportional', minDaysPerMonth: 0 }),
  preferred: z.array(Preferred).default([]),
};

/** A rule file as written: `paths`, or `extends` with optional further paths. */
export const RuleFileInput = z
  .strictObject({ ...ruleFields, extends: Extends.optional(), paths: z.array(Path).default([]) })
  .refine((r) => r.paths.length > 0 || r.extends !== undefined, { message: 'a class needs paths, or extends another class', path: ['paths'] });

/** A rule with its `extends` resolved: what the engine reads. */
export const RuleFile = z.strictObject({ ...ruleFields, paths: z.array(Path).min(1) });

export type RuleFileInput = z.output<typeof RuleFileInput>;
export type RuleFile = z.output<typeof RuleFile>;
export type Path = RuleFile['paths'][number];
export type Requirement = z.output<typeof Requirement>;
export type ExperienceRequirement = Extract<Requirement, { kind: 'experience' }>;
export type EducationRequirement = Extract<Requirement, { kind: 'education' }>;
export type CredentialRequirement = Extract<Requirement, { kind: 'credential' }>;
export type CreditsRequirement = Extract<Requirement, { kind: 'credits' }>;
export type TrainingRequirement = Extract<Requirement, { kind: 'training' }>;
export type CertificationRequirement = Extract<Requirement, { kind: 'certification' }>;
export type ConditionRequirement = Extract<Requirement, { kind: 'condition' }>;
export type CriteriaRequirement = Extract<Requirement, { kind: 'criteria' }>;
export type Criterion = z.output<typeof Criterion>;
export type Substitution = z.output<typeof Substitution>;
export type Preferred = RuleFile['preferred'][number];
export type Counting = RuleFile['counting'];
export type ExperienceFilter = Pick<ExperienceRequirement, 'categories' | 'capacities' | 'exclude' | 'fullTimeOnly'>;
export type HoursFilter = { fields?: readonly string[] | undefined; exclude: readonly string[] };
export type CertificationFilter = { categories: readonly string[]; certifications: readonly string[] };
