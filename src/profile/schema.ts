import { z } from 'zod';
import { endsBeforeStart, parsePartialDate } from './dates.ts';

/** The candidate profile as received (docs/profile.md). Normalisation (names to ids, dates to
 * months, vocabulary ids checked) happens in normalise.ts; this schema only rejects what cannot be read. */

export const LIMITS = {
  listEntries: 50,
  shortText: 300,
  longText: 20_000,
  statement: 100_000,
  creditHours: 1000,
  trainingHours: 10_000,
  hoursPerWeek: 168,
  /** A job's stated categories and capacities: how many, and how long each id. */
  jobIds: 10,
  idLength: 80,
} as const;

const shortText = z.string().max(LIMITS.shortText);
const longText = z.string().max(LIMITS.longText);

const DATE_FORMS = 'a date YYYY-MM-DD, YYYY-MM or YYYY';

const dateText = z
  .union([z.string(), z.number().int()], { error: `must be ${DATE_FORMS}` })
  .transform((value) => String(value))
  .refine((value) => parsePartialDate(value) !== null, {
    message: `must be ${DATE_FORMS}`,
  });

const endText = z.union([dateText, z.literal('present'), z.literal('Present'), z.null()], { error: `must be ${DATE_FORMS}, "present" or null` }).optional();

const hoursOfCredit = z.number().min(0, 'must be 0 or more').max(LIMITS.creditHours, `must be at most ${LIMITS.creditHours}`);
const creditSystem = z.enum(['semester', 'quarter']).default('semester');
const id = z.string().min(1).max(LIMITS.idLength);

/** Credit hours by subject, taken within a degree. */
export const SubjectCreditsInput = z.object({
  hours: hoursOfCredit.describe('Credit hours of the subject taken within the degree, 0 to 1000, in the unit of system.'),
  system: creditSystem.describe('semester (default) or quarter: the unit of hours; a quarter hour counts as two thirds of a semester hour.'),
  subject: shortText.min(1, 'must name the subject').describe('The subject as written ("Computer Science"), matched to the fields of study.'),
});

export const EducationInput = z.object({
  level: shortText
    .min(1, 'must name a degree level')
    .describe('The degree as written ("B.S.", "BSc (Hons) Computing", "MBA", "GED"), matched to none, high-school, associate, bachelor, master or doctorate; words after the level ("B.S. in Computer Science") are read as its field.'),
  credits: z.array(SubjectCreditsInput).max(LIMITS.listEntries).default([]).describe('Credit hours by subject taken within this degree, at most 50 entries; they count inside its hours, not on top of them.'),
  field: shortText.optional().describe('The field of study as written ("Computer Science", "comp sci"); wins over a field read from level.'),
  completed: dateText.optional().describe('When the degree was completed: YYYY-MM-DD, YYYY-MM or YYYY. Kept for the record; not used in the decision.'),
  foreign: z.boolean().optional().describe('true for a degree from outside the country: without evaluated: true it counts in the generous reading only, so it can lead to review.'),
  evaluated: z.boolean().optional().describe('true when a foreign degree has a credential evaluation, so that it counts in the strict reading too.'),
});

/** Credit hours beyond (or without) a degree. */
export const CollegeCreditsInput = z.object({
  hours: hoursOfCredit.describe('Credit hours beyond or without a degree, 0 to 1000, in the unit of system; an entry of 0 hours is ignored.'),
  system: creditSystem.describe('semester (default) or quarter: the unit of hours; a quarter hour counts as two thirds of a semester hour.'),
  field: shortText.optional().describe('The subject as written; without one the hours count only where a clause names no field.'),
});

export const TrainingInput = z.object({
  name: shortText.min(1, 'must name the training').describe('The course name as written; its subject is read from it ("Cybersecurity Bootcamp").'),
  hours: z.number().gt(0, 'must be more than 0 hours').max(LIMITS.trainingHours, `must be at most ${LIMITS.trainingHours} hours`).describe('Hours of instruction, more than 0, at most 10000.'),
  completed: dateText.optional().describe('When the course was completed: YYYY-MM-DD, YYYY-MM or YYYY. Kept for the record; not used in the decision.'),
});

