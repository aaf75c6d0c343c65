import { createHash } from 'node:crypto';

/** Maps a JSON Resume document (jsonresume.org: basics, work, education, certificates) onto the
 * profile shape (README, Profiles). Fields of ours placed beside theirs are kept. */

type Json = Record<string, unknown>;

const asList = (value: unknown): Json[] => (Array.isArray(value) ? (value.filter((v) => v && typeof v === 'object') as Json[]) : []);

export function isJsonResume(input: unknown): boolean {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return false;
  const doc = input as Json;
  return 'basics' in doc || 'work' in doc || 'certificates' in doc;
}

/** JSON Resume dates may carry a time or be empty; an empty end means "present". */
const day = (value: unknown): unknown => (typeof value === 'string' && value.length > 10 ? value.slice(0, 10) : value === '' ? undefined : value);

/** A JSON Resume has no id: derive a stable one that is not itself personal data (never the email). */
function stableId(basics: Json): string {
  const who = [basics.email, basics.name].filter((x) => typeof x === 'string').join('|');
  return `resume-${createHash('sha256').update(who || 'anonymous').digest('hex').slice(0, 10)}`;
}

export function fromJsonResume(input: Json): Json {
  const basics = (input.basics ?? {}) as Json;
  const profile: Json = {
    id: input.id ?? stableId(basics),
    name: basics.name,
    email: basics.email,
    education: asList(input.education).map((e) => ({
      level: e.studyType ?? e.level,
      field: e.area ?? e.field,
      completed: day(e.endDate ?? e.completed),
      ...(e.foreign !== undefined ? { foreign: e.foreign } : {}),
      ...(e.evaluated !== undefined ? { evaluated: e.evaluated } : {}),
    })),
    experience: asList(input.work).map((w) => ({
      title: w.position ?? w.title ?? '',
      employer: w.name ?? w.company ?? w.employer,
      start: day(w.startDate ?? w.start),
      end: day(w.endDate ?? w.end) ?? null,
      description: [w.summary, ...(Array.isArray(w.highlights) ? w.highlights : [])].filter((x) => typeof x === 'string').join('\n') || undefined,
      ...(w.hoursPerWeek !== undefined ? { hoursPerWeek: w.hoursPerWeek } : {}),
      ...(w.supervisory !== undefined ? { supervisory: w.supervisory } : {}),
      ...(w.categories !== undefined ? { categories: w.categories } : {}),
    })),
    certifications: asList(input.certificates).map((c) => ({
      name: c.name,
      issued: day(c.date ?? c.issued),
      ...(c.expires !== undefined ? { expires: day(c.expires) } : {}),
    })),
    statement: input.statement ?? basics.summary,
    ...(input.collegeCredits !== undefined ? { collegeCredits: input.collegeCredits } : {}),
  };
  return JSON.parse(JSON.stringify(profile)) as Json; // drops the undefined keys
}
