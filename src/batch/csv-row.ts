import type { FieldIssue } from '../errors.ts';
import { parsePartialDate } from '../profile/dates.ts';
import { FAMILIES, familyPattern, idOf, type Family } from './columns.ts';
import type { Header } from './header.ts';
import { convertDate, mapValue, NO_CONVERSIONS, startBefore, wordKey, type Conversions } from './map.ts';

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
  /** Bytes of the input read up to the end of this row, for a progress bar that follows scoring. */
  end?: number;
}

/** A CSV record keyed by column key (`job1title`). */
export type Fields = Record<string, string | undefined>;
/** Numbered column N of a line; `column` names another column an entry came from (a self-reported answer). */
export type Source = { n: number; line: number; column?: string };
export type RowShape = Pick<Header, 'jobs' | 'degrees' | 'credits' | 'trainings' | 'groupBy' | 'convert' | 'selfReported'>;

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

type Reader<T> = (value: string | undefined, column: string, issues: FieldIssue[]) => T;

/** yes/no/true/false/1/0, and the map's own words for true and false. */
const bool = (convert: Conversions): Reader<boolean | undefined> => (value, column, issues) => {
  if (value === undefined) return undefined;
  const word = wordKey(value);
  if (TRUE.has(value.toLowerCase()) || convert.yes.some((w) => wordKey(w) === word)) return true;
  if (FALSE.has(value.toLowerCase()) || convert.no.some((w) => wordKey(w) === word)) return false;
  const own = convert.yes.length + convert.no.length > 0 ? ` or the map's words (yes: ${convert.yes.join(', ') || 'none'}; no: ${convert.no.join(', ') || 'none'})` : '';
  issues.push({ path: column, message: `"${value}" is not yes/no/true/false/1/0${own}` });
  return undefined;
};

const ISO_SAID = 'YYYY-MM-DD, YYYY-MM or YYYY';

/** A start or completion date: in the map's `dates:` form, converted to YYYY-MM-DD; without one,
 * passed on for profile validation to name. A value that does not convert is passed on as it is,
 * its issue said here, naming the form. */
const date = (convert: Conversions): Reader<string | undefined> => (value, column, issues) => {
  if (value === undefined || convert.dates === undefined) return value;
  const converted = convertDate(value, convert.dates);
  if (converted !== null) return converted;
  issues.push({ path: column, message: `"${value}" is not a date in ${convert.dates}` });
  return value;
};

/** An end date, or one of the words for a job still held (`present` always is): a date in the
 * map's `dates:` form, or YYYY-MM-DD, YYYY-MM or YYYY. */
const end = (convert: Conversions): Reader<string | null> => (value, column, issues) => {
  if (value === undefined) return null;
  const word = wordKey(value);
  if (word === 'present' || convert.present.some((w) => wordKey(w) === word)) return 'present';
  const converted = convert.dates === undefined ? (parsePartialDate(value) ? value : null) : convertDate(value, convert.dates);
  if (converted !== null) return converted;
  const words = convert.present.filter((w) => w.trim()).join(', ') || 'present';
  issues.push({ path: column, message: `"${value}" is not a date in ${convert.dates ?? ISO_SAID} or one of the words for a job still held (${words})` });
  return value;
};

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

/** Splits a list cell on its separator, outside parentheses (`CCNA (2016-03, renewed)` stays
 * whole), into trimmed parts, blank ones left out. */
export function splitList(value: string, separator = ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && value.startsWith(separator, i)) {
      parts.push(part);
      part = '';
      i += separator.length - 1;
      continue;
    }
    part += c;
  }
  parts.push(part);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** How a list column's cell is split: on the map's separator for it (else `;`), each part through
 * the map's `values:` for the column. */
export type Split = (value: string) => string[];
const semicolons: Split = (value) => splitList(value);
const splitter = (convert: Conversions, key: string): Split => {
  const separator = convert.lists[key] ?? convert.lists[familyPattern(key)] ?? ';';
  return (value) => splitList(value, separator).map((part) => mapValue(convert, key, part)!);
};

/** `IT Infrastructure; project management` → category (or capacity) ids. */
const ids = (value: string | undefined, split: Split = semicolons): string[] | undefined => (value === undefined ? undefined : split(value).map(idOf));

/** Credits count in semester hours unless said otherwise, as before there were quarter ones. */
const system = (word: string | undefined): string => word?.toLowerCase() ?? 'semester';

