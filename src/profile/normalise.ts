import { QualifyError, describeIssues, issuesOf, type FieldIssue } from '../errors.ts';
import { matchCertification, type CertMatch } from '../vocab/certifications.ts';
import { inferExperience } from '../vocab/categories.ts';
import { parseDegree } from '../vocab/degrees.ts';
import { matchField } from '../vocab/fields.ts';
import { closeCategories, type DegreeLevel, type ExperienceCategory, type FieldFamily } from '../vocab/ids.ts';
import { parsePartialDate, type PartialDate } from './dates.ts';
import { ProfileInput, type Profile } from './schema.ts';

/** A profile with every name matched to the vocabularies and every date parsed: what facts/ reads. */
export interface NormalisedProfile {
  id: string;
  degrees: Degree[];
  credits: Credits | null;
  jobs: Job[];
  certifications: Certification[];
  statement: string;
}

export interface Degree {
  index: number;
  level: DegreeLevel;
  levelText: string;
  fieldText: string | null;
  field: string | null;
  families: FieldFamily[];
  /** A foreign degree without a credential evaluation: counted in the generous reading only. */
  unevaluatedForeign: boolean;
}

export interface Credits {
  months: number;
  fieldText: string | null;
  families: FieldFamily[];
}

/** How a job's categories or supervision were known: stated in the profile, or inferred. */
export interface Attribution {
  source: 'profile' | 'inferred';
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
  categories: Set<ExperienceCategory>;
  supervisory: boolean;
  attribution: Attribution;
}

export interface Certification {
  index: number;
  name: string;
  match: CertMatch | null;
  issued: PartialDate | null;
  expires: PartialDate | null;
}

const FULL_TIME_HOURS = 40;
const MONTHS_PER_CREDIT_YEAR = 12;
const MAX_CREDIT_YEARS = 4;

/** Validates raw input (any shape) and normalises it; throws QUAL_ERR_INVALID_PROFILE naming every bad field. */
export function normaliseProfile(input: unknown): NormalisedProfile {
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw invalid(issuesOf(parsed.error));
  const profile = parsed.data;
  const issues: FieldIssue[] = [];
  const degrees = profile.education.flatMap((entry, index) => {
    const level = parseDegree(entry.level);
    if (!level.level) {
      issues.push({ path: `education[${index}].level`, message: `"${entry.level}" is not a degree level qualify recognises` });
      return [];
    }
    // "B.S. in Computer Science" given as the level names its field too.
    const fieldText = entry.field ?? level.field;
    const field = fieldText ? matchField(fieldText) : null;
    const degree: Degree = {
      index,
      level: level.level,
      levelText: entry.level,
      fieldText,
      field: field?.field ?? null,
      families: field?.families ?? [],
      unevaluatedForeign: entry.foreign === true && entry.evaluated !== true,
    };
    return [degree];
  });
  if (issues.length > 0) throw invalid(issues);
  return {
    id: profile.id,
    degrees,
    credits: normaliseCredits(profile),
    jobs: profile.experience.map(normaliseJob),
    certifications: profile.certifications.map((cert, index) => ({
      index,
      name: cert.name,
      match: matchCertification(cert.name),
      issued: cert.issued ? parsePartialDate(cert.issued) : null,
      expires: cert.expires ? parsePartialDate(cert.expires) : null,
    })),
    statement: profile.statement ?? '',
  };
}

function invalid(issues: FieldIssue[]): QualifyError {
  return new QualifyError('QUAL_ERR_INVALID_PROFILE', `invalid profile: ${describeIssues(issues)}`, issues);
}

/** 30 semester or 45 quarter hours make a year, at most four (READING.md §3). */
function normaliseCredits(profile: Profile): Credits | null {
  const credits = profile.collegeCredits;
  if (!credits || credits.hours === 0) return null;
  const hoursPerYear = credits.system === 'quarter' ? 45 : 30;
  const years = Math.min(MAX_CREDIT_YEARS, credits.hours / hoursPerYear);
  const field = credits.field ? matchField(credits.field) : null;
  return { months: years * MONTHS_PER_CREDIT_YEAR, fieldText: credits.field ?? null, families: field?.families ?? [] };
}

function normaliseJob(entry: Profile['experience'][number], index: number): Job {
  const stated = entry.categories !== undefined && entry.supervisory !== undefined;
  const inferred = stated ? null : inferExperience(entry.title, entry.description);
  const end = entry.end === undefined || entry.end === null || /^present$/i.test(entry.end) ? null : parsePartialDate(entry.end);
  return {
    index,
    title: entry.title,
    employer: entry.employer ?? null,
    start: parsePartialDate(entry.start) as PartialDate, // validated by the schema
    end,
    hoursPerWeek: entry.hoursPerWeek ?? FULL_TIME_HOURS,
    description: entry.description ?? '',
    categories: closeCategories(entry.categories ?? inferred?.categories ?? []),
    supervisory: entry.supervisory ?? inferred?.supervisory ?? false,
    attribution: inferred
      ? { source: 'inferred', confidence: inferred.confidence, evidence: inferred.evidence }
      : { source: 'profile', confidence: 1, evidence: [] },
  };
}
