import type { FieldIssue } from '../errors.ts';
import { columnKey } from './columns.ts';

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

export type Record_ = Record<string, string | undefined>;
export type Source = { n: number; line: number };

const TRUE = new Set(['yes', 'y', 'true', '1']);
const FALSE = new Set(['no', 'n', 'false', '0']);

const blank = (v: string | undefined): boolean => v === undefined || v.trim() === '';
const text = (v: string | undefined): string | undefined => (blank(v) ? undefined : v!.trim());

function bool(record: Record_, column: string, issues: FieldIssue[]): boolean | undefined {
  const value = text(record[columnKey(column)]);
  if (value === undefined) return undefined;
  if (TRUE.has(value.toLowerCase())) return true;
  if (FALSE.has(value.toLowerCase())) return false;
  issues.push({ path: column, message: `"${value}" is not yes/no/true/false/1/0` });
  return undefined;
}

function number(record: Record_, column: string, issues: FieldIssue[]): number | undefined {
  const value = text(record[columnKey(column)]);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return n;
  issues.push({ path: column, message: `"${value}" is not a number` });
  return undefined;
}

/** `CCNA (2016-03 to 2029-03); PMP; Security+ (to 2027-01)` → certifications with dates. */
export function parseCertifications(value: string | undefined, issues: FieldIssue[]): Array<{ name: string; issued?: string; expires?: string }> {
  if (blank(value)) return [];
  return value!.split(';').flatMap((part) => {
    const m = /^\s*([^()]+?)\s*(?:\(([^)]*)\))?\s*$/.exec(part);
    if (!m || !m[1]) {
      if (part.trim()) issues.push({ path: 'certifications', message: `cannot read "${part.trim()}"` });
      return [];
    }
    const [from, to] = (m[2] ?? '').split(/\s+to\s+|\s+-\s+|\s*–\s*/).map((s) => s.trim());
    return [{ name: m[1], ...(from ? { issued: from } : {}), ...(to ? { expires: to } : {}) }];
  });
}

/** Numbers N used by `prefixN_field` columns present in the record (job1_title → 1). */
function indices(record: Record_, prefix: string): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(record)) {
    const m = new RegExp(`^${prefix}(\\d+)`).exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/** Reads the wide layout (CONTRACT.md columns) from a record whose keys are already `columnKey`s. */
export function readApplicant(record: Record_, line: number, groupBy?: string): ApplicantRow {
  const issues: FieldIssue[] = [];
  const get = (column: string) => text(record[columnKey(column)]);
  const jobs: Source[] = [];
  const experience = indices(record, 'job').flatMap((n) => {
    const c = (field: string) => `job${n}_${field}`;
    if (['title', 'employer', 'start', 'end', 'hours', 'supervisory', 'categories', 'description'].every((f) => get(c(f)) === undefined)) return [];
    jobs.push({ n, line });
    const hours = number(record, c('hours'), issues);
    const supervisory = bool(record, c('supervisory'), issues);
    const categories = get(c('categories'));
    return [{
      title: get(c('title')) ?? '',
      ...(get(c('employer')) ? { employer: get(c('employer')) } : {}),
      start: get(c('start')),
      end: get(c('end')) ?? null,
      ...(hours === undefined ? {} : { hoursPerWeek: hours }),
      ...(supervisory === undefined ? {} : { supervisory }),
      ...(categories ? { categories: categories.split(';').map((s) => s.trim()).filter(Boolean) } : {}),
      ...(get(c('description')) ? { description: get(c('description')) } : {}),
    }];
  });
  const degrees: Source[] = [];
  const education = indices(record, 'degree').flatMap((n) => {
    const c = (field: string) => `degree${n}_${field}`;
    if (['level', 'field', 'completed', 'foreign', 'evaluated'].every((f) => get(c(f)) === undefined)) return [];
    degrees.push({ n, line });
    const foreign = bool(record, c('foreign'), issues);
    const evaluated = bool(record, c('evaluated'), issues);
    return [{ level: get(c('level')), field: get(c('field')), completed: get(c('completed')), ...(foreign === undefined ? {} : { foreign }), ...(evaluated === undefined ? {} : { evaluated }) }];
  });
  const hours = number(record, 'credit_hours', issues);
  const profile: Record<string, unknown> = {
    id: get('id'),
    education,
    experience,
    certifications: parseCertifications(record[columnKey('certifications')], issues),
    ...(hours === undefined ? {} : { collegeCredits: { hours, system: get('credit_system') ?? 'semester', ...(get('credit_field') ? { field: get('credit_field') } : {}) } }),
    ...(get('statement') ? { statement: get('statement') } : {}),
  };
  return { line, id: get('id') ?? '', profile: JSON.parse(JSON.stringify(profile)), jobs, degrees, issues, ...(groupBy ? { group: get(groupBy) ?? '' } : {}) };
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
