import { QualifyError, describeIssues, issuesOf, type FieldIssue } from '../errors.ts';
import type { CertMatch } from '../vocab/certifications.ts';
import type { Vocabulary } from '../vocab/vocabulary.ts';
import type { PartialDate } from './dates.ts';
import { fromJsonResume, isJsonResume, resumePath } from './json-resume.ts';
import { readJob } from './job.ts';
import { accepted, creditSystem, date, flag, hours, list, object, optional, profileId, text } from './read.ts';
import { LIMITS, ProfileInput } from './schema.ts';

/** A profile with every name matched to the vocabularies and every date parsed: what facts/ reads. */
export interface NormalisedProfile {
  id: string;
  degrees: Degree[];
  /** Degrees whose level qualify cannot read: kept to be named in decisions, counted for nothing. */
  unrecognisedDegrees: UnrecognisedDegree[];
  /** College credit hours beyond any degree, one entry per line of the profile. */
  credits: CreditEntry[];
  jobs: Job[];
  certifications: Certification[];
  training: Training[];
  statement: string;
}

/** Hours of study in a subject: `ids` are the field and family ids the subject counts for. */
export interface SubjectHours {
  /** Semester hours (quarter hours are two thirds of one). */
  hours: number;
  subject: string | null;
  ids: ReadonlySet<string>;
}

export interface Degree {
  index: number;
  level: string;
  levelText: string;
  fieldText: string | null;
  field: string | null;
  /** The field's id and family id: what a rule's `fields` is compared with. */
  fieldIds: string[];
  /** A foreign degree without a credential evaluation: counted in the generous reading only. */
  unevaluatedForeign: boolean;
  /** Subject credit hours taken within the degree. */
  credits: SubjectHours[];
}

export interface UnrecognisedDegree {
  index: number;
  levelText: string;
  fieldText: string | null;
}

export interface CreditEntry extends SubjectHours {
  index: number;
}

/** How a job's categories or capacities were known: stated in the profile, or inferred (and which). */
export interface Attribution {
  source: 'profile' | 'inferred';
  /** What was read from the title and duties; the rest was stated. */
  inferred: Array<'categories' | 'capacities'>;
  confidence: number;
  evidence: string[];
}

export interface Job {
  index: number;
  title: string;
  employer: string | null;
  start: PartialDate;
  end: PartialDate | null; // null: to the as-of date
  hoursPerWeek: number;
  description: string;
  categories: Set<string>;
  capacities: Set<string>;
  /** An applicant's answer to a screening question: counted in the generous reading only. */
  selfReported: boolean;
  attribution: Attribution;
}

export interface Certification {
  index: number;
  name: string;
  match: CertMatch | null;
  issued: PartialDate | null;
  expires: PartialDate | null;
}

export interface Training {
  index: number;
  name: string;
  hours: number;
  ids: ReadonlySet<string>;
}

const QUARTER_TO_SEMESTER = 2 / 3;

/** Validates raw input (any shape) and normalises it; throws QUAL_ERR_INVALID_PROFILE naming every bad field.
 * One pass reads what the schema accepts; anything else goes to zod, whose messages name the fields. */
export function normaliseProfile(input: unknown, vocab: Vocabulary): NormalisedProfile {
  return readProfile(input, vocab) ?? normaliseWithSchema(input, vocab);
}

/** A profile of ours or a JSON Resume document, normalised; a document's errors name its own fields
 * (`work[0].endDate`), not ours it was mapped onto. */
export function normaliseInput(input: unknown, vocab: Vocabulary): NormalisedProfile {
  if (!isJsonResume(input)) return normaliseProfile(input, vocab);
  const doc = input as Record<string, unknown>;
  try {
    return normaliseProfile(fromJsonResume(doc), vocab);
  } catch (error) {
    if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') throw error;
    throw invalid(error.issues.map((issue) => ({ ...issue, path: resumePath(issue.path, doc) })));
  }
}

/** The fast path: null for any input ProfileInput refuses, else what normaliseWithSchema gives. */
export const readProfile = (input: unknown, vocab: Vocabulary): NormalisedProfile | null => accepted(() => walk(input, vocab));

/** The path of zod's messages: its output (ids as text, defaults filled in, one credit entry as a list) is then read like any input. */
export function normaliseWithSchema(input: unknown, vocab: Vocabulary): NormalisedProfile {
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw invalid(issuesOf(parsed.error));
  const profile = readProfile(parsed.data, vocab);
  if (!profile) throw new Error('qualify: the profile reader refused what the schema accepts');
  return profile;
}

