import type { z } from 'zod';

/** Every error qualify reports, with a stable code and the HTTP status the API answers with.
 * docs/errors.md lists the same codes; tests/errors.test.ts keeps the two in step. */
export const ERROR_CODES = {
  QUAL_ERR_INVALID_PROFILE: { status: 400, title: 'The profile is not valid' },
  QUAL_ERR_MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  QUAL_ERR_INVALID_OPTION: { status: 400, title: 'An option is not valid' },
  QUAL_ERR_UNKNOWN_CLASS: { status: 404, title: 'No such class' },
  QUAL_ERR_UNREADABLE_FILE: { status: 400, title: 'The file cannot be read' },
  QUAL_ERR_INVALID_RULE: { status: 500, title: 'A rule file is not valid' },
  QUAL_ERR_INVALID_REQUEST: { status: 400, title: 'The request is not valid' },
  QUAL_ERR_BAD_URL: { status: 400, title: 'The URL is not valid' },
  QUAL_ERR_BAD_HTTP: { status: 400, title: 'The request is not valid HTTP' },
  QUAL_ERR_MISSING_HOST: { status: 400, title: 'The request has no Host header' },
  QUAL_ERR_FORBIDDEN_KEY: { status: 400, title: 'The body holds a key that is refused' },
  QUAL_ERR_UNAUTHORIZED: { status: 401, title: 'An API key is needed' },
  QUAL_ERR_NOT_FOUND: { status: 404, title: 'No such route' },
  QUAL_ERR_TIMEOUT: { status: 408, title: 'The request took too long' },
  QUAL_ERR_BODY_TOO_LARGE: { status: 413, title: 'The body is too large' },
  QUAL_ERR_URI_TOO_LONG: { status: 414, title: 'The URL is too long' },
  QUAL_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The body is not of a supported media type' },
  QUAL_ERR_RATE_LIMITED: { status: 429, title: 'Too many requests' },
  QUAL_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  QUAL_ERR_INTERNAL: { status: 500, title: 'Something went wrong on our side' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field: `path` as the user wrote it, e.g. `experience[0].end`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class QualifyError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'QualifyError';
    this.status = ERROR_CODES[code].status;
  }
}

/** What the file-system errors a user causes mean, in words. */
const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of its path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** A file (or folder) that cannot be read or written, saying why in words: `cannot read a.csv: no
 * such file or folder`. `problem`: the error the file system gave, or just its code. */
export function fileError(file: string, problem: unknown, doing: 'read' | 'write' = 'read'): QualifyError {
  const { code, message } = problem as { code?: string; message?: string };
  return new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot ${doing} ${file}: ${(code && FILE_PROBLEMS[code]) || message}`);
}

/** `['experience', 0, 'end']` → `experience[0].end`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return error.issues.flatMap((issue) => fieldIssues(issue, prefix));
}

/** A value that fits none of a union's forms is said to be "Invalid input"; when it has the type of
 * one form and only what it holds is wrong (a list of credit entries, one with hours as text), that
 * form's problems are named instead, each at its own field. */
function fieldIssues(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): FieldIssue[] {
  const at = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const inside = issue.errors.filter((form) => form.length > 0 && form.every((i) => i.path.length > 0));
    if (inside.length === 1) return inside[0]!.flatMap((i) => fieldIssues(i, at));
  }
  return [{ path: formatPath(at) || '(root)', message: issue.message }];
}

/** A one-line message naming every field and its problem, for the CLI and CSV `error` rows. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
