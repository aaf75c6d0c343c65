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
/** The columns qualify reads, as keys; name and email are known so that they are not reported as
 * ignored, though nothing reads them. */
const KNOWN = new RegExp(`^(?:id|name|email|statement|certifications|${numberedColumn})$`);

export const isKnownColumn = (key: string): boolean => KNOWN.test(key);

type Source = { n: number; line: number };
/** The N (and line) of each collegeCredits and training entry, as `jobs` and `degrees` are given. */
export type MoreSources = { credits?: readonly Source[]; trainings?: readonly Source[] };

/** `job1_end`, with the line when the entry came from another row (long layout). */
function column(prefix: string, source: Source | undefined, index: number, field: string, line: number): string {
  const name = `${prefix}${source?.n ?? index + 1}${field ? `_${field}` : ''}`;
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
