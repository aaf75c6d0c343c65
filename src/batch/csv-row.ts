import type { FieldIssue } from '../errors.ts';
import { FAMILIES, type Family } from './columns.ts';
import type { Header } from './header.ts';

/** One applicant read from the CSV: the profile input, where each entry came from, and what could
 * not be read (named by column). The profile is validated later, by the same schema as the API's. */
export interface ApplicantRow {
  line: number;
  id: string;
  profile: Record<string, unknown>;
  /** CSV column number N and line of each job, degree, college credit and training, in profile
   * order, to name columns in errors. */
  jobs: Source[];
  degrees: Source[];
  /** Optional: a row that could not be read (read-csv.ts) has none. */
  credits?: Source[];
  trainings?: Source[];
  issues: FieldIssue[];
  /** The row could not be read as a whole (its width, a cell that is not text): its issues are all
   * there is to say, and its profile holds nothing to validate or score. */
  unread?: boolean;
  /** The raw value of the `--group-by` column, for the adverse-impact report. */
  group?: string;
}

/** A CSV record keyed by column key (`job1title`). */
export type Fields = Record<string, string | undefined>;
export type Source = { n: number; line: number };
export type RowShape = Pick<Header, 'jobs' | 'degrees' | 'credits' | 'trainings' | 'groupBy'>;

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0']);

const text = (v: string | undefined): string | undefined => {
  const t = v?.trim();
  return t ? t : undefined;
};

/** The object without its undefined entries: the profile holds only what the row says. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const key of Object.keys(o)) if (o[key] === undefined) delete o[key];
  return o;
}

/** A list only when it has entries: a file without the newer columns reads as it always did. */
const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

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

const required = (why: string) => (value: string | undefined, column: string, issues: FieldIssue[]) => {
  if (value === undefined) issues.push({ path: column, message: `missing: ${why}` });
  return value;
};

/** `Clerical/Administrative` reads as `clerical-administrative`: ids matched as loosely as headers,
 * whatever the vocabulary. What is not an id is left for profile validation to name. */
const idOf = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || name;

/** `IT Infrastructure; project management` → category (or capacity) ids. */
const ids = (value: string | undefined): string[] | undefined => value?.split(';').map((s) => s.trim()).filter(Boolean).map(idOf);

/** Credits count in semester hours unless said otherwise, as before there were quarter ones. */
const system = (word: string | undefined): string => word?.toLowerCase() ?? 'semester';

const SUBJECT_CREDITS = /^(\d+(?:\.\d+)?)\s+(?:(semester|quarter)\b\s*)?(.*)$/i;

