import { z } from 'zod';
import { endsBeforeStart, parsePartialDate } from './dates.ts';

/** The candidate profile as received (docs/profile.md). Normalisation (names to ids, dates to
 * months, vocabulary ids checked) happens in normalise.ts; this schema only rejects what cannot be read. */

export const LIMITS = {
  listEntries: 50,
  shortText: 300,
  longText: 20_000,
  statement: 100_000,
} as const;

const shortText = z.string().max(LIMITS.shortText);
const longText = z.string().max(LIMITS.longText);

const dateText = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .refine((value) => parsePartialDate(value) !== null, {
    message: 'must be a date YYYY-MM-DD, YYYY-MM or YYYY',
  });

const endText = z.union([dateText, z.literal('present'), z.literal('Present'), z.null()]).optional();

const hoursOfCredit = z.number().min(0, 'must be 0 or more').max(1000, 'must be at most 1000');
const creditSystem = z.enum(['semester', 'quarter']).default('semester');
const id = z.string().min(1).max(80);

/** Credit hours by subject, taken within a degree. */
export const SubjectCreditsInput = z.object({ hours: hoursOfCredit, system: creditSystem, subject: shortText.min(1, 'must name the subject') });

export const EducationInput = z.object({
  level: shortText.min(1, 'must name a degree level'),
  credits: z.array(SubjectCreditsInput).max(LIMITS.listEntries).default([]),
  field: shortText.optional(),
  completed: dateText.optional(),
  foreign: z.boolean().optional(),
  evaluated: z.boolean().optional(),
});

/** Credit hours beyond (or without) a degree. */
export const CollegeCreditsInput = z.object({ hours: hoursOfCredit, system: creditSystem, field: shortText.optional() });

export const TrainingInput = z.object({
  name: shortText.min(1, 'must name the training'),
  hours: z.number().gt(0, 'must be more than 0 hours').max(10_000, 'must be at most 10000 hours'),
  completed: dateText.optional(),
});

export const ExperienceInput = z
  .object({
    title: shortText.default(''),
    employer: shortText.optional(),
    start: dateText,
    end: endText,
    hoursPerWeek: z
      .number()
      .gt(0, 'must be more than 0 hours per week')
      .max(168, 'must be at most 168 hours per week')
      .optional(),
    supervisory: z.boolean().optional(),
    categories: z.array(id).max(10).optional(),
    capacities: z.array(id).max(10).optional(),
    /** An answer to a screening question, not a documented job: the strict reading leaves it out. */
    selfReported: z.boolean().optional(),
    description: longText.optional(),
  })
  .superRefine((job, ctx) => {
    if (job.end === undefined || job.end === null || /^present$/i.test(job.end)) return;
    const start = parsePartialDate(job.start);
    const end = parsePartialDate(job.end);
    if (start && end && endsBeforeStart(start, end)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `ends (${job.end}) before it starts (${job.start})` });
    }
  });

export const CertificationInput = z.object({
  name: shortText.min(1, 'must name the certification'),
  issued: dateText.optional(),
  expires: dateText.optional(),
});

export const ProfileInput = z.object({
  id: z.union([z.string().min(1, 'must not be empty').max(LIMITS.shortText), z.number()]).transform(String),
  name: shortText.optional(),
  email: shortText.optional(),
  education: z.array(EducationInput).max(LIMITS.listEntries).default([]),
  /** One object, or a list of them. */
  collegeCredits: z.union([CollegeCreditsInput.transform((c) => [c]), z.array(CollegeCreditsInput).max(LIMITS.listEntries)]).default([]),
  experience: z.array(ExperienceInput).max(LIMITS.listEntries).default([]),
  certifications: z.array(CertificationInput).max(LIMITS.listEntries).default([]),
  training: z.array(TrainingInput).max(LIMITS.listEntries).default([]),
  statement: z.string().max(LIMITS.statement).optional(),
});

export type ProfileInput = z.input<typeof ProfileInput>;
export type Profile = z.output<typeof ProfileInput>;
export type ExperienceEntry = z.output<typeof ExperienceInput>;
