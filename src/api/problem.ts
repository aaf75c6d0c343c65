import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_CODES, QualifyError, type ErrorCode, type FieldIssue } from '../errors.ts';

/** Errors as `application/problem+json` (RFC 9457) with our stable code and the field paths. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors: FieldIssue[];
}

export function problemOf(code: ErrorCode, detail: string, errors: FieldIssue[] = [], instance?: string): Problem {
  const { status, title } = ERROR_CODES[code];
  return { type: `https://qualify.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, detail, ...(instance ? { instance } : {}), code, errors };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** `/profile/experience/0/end` → `profile.experience[0].end`. */
const fieldPath = (pointer: string): string =>
  pointer
    .split('/')
    .filter(Boolean)
    .reduce((out, key) => (/^\d+$/.test(key) ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');

/** Fastify's own errors (body parsing, limits, timeouts) mapped onto our codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'QUAL_ERR_MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'QUAL_ERR_MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'QUAL_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'QUAL_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'QUAL_ERR_INVALID_REQUEST',
  FST_REQ_FILE_TOO_LARGE: 'QUAL_ERR_BODY_TOO_LARGE',
};

export function toProblem(error: FastifyError | QualifyError | Error, url: string): Problem {
  if (error instanceof QualifyError) return problemOf(error.code, error.message, error.issues, url);
  if (hasZodFastifySchemaValidationErrors(error)) {
    // A problem with the whole body or query string is named by the part; a key the request does not
    // take, by the key.
    const part = `(${error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body')})`;
    const errors = error.validation.flatMap((v) =>
      v.keyword === 'unrecognized_keys'
        ? (v.params.keys as string[]).map((key) => ({ path: fieldPath(`${v.instancePath}/${key}`), message: 'is not a key this request takes' }))
        : [{ path: fieldPath(v.instancePath) || part, message: v.message ?? 'is not valid' }],
    );
    const code: ErrorCode = errors.some((e) => e.path.startsWith('profile')) ? 'QUAL_ERR_INVALID_PROFILE' : 'QUAL_ERR_INVALID_REQUEST';
    return problemOf(code, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors, url);
  }
  const fastifyCode = 'code' in error ? FASTIFY_CODES[(error as FastifyError).code] : undefined;
  if (fastifyCode) return problemOf(fastifyCode, error.message, [], url);
  if (error instanceof SyntaxError) return problemOf('QUAL_ERR_MALFORMED_JSON', error.message, [], url);
  const status = (error as FastifyError).statusCode;
  if (status === 429) return problemOf('QUAL_ERR_RATE_LIMITED', error.message, [], url);
  if (status === 408) return problemOf('QUAL_ERR_TIMEOUT', error.message, [], url);
  if (status && status >= 400 && status < 500) return problemOf('QUAL_ERR_INVALID_REQUEST', error.message, [], url);
  return problemOf('QUAL_ERR_INTERNAL', 'An unexpected error happened; it has been logged.', [], url);
}

/** The error handler and the not-found handler; `headers` are the security headers of an API
 * answer, which a request for no route has not been given by its route. */
export function installProblems(app: FastifyInstance, headers: Record<string, string> = {}): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error as FastifyError, request.url);
    if (problem.status >= 500) request.log.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, 'request failed');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply.headers(headers), problemOf('QUAL_ERR_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`, [], request.url)));
}
