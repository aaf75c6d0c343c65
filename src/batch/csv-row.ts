import type { FieldIssue } from '../errors.ts';
import { ExperienceCategory } from '../vocab/ids.ts';
import { columnKey, DEGREE_FIELDS, JOB_FIELDS } from './columns.ts';
import type { Header } from './header.ts';

/** One applicant read from the CSV: the profile input, where each entry came from, and what could
 * not be read (named by column). The profile is validated later, by the same schema as the API's. */
export interface ApplicantRow {
  line: number;
  id: string;
  profile: Record<string, unknown>;
  /** CSV column number N and line of each job and degree, in profile order, to name columns in errors. */
  jobs: Source[];
  degrees: Source[];
  issues: FieldIssue[];
  /** The raw value of the `--group-by` column, for the adverse-impact report. */
  group?: string;
}

/** A CSV record keyed by column key (`job1title`). */
export type Fields = Record<string, string | undefined>;
export type Source = { n: number; line: number };
export type RowShape = Pick<Header, 'jobs' | 'degrees' | 'groupBy'>;

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0']);
/** `IT Infrastructure` reads as `it-infrastructure`: category ids matched as loosely as headers. */
const CATEGORIES = new Map(ExperienceCategory.options.map((id) => [columnKey(id), id]));

const text = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** The object without its undefined entries: the profile holds only what the row says. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const key of Object.keys(o)) if (o[key] === undefined) delete o[key];
  return o;
}

function bool(value: string | undefined, column: string, issues: FieldIssue[]): boolean | undefined {
  if (value === undefined) return undefined;
  if (TRUE.has(value.toLowerCase())) return true;
  if (FALSE.has(value.toLowerCase())) return false;
  issues.push({ path: column, message: `"${value}" is not yes/no/true/false/1/0` });
  return undefined;
}

function number(value: string | undefined, column: string, issues: FieldIssue[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return n;
  issues.push({ path: column, message: `"${value}" is not a number` });
  return undefined;
}

const DATE = String.raw`\d{4}(?:-\d{1,2}){0,2}`;
const DATES = new RegExp(`^(${DATE})?\\s*(?:(?:to|until|-|–|—)\\s*(${DATE}))?$`, 'i');

/** `CCNA (2016-03 to 2029-03); PMP; Security+ (to 2027-01)` → certifications with dates. Parentheses
 * that hold no dates belong to the name: `CompTIA Security+ (SY0-601)`. */
export function parseCertifications(value: string | undefined, issues: FieldIssue[]): Array<{ name: string; issued?: string; expires?: string }> {
  return (value ?? '').split(';').flatMap((part) => {
    const entry = part.trim();
    if (!entry) return [];
    const m = /^(.*?)\s*\(([^()]*)\)$/.exec(entry);
    const dates = m ? DATES.exec(m[2]!.trim()) : null;
    if (!m || !dates || !(dates[1] || dates[2])) return [{ name: entry }];
    if (!m[1]) {
      issues.push({ path: 'certifications', message: `"${entry}" names no certification` });
      return [];
    }
    return [compact({ name: m[1], issued: dates[1], expires: dates[2] })];
  });
}

function job(f: Fields, n: number, issues: FieldIssue[]): Record<string, unknown> | null {
  const get = (field: string) => text(f[`job${n}${field}`]);
  if (JOB_FIELDS.every((field) => get(field) === undefined)) return null;
  const start = get('start');
  if (start === undefined) issues.push({ path: `job${n}_start`, message: 'missing: a job needs a start date' });
  const categories = get('categories')?.split(';').map((s) => s.trim()).filter(Boolean);
  return compact({
    title: get('title') ?? '',
    employer: get('employer'),
    start,
    end: get('end') ?? null,
    hoursPerWeek: number(get('hours'), `job${n}_hours`, issues),
    supervisory: bool(get('supervisory'), `job${n}_supervisory`, issues),
    categories: categories?.map((c) => CATEGORIES.get(columnKey(c)) ?? c),
    description: get('description'),
  });
}

function degree(f: Fields, n: number, issues: FieldIssue[]): Record<string, unknown> | null {
  const get = (field: string) => text(f[`degree${n}${field}`]);
  if (DEGREE_FIELDS.every((field) => get(field) === undefined)) return null;
  const level = get('level');
  if (level === undefined) issues.push({ path: `degree${n}_level`, message: 'missing: name the degree level (none, high school, associate, bachelor, master, doctorate)' });
  return compact({ level, field: get('field'), completed: get('completed'), foreign: bool(get('foreign'), `degree${n}_foreign`, issues), evaluated: bool(get('evaluated'), `degree${n}_evaluated`, issues) });
}

/** Reads one wide-layout row (CONTRACT.md columns) into a profile input. */
export function readApplicant(f: Fields, line: number, shape: RowShape): ApplicantRow {
  const issues: FieldIssue[] = [];
  const id = text(f.id);
  if (id === undefined) issues.push({ path: 'id', message: 'missing: every applicant needs an id' });
  const jobs: Source[] = [];
  const experience = shape.jobs.flatMap((n) => {
    const entry = job(f, n, issues);
    if (!entry) return [];
    jobs.push({ n, line });
    return [entry];
  });
  const degrees: Source[] = [];
  const education = shape.degrees.flatMap((n) => {
    const entry = degree(f, n, issues);
    if (!entry) return [];
    degrees.push({ n, line });
    return [entry];
  });
  const hours = number(text(f.credithours), 'credit_hours', issues);
  const profile = compact({
    id,
    education,
    experience,
    certifications: parseCertifications(f.certifications, issues),
    collegeCredits: hours === undefined ? undefined : compact({ hours, system: text(f.creditsystem)?.toLowerCase() ?? 'semester', field: text(f.creditfield) }),
    statement: text(f.statement),
  });
  return { line, id: id ?? '', profile, jobs, degrees, issues, ...(shape.groupBy ? { group: text(f[shape.groupBy]) ?? '' } : {}) };
}

/** The long layout: consecutive rows with the same id are one applicant, each adding its jobs,
 * degrees and certifications. */
export function mergeApplicants(rows: readonly ApplicantRow[]): ApplicantRow {
  const [first, ...rest] = rows as [ApplicantRow, ...ApplicantRow[]];
  const merged = structuredClone(first);
  const list = (p: Record<string, unknown>, key: string) => (p[key] as unknown[] | undefined) ?? [];
  for (const row of rest) {
    for (const key of ['experience', 'education', 'certifications']) merged.profile[key] = [...list(merged.profile, key), ...list(row.profile, key)];
    merged.jobs.push(...row.jobs);
    merged.degrees.push(...row.degrees);
    merged.issues.push(...row.issues.map((i) => ({ ...i, path: `${i.path} (line ${row.line})` })));
    for (const key of ['statement', 'collegeCredits']) if (merged.profile[key] === undefined && row.profile[key] !== undefined) merged.profile[key] = row.profile[key];
  }
  return merged;
}
