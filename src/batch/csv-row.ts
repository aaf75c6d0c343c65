import type { FieldIssue } from '../errors.ts';
import { parsePartialDate } from '../profile/dates.ts';
import { FAMILIES, familyPattern, idOf, type Family } from './columns.ts';
import type { Header, SelfReportedColumn } from './header.ts';
import { convertDate, NO_CONVERSIONS, startBefore, throughTable, valueTable, wordKey, type Conversions, type ValueTable } from './map.ts';

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
/** A row's cells by position, as the header's keys name them; undefined for a column not read. */
export type Values = ReadonlyArray<string | undefined>;
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
  const out: Record<string, unknown> = {};
  for (const key in o) if (o[key] !== undefined) out[key] = o[key];
  return out as T;
}

/** A list only when it has entries: a file without the newer columns reads as it always did. */
const some = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

type Reader<T> = (value: string | undefined, column: string, issues: FieldIssue[]) => T;

/** yes/no/true/false/1/0, and the map's own words for true and false. */
function bool(convert: Conversions): Reader<boolean | undefined> {
  const [yes, no] = [new Set(convert.yes.map(wordKey)), new Set(convert.no.map(wordKey))];
  const own = convert.yes.length + convert.no.length > 0 ? ` or the map's words (yes: ${convert.yes.join(', ') || 'none'}; no: ${convert.no.join(', ') || 'none'})` : '';
  return (value, column, issues) => {
    if (value === undefined) return undefined;
    if (TRUE.has(value.toLowerCase()) || yes.has(wordKey(value))) return true;
    if (FALSE.has(value.toLowerCase()) || no.has(wordKey(value))) return false;
    issues.push({ path: column, message: `"${value}" is not yes/no/true/false/1/0${own}` });
    return undefined;
  };
}

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
function end(convert: Conversions): Reader<string | null> {
  const present = new Set(['present', ...convert.present.map(wordKey)]);
  const words = convert.present.filter((w) => w.trim()).join(', ') || 'present';
  return (value, column, issues) => {
    if (value === undefined) return null;
    if (present.has(wordKey(value))) return 'present';
    const converted = convert.dates === undefined ? (parsePartialDate(value) ? value : null) : convertDate(value, convert.dates);
    if (converted !== null) return converted;
    issues.push({ path: column, message: `"${value}" is not a date in ${convert.dates ?? ISO_SAID} or one of the words for a job still held (${words})` });
    return value;
  };
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

const both = <T>(first: Reader<string | undefined>, then: Reader<T>): Reader<T> => (value, column, issues) => then(first(value, column, issues), column, issues);

/** idOf, remembered: a file names the same few categories over and over. The memory is kept
 * small, for a column of free text. */
function remembered(of: (name: string) => string, most = 1000): (name: string) => string {
  const seen = new Map<string, string>();
  return (name) => {
    let id = seen.get(name);
    if (id === undefined) {
      id = of(name);
      if (seen.size < most) seen.set(name, id);
    }
    return id;
  };
}

/** The readers that use the map's words and date form, made once per header. */
function readers(convert: Conversions) {
  const onDate = date(convert);
  return {
    id: remembered(idOf),
    bool: bool(convert),
    date: onDate,
    end: end(convert),
    start: both(required('a job needs a start date'), onDate),
    level: required('name the degree level (none, high school, associate, bachelor, master, doctorate)'),
  };
}
type Readers = ReturnType<typeof readers>;

/** Splits a list cell on its separator, outside parentheses (`CCNA (2016-03, renewed)` stays
 * whole), into trimmed parts, blank ones left out. */
export function splitList(value: string, separator = ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && value.startsWith(separator, i)) {
      parts.push(value.slice(from, i));
      i += separator.length - 1;
      from = i + 1;
    }
  }
  parts.push(value.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** How a list column's cell is split: on the map's separator for it (else `;`), each part through
 * the map's `values:` for the column. */
export type Split = (value: string) => string[];
const semicolons: Split = (value) => splitList(value);

/** Where each column key is in a row: its position, or -1 when the file has no such column. */
type Position = (key: string) => number;

/** One column as a row is read through it, worked out once per header: its position, its name in
 * messages, and the map's value table and list separator for it. */
interface Column {
  at: number;
  name: string;
  table: ValueTable;
  split: Split;
}

function column(convert: Conversions, at: Position, key: string, name = key): Column {
  const table = valueTable(convert, key);
  const separator = convert.lists[key] ?? convert.lists[familyPattern(key)] ?? ';';
  return { at: at(key), name, table, split: (value) => splitList(value, separator).map((part) => throughTable(table, part)!) };
}

/** `IT Infrastructure; project management` → category (or capacity) ids. */
const ids = (value: string | undefined, split: Split, id: (name: string) => string): string[] | undefined => (value === undefined ? undefined : split(value).map(id));

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

/** The columns of one numbered entry (`job2_*`), worked out once per header. */
interface EntryPlan {
  n: number;
  fields: readonly string[];
  columns: Record<string, Column>;
  readers: Readers;
}

function entryPlan(family: Family, n: number, convert: Conversions, at: Position, read: Readers): EntryPlan {
  const fields = FAMILIES[family].fields;
  return { n, fields, readers: read, columns: Object.fromEntries(fields.map((field) => [field, column(convert, at, `${family}${n}${field}`, `${family}${n}_${field}`)])) };
}

/** One numbered entry of a row: `cell('start')` is the text of `job2_start` through the map's
 * `values:`, `read('start', reader)` reads it with issues naming that column, and
 * `split('categories')` is a list column's parts. */
class Entry {
  constructor(readonly plan: EntryPlan, private readonly values: Values, private readonly issues: FieldIssue[]) {}
  get readers(): Readers {
    return this.plan.readers;
  }
  raw(field: string): string | undefined {
    return text(this.values[this.plan.columns[field]!.at]);
  }
  cell(field: string): string | undefined {
    return throughTable(this.plan.columns[field]!.table, this.raw(field));
  }
  filled(): boolean {
    return this.plan.fields.some((field) => this.raw(field) !== undefined);
  }
  read<T>(field: string, reader: Reader<T>): T {
    return reader(this.cell(field), this.plan.columns[field]!.name, this.issues);
  }
  split(field: string): Split {
    return this.plan.columns[field]!.split;
  }
}

function job(e: Entry): Record<string, unknown> {
  return compact({
    title: e.cell('title') ?? '',
    employer: e.cell('employer'),
    start: e.read('start', e.readers.start),
    end: e.read('end', e.readers.end),
    hoursPerWeek: e.read('hours', number),
    supervisory: e.read('supervisory', e.readers.bool),
    categories: ids(e.raw('categories'), e.split('categories'), e.readers.id),
    capacities: ids(e.raw('capacities'), e.split('capacities'), e.readers.id),
    description: e.cell('description'),
  });
}

function degree(e: Entry): Record<string, unknown> {
  return compact({
    level: e.read('level', e.readers.level),
    field: e.cell('field'),
    completed: e.read('completed', e.readers.date),
    foreign: e.read('foreign', e.readers.bool),
    evaluated: e.read('evaluated', e.readers.bool),
    credits: e.read('credits', (_value, column, issues) => parseSubjectCredits(e.raw('credits'), column, issues, e.split('credits'))),
  });
}

function credit(e: Entry): Record<string, unknown> {
  return compact({ hours: e.read('hours', number), system: system(e.cell('system')), field: e.cell('field') });
}

function training(e: Entry): Record<string, unknown> {
  return compact({ name: e.cell('name'), hours: e.read('hours', number), completed: e.read('completed', e.readers.date) });
}

/** The entries of one numbered family that the row fills, in column order, and the N of each;
 * blank ones (`job2_*` all empty) are left out. */
function entries(values: Values, plans: readonly EntryPlan[], line: number, issues: FieldIssue[], read: (e: Entry) => Record<string, unknown>) {
  const list: Array<Record<string, unknown>> = [];
  const sources: Source[] = [];
  for (const plan of plans) {
    const e = new Entry(plan, values, issues);
    if (!e.filled()) continue;
    list.push(read(e));
    sources.push({ n: plan.n, line });
  }
  return { list, sources };
}

/** An answer is value × months of experience; more than this many months is not believed. */
const MOST_MONTHS = 1200;

/** The answers to screening questions (a map's `selfReported:`), as experience marked self-reported:
 * `value × months` months ending `today`, in the question's categories. The strict reading leaves
 * such an entry out, so that it leads to review, never to qualified alone. */
function selfReported(values: Values, questions: ReadonlyArray<SelfReportedColumn & { at: number; table: ValueTable }>, today: Date, line: number, issues: FieldIssue[]) {
  const list: Array<Record<string, unknown>> = [];
  const sources: Source[] = [];
  for (const q of questions) {
    const value = throughTable(q.table, text(values[q.at]));
    if (value === undefined) continue;
    const amount = /^(\d+(?:\.\d+)?)\s*\+?$/.exec(value);
    const months = amount ? Math.round(Number(amount[1]) * q.months) : NaN;
    if (!(months <= MOST_MONTHS)) {
      issues.push({ path: q.question, message: amount ? `"${value}" is more than ${MOST_MONTHS / 12} years` : `"${value}" is not a number (each one counts as ${q.months} months of self-reported experience)` });
      continue;
    }
    if (months === 0) continue;
    list.push({ title: `Self-reported: ${q.question}`, start: startBefore(today, months), end: 'present', categories: q.categories, capacities: [], selfReported: true });
    sources.push({ n: 0, line, column: q.question });
  }
  return { list, sources };
}

/** A reader of wide-layout rows into profile inputs, through the map's conversions (shape.convert):
 * where each column is (`keys`, by position, as Header.keys), its tables, words and list separators
 * worked out once, for every row. */
export function rowReader(shape: RowShape, keys: ReadonlyArray<string | null>): (values: Values, line: number) => ApplicantRow {
  const convert = shape.convert ?? NO_CONVERSIONS;
  const at: Position = (key) => keys.indexOf(key);
  const read = readers(convert);
  const plans = (family: Family, numbers: readonly number[]) => numbers.map((n) => entryPlan(family, n, convert, at, read));
  const [jobs, degrees, credits, trainings] = [plans('job', shape.jobs), plans('degree', shape.degrees), plans('credit', shape.credits), plans('training', shape.trainings)];
  const [id, statement, certifications] = [column(convert, at, 'id'), column(convert, at, 'statement'), column(convert, at, 'certifications')];
  const questions = (shape.selfReported ?? []).map((q) => ({ ...q, at: at(q.key), table: valueTable(convert, q.key) }));
  const group = shape.groupBy === undefined ? undefined : at(shape.groupBy);
  const today = convert.today ?? new Date();
  return (values, line) => {
    const issues: FieldIssue[] = [];
    const applicant = throughTable(id.table, text(values[id.at]));
    if (applicant === undefined) issues.push({ path: 'id', message: 'missing: every applicant needs an id' });
    const jobList = entries(values, jobs, line, issues, job);
    const degreeList = entries(values, degrees, line, issues, degree);
    const creditList = entries(values, credits, line, issues, credit);
    const trainingList = entries(values, trainings, line, issues, training);
    const asked = selfReported(values, questions, today, line, issues);
    jobList.list.push(...asked.list);
    jobList.sources.push(...asked.sources);
    const profile = compact({
      id: applicant,
      education: degreeList.list,
      experience: jobList.list,
      certifications: parseCertifications(values[certifications.at], issues, certifications.split),
      collegeCredits: some(creditList.list),
      training: some(trainingList.list),
      statement: throughTable(statement.table, text(values[statement.at])),
    });
    return { line, id: applicant ?? '', profile, jobs: jobList.sources, degrees: degreeList.sources, credits: creditList.sources, trainings: trainingList.sources, issues, ...(group === undefined ? {} : { group: text(values[group]) ?? '' }) };
  };
}

/** Reads one wide-layout row, given as cells by key, into a profile input. */
export function readApplicant(f: Fields, line: number, shape: RowShape): ApplicantRow {
  const keys = Object.keys(f);
  return rowReader(shape, keys)(keys.map((key) => f[key]), line);
}

/** The long layout: consecutive rows with the same id are one applicant, each adding its jobs,
 * degrees, trainings and certifications. */
export function mergeApplicants(rows: readonly ApplicantRow[]): ApplicantRow {
  const [first, ...rest] = rows as [ApplicantRow, ...ApplicantRow[]];
  if (rest.length === 0) return first;
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
