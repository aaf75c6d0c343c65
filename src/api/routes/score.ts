import { PassThrough, Readable } from 'node:stream';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseAsOf } from '../check.ts';
import { QualifyError } from '../errors.ts';
import { findRule, type Catalogue } from '../rules/load.ts';
import { requireApiKey } from '../api/auth.ts';
import { VERSION_HEADER } from '../api/headers.ts';
import { ClassParams } from '../api/schemas.ts';
import { openApplicants } from './read-csv.ts';
import { scoreApplicants } from './run.ts';

export interface ScoreRouteOptions {
  catalogue: Catalogue;
  apiKeys: readonly string[];
  /** Largest CSV upload, in bytes, by its Content-Length. */
  csvLimit?: number;
}

export const CSV_LIMIT = 200 * 1024 * 1024;

const Query = z.object({
  asOf: z.string().optional().describe('Evaluation date YYYY-MM-DD; today when missing.'),
  layout: z.enum(['wide', 'long']).default('wide').describe('long: consecutive rows with the same id are one applicant'),
});

/** `POST /v1/classes/:id/score`: an applicant CSV in, the scored CSV (or JSON Lines, by `Accept`)
 * streamed back, one record per applicant in input order. A recruiter route: API key when configured. */
export const scoreRoute: FastifyPluginAsyncZod<ScoreRouteOptions> = async (app, options) => {
  // The plugin brings its own zod validation, so that it stands on any fastify instance.
  app.setValidatorCompiler(validatorCompiler);
  // The body stays a stream: a large export is scored as it arrives, in flat memory.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  app.post(
    '/v1/classes/:id/score',
    {
      schema: { summary: 'Score an applicant CSV (text/csv); the result streams back as CSV, or JSON Lines with Accept: application/x-ndjson', params: ClassParams, querystring: Query, consumes: ['text/csv'] },
      preHandler: requireApiKey(options.apiKeys),
    },
    async (request, reply) => {
      const { rule, version } = findRule(options.catalogue.rules, request.params.id);
      if (!(request.body instanceof Readable)) throw new QualifyError('QUAL_ERR_UNSUPPORTED_MEDIA_TYPE', 'send the applicant CSV as text/csv');
      const asOf = parseAsOf(request.query.asOf);
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > (options.csvLimit ?? CSV_LIMIT)) throw new QualifyError('QUAL_ERR_BODY_TOO_LARGE', `the CSV is ${length} bytes; the limit is ${options.csvLimit ?? CSV_LIMIT}`);
      const jsonl = /ndjson|jsonl|json-lines/.test(request.headers.accept ?? '');
      // The header is read before the reply starts: a CSV without an id column is a problem, not a 200.
      const applicants = await openApplicants(request.body, { layout: request.query.layout });
      const out = new PassThrough();
      // One thread: a server serves many requests, and a pool per upload would take every core from them.
      scoreApplicants(applicants, out, { classes: [rule.id], asOf, format: jsonl ? 'jsonl' : 'csv', workers: 1, catalogue: options.catalogue }).catch((error: Error) => {
        request.log.error({ err: { message: error.message } }, 'scoring failed');
        out.destroy(error);
      });
      return reply.type(jsonl ? 'application/x-ndjson' : 'text/csv; charset=utf-8').header(VERSION_HEADER, version).send(out);
    },
  );
};
