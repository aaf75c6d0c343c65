/** Applicant CSV header names are matched ignoring case, spaces, underscores and punctuation
 * (CONTRACT.md): `Job 1 Title` = `job1_title`. */
export const columnKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export const JOB_FIELDS = ['title', 'employer', 'start', 'end', 'hours', 'supervisory', 'categories', 'description'] as const;
export const DEGREE_FIELDS = ['level', 'field', 'completed', 'foreign', 'evaluated'] as const;

/** The columns of CONTRACT.md, as keys; name and email are known so that they are not reported as
 * ignored, though nothing reads them. */
const KNOWN = new RegExp(`^(?:id|name|email|statement|certifications|credit(?:hours|system|field)|degree\\d+(?:${DEGREE_FIELDS.join('|')})|job\\d+(?:${JOB_FIELDS.join('|')}))$`);

export const isKnownColumn = (key: string): boolean => KNOWN.test(key);

type Source = { n: number; line: number };

/** `job1_end`, with the line when the entry came from another row (long layout). */
function column(prefix: string, source: Source | undefined, index: number, field: string, line: number): string {
  const name = `${prefix}${source?.n ?? index + 1}${field ? `_${field}` : ''}`;
  return source && source.line !== line ? `${name} (line ${source.line})` : name;
}

const CREDIT_FIELDS: Record<string, string> = { hours: 'credit_hours', system: 'credit_system', field: 'credit_field' };

/** The CSV column a profile field came from, for error messages: experience[0].end → job1_end. */
export function columnOf(path: string, jobs: readonly Source[], degrees: readonly Source[], line: number): string {
  const job = /^experience\[(\d+)\]\.?(\w*)/.exec(path);
  if (job) {
    const field = job[2] === 'hoursPerWeek' ? 'hours' : (job[2] ?? '');
    return column('job', jobs[Number(job[1])], Number(job[1]), field, line);
  }
  const degree = /^education\[(\d+)\]\.?(\w*)/.exec(path);
  if (degree) return column('degree', degrees[Number(degree[1])], Number(degree[1]), degree[2] ?? '', line);
  if (path.startsWith('certifications')) return 'certifications';
  if (path.startsWith('collegeCredits')) return CREDIT_FIELDS[path.split('.')[1] ?? ''] ?? 'credit_hours';
  return path;
}
