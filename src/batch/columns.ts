import Fuse from 'fuse.js';

/** Applicant CSV header names are matched ignoring case, spaces, underscores and punctuation:
 * `Job 1 Title` = `job1_title`. */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The numbered column families (`job3_title` is the title of job 3), the profile list each
 * becomes, and the fields of one entry. */
export const FAMILIES = {
  job: { list: 'experience', fields: ['title', 'employer', 'start', 'end', 'hours', 'supervisory', 'categories', 'capacities', 'description'] },
  degree: { list: 'education', fields: ['level', 'field', 'completed', 'foreign', 'evaluated', 'credits'] },
  credit: { list: 'collegeCredits', fields: ['hours', 'system', 'field'] },
  training: { list: 'training', fields: ['name', 'hours', 'completed'] },
} as const;

export type Family = keyof typeof FAMILIES;
export const FAMILY_NAMES = Object.keys(FAMILIES) as Family[];

const numberedColumn = FAMILY_NAMES.map((family) => `${family}\\d+(?:${FAMILIES[family].fields.join('|')})`).join('|');
/** The columns qualify reads, as keys. name, email and self_id_group (the voluntary
 * self-identification column `qualify generate` writes, for --group-by) are known so that they are
 * not refused as unknown, though nothing reads them for scoring. */
const KNOWN = new RegExp(`^(?:id|name|email|selfidgroup|statement|certifications|${numberedColumn})$`);

export const isKnownColumn = (key: string): boolean => KNOWN.test(key);

/** Other names for a column, read without a map (their key → ours): what applicant-tracking
 * systems call the applicant's id. */
export const ALIASES: Readonly<Record<string, string>> = { applicantid: 'id', candidateid: 'id', applicantnumber: 'id' };

const UNNUMBERED = new RegExp(`^(${FAMILY_NAMES.join('|')})(?=[a-z])`);
/** The key a header name is read as: `Candidate ID` → `id` (an alias), `Job Title` → `job1title`,
 * `credit_hours` → `credit1hours` (an export with one job, or the long layout, rarely numbers it).
 * Other names stay as they are, so that `Training Group` can be --group-by. */
export function readAs(name: string): string {
  const key = columnKey(name);
  if (Object.hasOwn(ALIASES, key)) return ALIASES[key]!;
  const first = key.replace(UNNUMBERED, '$11');
  return isKnownColumn(first) ? first : key;
}

const NUMBERED = new RegExp(`^(${FAMILY_NAMES.join('|')})(\\d+)(.+)$`);
/** `job1title` → `job1_title`: a known column as docs/csv.md names it, as error messages do. */
export function columnName(key: string): string {
  const m = NUMBERED.exec(key);
  return m ? `${m[1]}${m[2]}_${m[3]}` : key === 'selfidgroup' ? 'self_id_group' : key;
}

const ENTRY_NUMBER = new RegExp(`^(${FAMILY_NAMES.join('|')})\\d+`);
/** `degree2level` → `degree#level`: the column family a conversion may name as `degreeN_level`. */
export const familyPattern = (key: string): string => key.replace(ENTRY_NUMBER, '$1#');

const FAMILY_PATTERN = new RegExp(`^(${FAMILY_NAMES.join('|')})n(${[...new Set(FAMILY_NAMES.flatMap((f) => FAMILIES[f].fields))].join('|')})$`);
/** The column (`degree1level`) or column family (`degree#level`, written `degreeN_level`) a name in
 * a map file stands for, or null when it is neither. */
export function targetOf(name: string): string | null {
  const m = FAMILY_PATTERN.exec(columnKey(name));
  if (m && (FAMILIES[m[1] as Family].fields as readonly string[]).includes(m[2]!)) return `${m[1]}#${m[2]}`;
  const key = readAs(name);
  return isKnownColumn(key) ? key : null;
}

/** What a column holds, for the conversions of a map file: `date` (start and completion dates),
 * `end` (a date, or a word for a job still held), `bool`, `number`, `list` (split on `;` unless the
 * map says otherwise) or `text`. Takes a key or a family pattern. */
export type ColumnKind = 'date' | 'end' | 'bool' | 'number' | 'list' | 'text';
const FIELD_KINDS: Record<string, ColumnKind> = { start: 'date', end: 'end', completed: 'date', supervisory: 'bool', foreign: 'bool', evaluated: 'bool', hours: 'number', categories: 'list', capacities: 'list', credits: 'list' };
const ENTRY_FIELD = new RegExp(`^(?:${FAMILY_NAMES.join('|')})(?:\\d+|#)(\\w+)$`);
export function columnKind(key: string): ColumnKind {
  if (key === 'certifications') return 'list';
  const m = ENTRY_FIELD.exec(key);
  return m && Object.hasOwn(FIELD_KINDS, m[1]!) ? FIELD_KINDS[m[1]!]! : 'text';
}

/** The columns that hold lists, as docs/csv.md names them. */
export const LIST_COLUMNS = ['certifications', 'jobN_categories', 'jobN_capacities', 'degreeN_credits'];

/** Words people head these columns with, to find the column meant by a header qualify does not
 * know (`Major` → `degree1_field`). `#` is the entry's number. */
