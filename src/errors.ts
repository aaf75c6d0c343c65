import { createRequire } from 'node:module';
import { z } from 'zod';

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

/** What a value is, in words: `text`, `a number`, `a list`. */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
  date: 'a date',
};
const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const inWords = (type: string): string => TYPE_WORDS[type] ?? type;
const quoted = (values: readonly unknown[]): string => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
const entries = (n: number | bigint): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

/** natural's edit distance, loaded only when a key is mistyped: its module loads another package. */
const editDistance = (a: string, b: string): number =>
  (createRequire(import.meta.url)('natural/lib/natural/distance/levenshtein_distance.js') as typeof import('natural/lib/natural/distance/levenshtein_distance.js')).LevenshteinDistance(a, b);

/** The name of `known` a mistyped `name` most likely meant: at most two edits away (ignoring
 * case), and fewer than half its letters. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && distance < name.length / 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** zod's own messages ("Invalid input: expected number, received undefined") in words a user
 * reads: `is required`, `must be a number, not text`, `unknown key (did you mean "months"?)`. Set
 * once for every schema; a message a schema gives itself still wins, and what is not listed here
 * keeps zod's. */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${inWords(issue.expected)}, not ${inWords(kindOf(issue.input))}`;
    case 'unrecognized_keys': {
      // One key is named by its place (`placed`); several, at their object.
      const shape = (issue.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
      const meant = (key: string): string => {
        const near = nearestName(key, shape ? Object.keys(shape) : []);
        return near ? ` (did you mean "${near}"?)` : '';
      };
      if (issue.keys.length === 1) return `unknown key${meant(issue.keys[0]!)}`;
      return `unknown keys ${issue.keys.map((key) => `"${key}"${meant(key)}`).join(', ')}`;
    }
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? quoted(issue.values) : `one of ${quoted(issue.values)}`}`;
    case 'invalid_union': {
      if (issue.note !== 'No matching discriminator') return undefined;
      // The input is the object; its discriminator key (`kind`) is the value that matched no form.
      const { discriminator, options = [] } = issue as { discriminator?: string; options?: readonly unknown[] };
      const value = discriminator !== undefined && typeof issue.input === 'object' && issue.input !== null ? (issue.input as Record<string, unknown>)[discriminator] : undefined;
      return `${value === undefined ? 'is required: ' : `${quoted([value])} is not `}one of ${quoted(options)}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${entries(issue.minimum)}`;
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${entries(issue.maximum)}`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainMessage });

/** A problem at a place in a document: the path of keys and list indexes to it. */
export interface PlacedIssue {
  at: readonly PropertyKey[];
  message: string;
}

/** zod's issues, each at its place. A value that fits none of a union's forms is said to be
 * "Invalid input"; when it has the type of one form and only what it holds is wrong (a list of
 * credit entries, one with hours as text), that form's problems are named instead, each at its own
 * place. */
export function placedIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): PlacedIssue[] {
  return error.issues.flatMap((issue) => placed(issue, prefix));
}

function placed(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): PlacedIssue[] {
  const at = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) return [{ at: [...at, issue.keys[0]!], message: issue.message }];
  if (issue.code === 'invalid_union') {
    const inside = issue.errors.filter((form) => form.length > 0 && form.every((i) => i.path.length > 0));
    if (inside.length === 1) return inside[0]!.flatMap((i) => placed(i, at));
  }
  return [{ at, message: issue.message }];
}

export function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  return placedIssues(error, prefix).map(({ at, message }) => ({ path: formatPath(at) || '(root)', message }));
}

/** A one-line message naming every field and its problem, for the CLI and CSV `error` rows. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
