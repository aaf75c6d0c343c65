import { PassThrough, Readable, Transform } from 'node:stream';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseAsOf } from '../../check.ts';
import { QualifyError } from '../../errors.ts';
import { openApplicants } from '../../batch/read-csv.ts';
import { scoreApplicants } from '../../batch/run.ts';
import { findRule, type Catalogue } from '../../rules/load.ts';
import { apiKeyCheck } from '../auth.ts';
import { VERSION_HEADER } from '../headers.ts';
import { ClassParams } from '../schemas.ts';

export interface ScoreRouteOptions {
  catalogue: Catalogue;
  apiKeys: readonly string[];
  /** Largest CSV upload, in bytes, counted as the bytes arrive, chunked or not. */
  csvLimit?: number;
}

/** Passes the upload through, failing it once more than `limit` bytes have arrived. */
function limited(body: Readable, limit: number): Transform {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(new QualifyError('QUAL_ERR_BODY_TOO_LARGE', `the CSV is larger than the limit of ${limit} bytes`));
      else done(null, chunk);
    },
  });
  body.on('error', (error) => counter.destroy(error));
  return body.pipe(counter);
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
      ...apiKeyCheck(options.apiKeys),
    },
    async (request, reply) => {
      const { rule, version } = findRule(options.catalogue.rules, request.params.id);
      if (!(request.body instanceof Readable)) throw new QualifyError('QUAL_ERR_UNSUPPORTED_MEDIA_TYPE', 'send the applicant CSV as text/csv');
      const asOf = parseAsOf(request.query.asOf);
      const limit = options.csvLimit ?? CSV_LIMIT;
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > limit) throw new QualifyError('QUAL_ERR_BODY_TOO_LARGE', `the CSV is ${length} bytes; the limit is ${limit}`);
      const jsonl = /ndjson|jsonl|json-lines/.test(request.headers.accept ?? '');
      // The header is read before the reply starts: a CSV without an id column is a problem, not a 200.
      const applicants = await openApplicants(limited(request.body, limit), { layout: request.query.layout });
      const out = new PassThrough();
      // One worker thread, so the event loop goes on serving other clients; not a pool per upload,
      // which would take every core from them. A limit crossed once records have gone out cuts the
      // response short: the client sees a broken transfer, never a complete-looking file.
      scoreApplicants(applicants, out, { classes: [rule.id], asOf, format: jsonl ? 'jsonl' : 'csv', workers: 1, offThread: true, catalogue: options.catalogue }).catch((error: Error) => {
        request.log.warn({ err: { message: error.message } }, 'scoring stopped');
        out.destroy(error);
      });
      return reply.type(jsonl ? 'application/x-ndjson' : 'text/csv; charset=utf-8').header(VERSION_HEADER, version).send(out);
    },
  );
};