export const ExperienceInput = z
  .object({
    title: shortText.default('').describe('The job title; read for the kind of job when categories or capacities are not given.'),
    employer: shortText.optional().describe('The employer, shown in reasons.'),
    start: dateText.describe('First day, month or year of the job: YYYY-MM-DD, YYYY-MM or YYYY (a year may be a number). A year-only date is read as January generously and December strictly.'),
    end: endText.describe('Last day, month or year of the job, as for start; missing, null or "present" runs to the as-of date. Must not be before start.'),
    hoursPerWeek: z
      .number()
      .gt(0, 'must be more than 0 hours per week')
      .max(LIMITS.hoursPerWeek, `must be at most ${LIMITS.hoursPerWeek} hours per week`)
      .optional()
      .describe('Hours a week, more than 0, at most 168; 40 when missing. Part-time work counts min(hours, full time) / full time of each month.'),
    supervisory: z.boolean().optional().describe('true adds the capacity supervisory; either value states the capacities, so none are read from the title.'),
    categories: z.array(id).max(LIMITS.jobIds).optional().describe('Ids of the kinds of work (categories of GET /v1/vocabularies, e.g. it-infrastructure), at most 10; when missing, read from the title and description.'),
    capacities: z.array(id).max(LIMITS.jobIds).optional().describe('Ids of the capacities the job was held in (capacities of GET /v1/vocabularies, e.g. supervisory, lead), at most 10; when missing, read from the title and description.'),
    /** An answer to a screening question, not a documented job: the strict reading leaves it out. */
    selfReported: z.boolean().optional().describe('true for an answer to a screening question, not a documented job: the strict reading gives it no category or capacity, and a person must verify it.'),
    description: longText.optional().describe('The duties, up to 20000 characters; read for the kind of job when not stated, and for evidence of criteria.'),
  })
  .superRefine((job, ctx) => {
    // A start or end still of the wrong type (an integer beyond 2^53 fails softly) has its own issue already.
    if (typeof job.start !== 'string' || typeof job.end !== 'string' || /^present$/i.test(job.end)) return;
    const start = parsePartialDate(job.start);
    const end = parsePartialDate(job.end);
    if (start && end && endsBeforeStart(start, end)) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `ends (${job.end}) before it starts (${job.start})` });
    }
  });

export const CertificationInput = z.object({
  name: shortText.min(1, 'must name the certification').describe('The certification as written ("CCNA", "PMP", "SAA-C03"), matched to the catalogue; a name not matched counts in the generous reading only.'),
  issued: dateText.optional().describe('When it was issued: YYYY-MM-DD, YYYY-MM or YYYY (a year means 1 January). It counts only if issued by the as-of date.'),
  expires: dateText.optional().describe('When it expires: YYYY-MM-DD, YYYY-MM or YYYY, read at the end of the month (or year). It counts only if not expired on the as-of date.'),
});

export const ProfileInput = z.object({
  id: z
    .union([z.string().min(1, 'must not be empty').max(LIMITS.shortText), z.number()], { error: (issue) => (issue.input === undefined ? 'is required' : 'must be text or a number') })
    .transform(String)
    .describe('The id of the profile, echoed in every decision; a number is turned into a string.'),
  name: shortText.optional().describe('The name of the candidate; not used in the decision, never logged.'),
  email: shortText.optional().describe('The email of the candidate; not used in the decision, never logged.'),
  education: z.array(EducationInput).max(LIMITS.listEntries).default([]).describe('Degrees and diplomas held, at most 50.'),
  /** One object, or a list of them. */
  collegeCredits: z
    .union([CollegeCreditsInput.transform((c) => [c]).describe('One credit entry.'), z.array(CollegeCreditsInput).max(LIMITS.listEntries).describe('A list of credit entries.')], {
      error: 'must be a credit entry ({ "hours": …, "field": … }) or a list of them',
    })
    .default([])
    .describe('College credit hours beyond or without a degree: one object, or a list of at most 50.'),
  experience: z.array(ExperienceInput).max(LIMITS.listEntries).default([]).describe('Jobs held, and answers to screening questions about experience, at most 50.'),
  certifications: z.array(CertificationInput).max(LIMITS.listEntries).default([]).describe('Certifications, by the names people write, at most 50.'),
  training: z.array(TrainingInput).max(LIMITS.listEntries).default([]).describe('Courses outside a degree, with their hours, at most 50.'),
  statement: z.string().max(LIMITS.statement).optional().describe('A supporting statement, up to 100000 characters: free text read for evidence of person-specification criteria; never logged.'),
});

export type ProfileInput = z.input<typeof ProfileInput>;
export type Profile = z.output<typeof ProfileInput>;
export type ExperienceEntry = z.output<typeof ExperienceInput>;