/** `15 Computer Science; 20 quarter Statistics` → credit hours by subject within a degree. */
export function parseSubjectCredits(value: string | undefined, column: string, issues: FieldIssue[]): Array<{ hours: number; system: string; subject: string }> | undefined {
  return value?.split(';').flatMap((part) => {
    const entry = part.trim();
    if (!entry) return [];
    const m = SUBJECT_CREDITS.exec(entry);
    if (!m?.[3]) {
      issues.push({ path: column, message: `"${entry}" is not credit hours and a subject, as in 15 Computer Science or 20 quarter Statistics` });
      return [];
    }
    return [{ hours: Number(m[1]), system: system(m[2]), subject: m[3] }];
  });
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

/** One numbered entry of a row (`job2_*`): `cell('start')` is the text of `job2_start`, and
 * `read('start', reader)` reads it with issues naming that column. */
function entry(f: Fields, family: Family, n: number, issues: FieldIssue[]) {
  const cell = (field: string) => text(f[`${family}${n}${field}`]);
  return {
    cell,
    filled: () => FAMILIES[family].fields.some((field) => cell(field) !== undefined),
    read: <T>(field: string, reader: (value: string | undefined, column: string, issues: FieldIssue[]) => T) => reader(cell(field), `${family}${n}_${field}`, issues),
  };
}
type Entry = ReturnType<typeof entry>;

function job(e: Entry): Record<string, unknown> {
  return compact({
    title: e.cell('title') ?? '',
    employer: e.cell('employer'),
    start: e.read('start', required('a job needs a start date')),
    end: e.cell('end') ?? null,
    hoursPerWeek: e.read('hours', number),
    supervisory: e.read('supervisory', bool),
    categories: ids(e.cell('categories')),
    capacities: ids(e.cell('capacities')),
    description: e.cell('description'),
  });
}

function degree(e: Entry): Record<string, unknown> {
  return compact({
    level: e.read('level', required('name the degree level (none, high school, associate, bachelor, master, doctorate)')),
    field: e.cell('field'),
    completed: e.cell('completed'),
    foreign: e.read('foreign', bool),
    evaluated: e.read('evaluated', bool),
    credits: e.read('credits', parseSubjectCredits),
  });
}

function credit(e: Entry): Record<string, unknown> {
  return compact({ hours: e.read('hours', number), system: system(e.cell('system')), field: e.cell('field') });
}

function training(e: Entry): Record<string, unknown> {
  return compact({ name: e.cell('name'), hours: e.read('hours', number), completed: e.cell('completed') });
}

/** The entries of one numbered family that the row fills, in column order, and the N of each;
 * blank ones (`job2_*` all empty) are left out. */
function entries(f: Fields, family: Family, numbers: readonly number[], line: number, issues: FieldIssue[], read: (e: Entry) => Record<string, unknown>) {
  const list: Array<Record<string, unknown>> = [];
  const sources: Source[] = [];
  for (const n of numbers) {
    const e = entry(f, family, n, issues);
    if (!e.filled()) continue;
    list.push(read(e));
    sources.push({ n, line });
  }
  return { list, sources };
}

/** Reads one wide-layout row into a profile input. */
export function readApplicant(f: Fields, line: number, shape: RowShape): ApplicantRow {
  const issues: FieldIssue[] = [];
  const id = text(f.id);
  if (id === undefined) issues.push({ path: 'id', message: 'missing: every applicant needs an id' });
  const jobs = entries(f, 'job', shape.jobs, line, issues, job);
  const degrees = entries(f, 'degree', shape.degrees, line, issues, degree);
  const credits = entries(f, 'credit', shape.credits, line, issues, credit);
  const trainings = entries(f, 'training', shape.trainings, line, issues, training);
  const profile = compact({
    id,
    education: degrees.list,
    experience: jobs.list,
    certifications: parseCertifications(f.certifications, issues),
    collegeCredits: some(credits.list),
    training: some(trainings.list),
    statement: text(f.statement),
  });
  return { line, id: id ?? '', profile, jobs: jobs.sources, degrees: degrees.sources, credits: credits.sources, trainings: trainings.sources, issues, ...(shape.groupBy ? { group: text(f[shape.groupBy]) ?? '' } : {}) };
}

/** The long layout: consecutive rows with the same id are one applicant, each adding its jobs,
 * degrees, trainings and certifications. */
export function mergeApplicants(rows: readonly ApplicantRow[]): ApplicantRow {
  const [first, ...rest] = rows as [ApplicantRow, ...ApplicantRow[]];
  const merged = structuredClone(first);
  const list = (p: Record<string, unknown>, key: string) => (p[key] as unknown[] | undefined) ?? [];
  for (const row of rest) {
    for (const key of ['experience', 'education', 'certifications', 'training']) if (row.profile[key] !== undefined) merged.profile[key] = [...list(merged.profile, key), ...list(row.profile, key)];
    merged.jobs.push(...row.jobs);
    merged.degrees.push(...row.degrees);
    merged.trainings = [...(merged.trainings ?? []), ...(row.trainings ?? [])];
    merged.issues.push(...row.issues.map((i) => ({ ...i, path: `${i.path} (line ${row.line})` })));
    if (row.unread) merged.unread = true;
    // College credits are the applicant's, like the statement: taken from one row, not added up over rows that repeat them.
    if (merged.profile.collegeCredits === undefined && row.profile.collegeCredits !== undefined) merged.credits = row.credits;
    for (const key of ['statement', 'collegeCredits']) if (merged.profile[key] === undefined && row.profile[key] !== undefined) merged.profile[key] = row.profile[key];
  }
  return merged;
}