function invalid(issues: FieldIssue[]): QualifyError {
  return new QualifyError('QUAL_ERR_INVALID_PROFILE', `invalid profile: ${describeIssues(issues)}`, issues);
}

/** The walk of ProfileInput, field by field, building the normalised profile as it goes. */
function walk(input: unknown, vocab: Vocabulary): NormalisedProfile {
  const p = object(input);
  const id = profileId(p.id);
  optional(p.name, text);
  optional(p.email, text);
  // A level qualify cannot read does not refuse the profile: the degree counts for nothing and
  // decisions that are not met name it with the known levels (docs/profile.md).
  const unrecognisedDegrees: UnrecognisedDegree[] = [];
  const degrees = list(p.education, (e, index) => readDegree(e, index, vocab, unrecognisedDegrees)).filter((d) => d !== null);
  // One credit entry, or a list of them.
  const credits = Array.isArray(p.collegeCredits) || p.collegeCredits === undefined ? list(p.collegeCredits, (c, index) => readCredit(c, index, vocab)) : [readCredit(p.collegeCredits, 0, vocab)];
  // Unknown ids are named once the whole profile is read: problems of shape come first.
  const issues: FieldIssue[] = [];
  const jobs = list(p.experience, (e, index) => readJob(e, index, vocab, issues));
  const certifications = list(p.certifications, (c, index) => readCertification(c, index, vocab));
  const training = list(p.training, (t, index) => readTraining(t, index, vocab));
  const statement = optional(p.statement, (s) => text(s, LIMITS.statement)) ?? '';
  if (issues.length > 0) throw invalid(issues);
  return { id, degrees, unrecognisedDegrees, credits: credits.filter((c) => c !== null), jobs, certifications, training, statement };
}

const semester = (hours: number, system: 'semester' | 'quarter'): number => (system === 'quarter' ? hours * QUARTER_TO_SEMESTER : hours);

/** The field and family ids a subject is matched to, and those it mentions. */
const subjectIds = (subject: string | undefined, vocab: Vocabulary): ReadonlySet<string> =>
  subject ? new Set([...vocab.matchField(subject).ids, ...vocab.mentioned(subject)]) : new Set();

function readDegree(raw: unknown, index: number, vocab: Vocabulary, unrecognised: UnrecognisedDegree[]): Degree | null {
  const e = object(raw);
  const levelText = text(e.level, LIMITS.shortText, 1);
  const credits = list(e.credits, (c): SubjectHours => {
    const entry = object(c);
    const semesterHours = semester(creditHours(entry.hours), creditSystem(entry.system));
    const subject = text(entry.subject, LIMITS.shortText, 1);
    return { hours: semesterHours, subject, ids: subjectIds(subject, vocab) };
  });
  const fieldGiven = optional(e.field, text);
  optional(e.completed, date);
  const foreign = optional(e.foreign, flag);
  const evaluated = optional(e.evaluated, flag);
  const parsed = vocab.parseDegree(levelText);
  if (!parsed.level) {
    unrecognised.push({ index, levelText, fieldText: fieldGiven ?? null });
    return null;
  }
  // "B.S. in Computer Science" given as the level names its field too.
  const fieldText = fieldGiven ?? parsed.field;
  const field = fieldText ? vocab.matchField(fieldText) : null;
  return { index, level: parsed.level, levelText, fieldText, field: field?.field ?? null, fieldIds: field?.ids ?? [], unevaluatedForeign: foreign === true && evaluated !== true, credits };
}

const creditHours = (v: unknown): number => hours(v, LIMITS.creditHours, 'allowed');

/** null for an entry of 0 hours, which is read and then ignored. */
function readCredit(raw: unknown, index: number, vocab: Vocabulary): CreditEntry | null {
  const c = object(raw);
  const given = creditHours(c.hours);
  const system = creditSystem(c.system);
  const field = optional(c.field, text);
  return given > 0 ? { index, hours: semester(given, system), subject: field ?? null, ids: subjectIds(field, vocab) } : null;
}

function readCertification(raw: unknown, index: number, vocab: Vocabulary): Certification {
  const c = object(raw);
  const name = text(c.name, LIMITS.shortText, 1);
  return { index, name, match: vocab.matchCertification(name), issued: optional(c.issued, date) ?? null, expires: optional(c.expires, date) ?? null };
}

function readTraining(raw: unknown, index: number, vocab: Vocabulary): Training {
  const t = object(raw);
  const name = text(t.name, LIMITS.shortText, 1);
  const given = hours(t.hours, LIMITS.trainingHours, 'refused');
  optional(t.completed, date);
  return { index, name, hours: given, ids: subjectIds(name, vocab) };
}