const WORDS: Record<string, readonly string[]> = {
  id: ['applicant id', 'candidate id', 'applicant number'],
  name: ['full name', 'candidate name'],
  email: ['email address', 'e-mail'],
  statement: ['cover letter', 'personal statement'],
  certifications: ['certs', 'licenses', 'certificates'],
  'job#_title': ['position', 'job title'],
  'job#_employer': ['company', 'organization', 'employer name'],
  'job#_start': ['start date', 'from', 'date started'],
  'job#_end': ['end date', 'to', 'date left'],
  'job#_hours': ['hours per week'],
  'job#_supervisory': ['supervisor', 'supervised others'],
  'job#_categories': ['experience type'],
  'job#_capacities': ['role'],
  'job#_description': ['duties', 'responsibilities'],
  'degree#_level': ['highest degree', 'education level', 'degree'],
  'degree#_field': ['major', 'field of study', 'discipline'],
  'degree#_completed': ['graduation date', 'year graduated'],
  'degree#_foreign': ['foreign degree'],
  'degree#_evaluated': ['credential evaluation'],
  'degree#_credits': ['coursework'],
  'credit#_hours': ['college credits', 'credit hours'],
  'credit#_system': ['semester or quarter'],
  'credit#_field': ['credit subject'],
  'training#_name': ['course', 'bootcamp'],
  'training#_hours': ['training hours'],
  'training#_completed': ['training date'],
};

/** The known columns for entry number `n`, each with the keys it may be written as. */
function candidates(n: string): Array<{ column: string; key: string }> {
  return Object.entries(WORDS).flatMap(([pattern, words]) => {
    const column = pattern.replace('#', n);
    const family = pattern.replace(/#.*/, '');
    const keys = new Set([columnKey(column), ...(pattern.includes('#') ? words.map((w) => columnKey(`${family} ${n} ${w}`)) : []), ...words.map(columnKey)]);
    return [...keys].map((key) => ({ column, key }));
  });
}

const FUSES = new Map<string, Fuse<{ column: string; key: string }>>();
const CURRENT = /^(current|mostrecent|latest|present)(?=[a-z])/;

/** The known columns nearest a header name, best first, with fuse.js scores (0 is exact, 0.6 the
 * farthest returned). The entry number of a numbered name is kept: `Job 2 Strat` → `job2_start`. */
export function nearestColumns(name: string, limit = 3): Array<{ column: string; score: number }> {
  const n = /\d+/.exec(name)?.[0] ?? '1';
  let fuse = FUSES.get(n);
  if (!fuse) FUSES.set(n, (fuse = new Fuse(candidates(n), { keys: ['key'], includeScore: true, threshold: 0.6 })));
  const best = new Map<string, number>();
  // "Current Title", "Most Recent Employer": an export with one job names it so.
  for (const hit of fuse.search(columnKey(name).replace(CURRENT, ''))) if (!best.has(hit.item.column)) best.set(hit.item.column, hit.score ?? 1);
  return [...best].slice(0, limit).map(([column, score]) => ({ column, score }));
}

/** `Clerical/Administrative` reads as `clerical-administrative`: ids matched as loosely as headers,
 * whatever the vocabulary. What is not an id is left for profile validation to name. */
export const idOf = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || name;

/** A header that looks like voluntary self-identification, never read for scoring: for --group-by. */
export const looksDemographic = (name: string): boolean => /race|ethnic|gender|\bsex\b|disabilit|veteran/i.test(name);

/** A screening question answered in years ("Years of IT experience"): self-reported experience, by a map's selfReported:. */
export const looksSelfReported = (name: string): boolean => /\byears?\b.*\bexperience\b|\bexperience\b.*\byears?\b/i.test(name);

/** Where a profile entry came from: numbered column N of a line, or (`column`) another column,
 * such as a self-reported answer read from a map's `selfReported:` question. */
type Source = { n: number; line: number; column?: string };
/** The N (and line) of each collegeCredits and training entry, as `jobs` and `degrees` are given. */
export type MoreSources = { credits?: readonly Source[]; trainings?: readonly Source[] };

/** `job1_end`, with the line when the entry came from another row (long layout). */
function column(prefix: string, source: Source | undefined, index: number, field: string, line: number): string {
  const name = source?.column ?? `${prefix}${source?.n ?? index + 1}${field ? `_${field}` : ''}`;
  return source && source.line !== line ? `${name} (line ${source.line})` : name;
}

const FAMILY_OF_LIST = new Map(FAMILY_NAMES.map((family) => [FAMILIES[family].list as string, family]));
const ENTRY_PATH = new RegExp(`^(${[...FAMILY_OF_LIST.keys()].join('|')})\\[(\\d+)\\]\\.?(\\w*)`);
/** Profile fields named otherwise than their column. */
const FIELD_COLUMNS: Record<string, string> = { hoursPerWeek: 'hours' };

/** The CSV column a profile field came from, for error messages: experience[0].end → job1_end,
 * education[0].credits[1].hours → degree1_credits. Without the sources of credits and trainings,
 * entry i is taken to come from column number i + 1. */
export function columnOf(path: string, jobs: readonly Source[], degrees: readonly Source[], line: number, more: MoreSources = {}): string {
  const entry = ENTRY_PATH.exec(path);
  if (entry) {
    const family = FAMILY_OF_LIST.get(entry[1]!)!;
    const sources = { job: jobs, degree: degrees, credit: more.credits ?? [], training: more.trainings ?? [] }[family];
    const index = Number(entry[2]);
    const field = entry[3] ?? '';
    return column(family, sources[index], index, FIELD_COLUMNS[field] ?? field, line);
  }
  if (path.startsWith('certifications')) return 'certifications';
  return path;
}