const SUBJECT_CREDITS = /^(\d+(?:\.\d+)?)\s+(?:(semester|quarter)\b\s*)?(.*)$/i;

/** `15 Computer Science; 20 quarter Statistics` → credit hours by subject within a degree. */
export function parseSubjectCredits(value: string | undefined, column: string, issues: FieldIssue[], split: Split = semicolons): Array<{ hours: number; system: string; subject: string }> | undefined {
  if (value === undefined) return undefined;
  return split(value).flatMap((entry) => {
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
export function parseCertifications(value: string | undefined, issues: FieldIssue[], split: Split = semicolons): Array<{ name: string; issued?: string; expires?: string }> {
  return split(value ?? '').flatMap((entry) => {
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

/** One numbered entry of a row (`job2_*`): `cell('start')` is the text of `job2_start` through
 * the map's `values:`, `read('start', reader)` reads it with issues naming that column, and
 * `split('categories')` is a list column's parts. */
function entry(f: Fields, family: Family, n: number, issues: FieldIssue[], convert: Conversions) {
  const key = (field: string) => `${family}${n}${field}`;
  const raw = (field: string) => text(f[key(field)]);
  const cell = (field: string) => mapValue(convert, key(field), raw(field));
  return {
    convert,
    cell,
    filled: () => FAMILIES[family].fields.some((field) => raw(field) !== undefined),
    read: <T>(field: string, reader: Reader<T>) => reader(cell(field), `${family}${n}_${field}`, issues),
    split: (field: string) => splitter(convert, key(field)),
    raw,
  };
}
type Entry = ReturnType<typeof entry>;

const both = <T>(first: Reader<string | undefined>, then: Reader<T>): Reader<T> => (value, column, issues) => then(first(value, column, issues), column, issues);

function job(e: Entry): Record<string, unknown> {
  return compact({
    title: e.cell('title') ?? '',
    employer: e.cell('employer'),
    start: e.read('start', both(required('a job needs a start date'), date(e.convert))),
    end: e.read('end', end(e.convert)),
    hoursPerWeek: e.read('hours', number),
    supervisory: e.read('supervisory', bool(e.convert)),
    categories: ids(e.raw('categories'), e.split('categories')),
    capacities: ids(e.raw('capacities'), e.split('capacities')),
    description: e.cell('description'),
  });
}

function degree(e: Entry): Record<string, unknown> {
  return compact({
    level: e.read('level', required('name the degree level (none, high school, associate, bachelor, master, doctorate)')),
    field: e.cell('field'),
    completed: e.read('completed', date(e.convert)),
    foreign: e.read('foreign', bool(e.convert)),
    evaluated: e.read('evaluated', bool(e.convert)),
    credits: e.read('credits', (_value, column, issues) => parseSubjectCredits(e.raw('credits'), column, issues, e.split('credits'))),
  });
}

function credit(e: Entry): Record<string, unknown> {
  return compact({ hours: e.read('hours', number), system: system(e.cell('system')), field: e.cell('field') });
}

function training(e: Entry): Record<string, unknown> {
  return compact({ name: e.cell('name'), hours: e.read('hours', number), completed: e.read('completed', date(e.convert)) });
}

/** The entries of one numbered family that the row fills, in column order, and the N of each;
 * blank ones (`job2_*` all empty) are left out. */
function entries(f: Fields, family: Family, numbers: readonly number[], line: number, issues: FieldIssue[], convert: Conversions, read: (e: Entry) => Record<string, unknown>) {
  const list: Array<Record<string, unknown>> = [];
  const sources: Source[] = [];
  for (const n of numbers) {
    const e = entry(f, family, n, issues, convert);
    if (!e.filled()) continue;
    list.push(read(e));
    sources.push({ n, line });
  }
  return { list, sources };
}

/** An answer is value × months of experience; more than this many months is not believed. */
const MOST_MONTHS = 1200;

/** The answers to screening questions (a map's `selfReported:`), as experience marked self-reported:
 * `value × months` months ending now, in the question's categories. The strict reading leaves such
 * an entry out, so that it leads to review, never to qualified alone. */
function selfReported(f: Fields, shape: RowShape, convert: Conversions, line: number, issues: FieldIssue[]) {
  const list: Array<Record<string, unknown>> = [];
  const sources: Source[] = [];
  for (const q of shape.selfReported ?? []) {
    const value = mapValue(convert, q.key, text(f[q.key]));
    if (value === undefined) continue;
    const amount = /^(\d+(?:\.\d+)?)\s*\+?$/.exec(value);
    const months = amount ? Math.round(Number(amount[1]) * q.months) : NaN;
    if (!(months <= MOST_MONTHS)) {
      issues.push({ path: q.question, message: amount ? `"${value}" is more than ${MOST_MONTHS / 12} years` : `"${value}" is not a number (each one counts as ${q.months} months of self-reported experience)` });
      continue;
    }
    if (months === 0) continue;
    list.push({ title: `Self-reported: ${q.question}`, start: startBefore(convert.today ?? new Date(), months), end: 'present', categories: q.categories, capacities: [], selfReported: true });
    sources.push({ n: 0, line, column: q.question });
  }
  return { list, sources };
}

/** Reads one wide-layout row into a profile input, through the map's conversions (shape.convert). */
export function readApplicant(f: Fields, line: number, shape: RowShape): ApplicantRow {
  const issues: FieldIssue[] = [];
  const convert = shape.convert ?? NO_CONVERSIONS;
  const id = mapValue(convert, 'id', text(f.id));
  if (id === undefined) issues.push({ path: 'id', message: 'missing: every applicant needs an id' });
  const jobs = entries(f, 'job', shape.jobs, line, issues, convert, job);
  const degrees = entries(f, 'degree', shape.degrees, line, issues, convert, degree);
  const credits = entries(f, 'credit', shape.credits, line, issues, convert, credit);
  const trainings = entries(f, 'training', shape.trainings, line, issues, convert, training);
  const asked = selfReported(f, shape, convert, line, issues);
  jobs.list.push(...asked.list);
  jobs.sources.push(...asked.sources);
  const profile = compact({
    id,
    education: degrees.list,
    experience: jobs.list,
    certifications: parseCertifications(f.certifications, issues, splitter(convert, 'certifications')),
    collegeCredits: some(credits.list),
    training: some(trainings.list),
    statement: mapValue(convert, 'statement', text(f.statement)),
  });
  return { line, id: id ?? '', profile, jobs: jobs.sources, degrees: degrees.sources, credits: credits.sources, trainings: trainings.sources, issues, ...(shape.groupBy ? { group: text(f[shape.groupBy]) ?? '' } : {}) };
}

/** The long layout: consecutive rows with the same id are one applicant, each adding its jobs,
 * degrees, trainings and certifications. */
export function mergeApplicants(rows: readonly ApplicantRow[]): ApplicantRow {
  const [first, ...rest] = rows as [ApplicantRow, ...ApplicantRow[]];
  const merged = structuredClone(first);
  const list = (p: Record<string, unknown>, key: string) => (p[key] as unknown[] | undefined) ?? [];
  const asked = (job: unknown): string | undefined => ((job as Record<string, unknown>).selfReported === true ? String((job as Record<string, unknown>).title) : undefined);
  for (const row of rest) {
    // A screening answer repeated on each row of an applicant is one answer: taken from the first row giving it.
    const answered = new Set(list(merged.profile, 'experience').map(asked).filter((t) => t !== undefined));
    const keep = list(row.profile, 'experience').map((job) => !answered.has(asked(job) ?? '\0'));
    const adds: Record<string, unknown[]> = { experience: list(row.profile, 'experience').filter((_, i) => keep[i]) };
    for (const key of ['experience', 'education', 'certifications', 'training']) if (row.profile[key] !== undefined) merged.profile[key] = [...list(merged.profile, key), ...(adds[key] ?? list(row.profile, key))];
    merged.jobs.push(...row.jobs.filter((_, i) => keep[i] !== false));
    merged.degrees.push(...row.degrees);
    if (row.end !== undefined) merged.end = row.end;
    merged.trainings = [...(merged.trainings ?? []), ...(row.trainings ?? [])];
    merged.issues.push(...row.issues.map((i) => ({ ...i, path: `${i.path} (line ${row.line})` })));
    if (row.unread) merged.unread = true;
    // College credits are the applicant's, like the statement: taken from one row, not added up over rows that repeat them.
    if (merged.profile.collegeCredits === undefined && row.profile.collegeCredits !== undefined) merged.credits = row.credits;
    for (const key of ['statement', 'collegeCredits']) if (merged.profile[key] === undefined && row.profile[key] !== undefined) merged.profile[key] = row.profile[key];
  }
  return merged;
}
