import { QualifyError, describeIssues, issuesOf, type FieldIssue } from '../errors.ts';
import type { Inference } from '../vocab/categories.ts';
import type { CertMatch } from '../vocab/certifications.ts';
import { knownIds, type IdKind, type Vocabulary } from '../vocab/vocabulary.ts';
import { parsePartialDate, type PartialDate } from './dates.ts';
import { ProfileInput, type Profile } from './schema.ts';

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

const FULL_TIME_HOURS = 40;
const QUARTER_TO_SEMESTER = 2 / 3;
/** The profile field `supervisory: true` is the capacity of that id. */
const SUPERVISORY = 'supervisory';

/** Validates raw input (any shape) and normalises it; throws QUAL_ERR_INVALID_PROFILE naming every bad field. */
export function normaliseProfile(input: unknown, vocab: Vocabulary): NormalisedProfile {
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw invalid(issuesOf(parsed.error));
  const profile = parsed.data;
  const issues: FieldIssue[] = [];
  const subject = (text: string | undefined): ReadonlySet<string> => {
    if (!text) return new Set();
    return new Set([...vocab.matchField(text).ids, ...vocab.mentioned(text)]);
  };
  const semester = (c: { hours: number; system: 'semester' | 'quarter' }) => (c.system === 'quarter' ? c.hours * QUARTER_TO_SEMESTER : c.hours);
  // A level qualify cannot read does not refuse the profile: the degree counts for nothing and
  // decisions that are not met name it with the known levels (docs/profile.md).
  const unrecognisedDegrees: UnrecognisedDegree[] = [];
  const degrees = profile.education.flatMap((entry, index) => {
    const parsedLevel = vocab.parseDegree(entry.level);
    if (!parsedLevel.level) {
      unrecognisedDegrees.push({ index, levelText: entry.level, fieldText: entry.field ?? null });
      return [];
    }
    // "B.S. in Computer Science" given as the level names its field too.
    const fieldText = entry.field ?? parsedLevel.field;
    const field = fieldText ? vocab.matchField(fieldText) : null;
    const degree: Degree = {
      index,
      level: parsedLevel.level,
      levelText: entry.level,
      fieldText,
      field: field?.field ?? null,
      fieldIds: field?.ids ?? [],
      unevaluatedForeign: entry.foreign === true && entry.evaluated !== true,
      credits: entry.credits.map((c) => ({ hours: semester(c), subject: c.subject, ids: subject(c.subject) })),
    };
    return [degree];
  });
  const jobs = profile.experience.map((entry, index) => normaliseJob(entry, index, vocab, issues));
  if (issues.length > 0) throw invalid(issues);
  return {
    id: profile.id,
    degrees,
    unrecognisedDegrees,
    credits: profile.collegeCredits.flatMap((c, index) => (c.hours > 0 ? [{ index, hours: semester(c), subject: c.field ?? null, ids: subject(c.field) }] : [])),
    jobs,
    certifications: profile.certifications.map((cert, index) => ({
      index,
      name: cert.name,
      match: vocab.matchCertification(cert.name),
      issued: cert.issued ? parsePartialDate(cert.issued) : null,
      expires: cert.expires ? parsePartialDate(cert.expires) : null,
    })),
    training: profile.training.map((t, index) => ({ index, name: t.name, hours: t.hours, ids: subject(t.name) })),
    statement: profile.statement ?? '',
  };
}

function invalid(issues: FieldIssue[]): QualifyError {
  return new QualifyError('QUAL_ERR_INVALID_PROFILE', `invalid profile: ${describeIssues(issues)}`, issues);
}

/** Stated ids must be known to the vocabularies, so a misspelt category is an error, not a silent zero. */
function checked(values: readonly string[] | undefined, kind: IdKind, path: string, vocab: Vocabulary, issues: FieldIssue[]): string[] | undefined {
  if (values === undefined) return undefined;
  const known = knownIds(vocab, kind);
  values.forEach((value, i) => {
    if (!known.includes(value)) issues.push({ path: `${path}[${i}]`, message: `"${value}" is not a known ${kind}; known: ${known.join(', ')}` });
  });
  return [...values];
}

function normaliseJob(entry: Profile['experience'][number], index: number, vocab: Vocabulary, issues: FieldIssue[]): Job {
  const stated = {
    categories: checked(entry.categories, 'category', `experience[${index}].categories`, vocab, issues),
    capacities: checked(entry.capacities, 'capacity', `experience[${index}].capacities`, vocab, issues),
  };
  if (entry.supervisory !== undefined) stated.capacities = [...new Set([...(stated.capacities ?? []), ...(entry.supervisory ? [SUPERVISORY] : [])])];
  const inferred = stated.categories !== undefined && stated.capacities !== undefined ? null : vocab.inferExperience(entry.title, entry.description);
  const end = entry.end === undefined || entry.end === null || /^present$/i.test(entry.end) ? null : parsePartialDate(entry.end);
  return {
    index,
    title: entry.title,
    employer: entry.employer ?? null,
    start: parsePartialDate(entry.start) as PartialDate, // validated by the schema
    end,
    hoursPerWeek: entry.hoursPerWeek ?? FULL_TIME_HOURS,
    description: entry.description ?? '',
    categories: vocab.close(stated.categories ?? inferred?.categories ?? []),
    capacities: new Set(stated.capacities ?? inferred?.capacities ?? []),
    selfReported: entry.selfReported === true,
    attribution: inferred ? inferredAttribution(inferred, stated) : { source: 'profile', inferred: [], confidence: 1, evidence: [] },
  };
}

/** What was read of a job and how surely: the confidence is that of the categories read; capacities
 * read beside stated categories rest on phrases that name them outright (src/vocab/categories.ts). */
function inferredAttribution(inferred: Inference, stated: Record<'categories' | 'capacities', string[] | undefined>): Attribution {
  const read = (['categories', 'capacities'] as const).filter((k) => stated[k] === undefined);
  return { source: 'inferred', inferred: read, confidence: read.includes('categories') ? inferred.confidence : 1, evidence: inferred.evidence };
}
