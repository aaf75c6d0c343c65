import { PassThrough, Readable, Transform } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseAsOf } from '../../check.ts';
import { QualifyError } from '../../errors.ts';
import type { Remedy } from '../../batch/header.ts';
import { parseMap } from '../../batch/map.ts';
import { HEAD_BYTES, previewExport } from '../../batch/preview.ts';
import { openApplicants } from '../../batch/read-csv.ts';
import { scoreApplicants } from '../../batch/run.ts';
import { findRule, type Catalogue } from '../../rules/load.ts';
import { knownIds } from '../../vocab/vocabulary.ts';
import { apiKeyCheck } from '../auth.ts';
import { VERSION_HEADER } from '../headers.ts';
import { ClassParams } from '../schemas.ts';

export interface ScoreRouteOptions {
  catalogue: Catalogue;
  /** The folder `catalogue` was loaded from, for the scoring threads to load it too. */
  rules?: string;
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
/** Largest map file, in bytes: a map is a page of YAML. */
const MAP_LIMIT = 256 * 1024;

const Query = z.strictObject({
  asOf: z.string().optional().describe('Evaluation date YYYY-MM-DD; today when missing.'),
  layout: z.enum(['wide', 'long']).default('wide').describe('long: consecutive rows with the same id are one applicant'),
  ignore: z.string().optional().describe('Headers not to read, comma-separated (besides the map\'s ignore: list)'),
});

/** How an API user maps or ignores a column, for the messages that stop a file. */
const API_REMEDY: Remedy = { map: 'a map: send a multipart form with the map (YAML) as the part map, before the CSV as the part file', ignore: "the ignore= query parameter, or the map's ignore: list", suggest: 'POST /v1/exports/preview suggests a map' };

/** A recruiter's upload: the CSV as it arrives, and the map sent with it. A multipart form names
 * them `map` (YAML, optional) and `file` (the CSV), the map first, as the CSV is read as it
 * streams; a text/csv body is the CSV alone. Any other part is refused, never passed over. */
async function upload(request: FastifyRequest, limit: number): Promise<{ csv: Readable; map?: string }> {
  if (!request.isMultipart()) {
    if (!(request.body instanceof Readable)) throw new QualifyError('QUAL_ERR_UNSUPPORTED_MEDIA_TYPE', 'send the applicant CSV as text/csv, or as the part file of a multipart/form-data form');
    return { csv: request.body };
  }
  // The CSV's size is counted by `limited`, which says so in our words; busboy's own limit stays out of the way.
  const part = await request.file({ limits: { fileSize: limit + 1, files: 1, fields: 4, fieldSize: MAP_LIMIT } });
  if (part === undefined) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', 'the form has no CSV: send it as the part file (after the part map, when there is one)', [{ path: 'file', message: 'missing part' }]);
  const fields = Object.entries(part.fields).filter(([name]) => name !== part.fieldname);
  for (const [name] of fields) if (name !== 'map') throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `the form has a part "${name}"; its parts are map (optional, first) and file`, [{ path: name, message: 'unknown part' }]);
  if (part.fieldname !== 'file') throw new QualifyError('QUAL_ERR_INVALID_REQUEST', `the form's CSV is the part "${part.fieldname}"; name it file`, [{ path: part.fieldname, message: 'unknown part' }]);
  const map = part.fields.map;
  if (map === undefined) return { csv: part.file };
  if (Array.isArray(map) || map.type !== 'field') throw new QualifyError('QUAL_ERR_INVALID_REQUEST', 'the form holds one map, as text', [{ path: 'map', message: 'not one text part' }]);
  // A form sends its text with CRLF line ends, whatever was typed.
  return { csv: part.file, map: String(map.value).replace(/\r\n/g, '\n') };
}

/** Recruiters' exports: `POST /v1/classes/:id/score`, an applicant CSV in, the scored CSV (or JSON
 * Lines, by `Accept`) streamed back, one record per applicant in input order; and
 * `POST /v1/exports/preview`. Recruiter routes: an API key when keys are configured. */
export const exportRoutes: FastifyPluginAsyncZod<ScoreRouteOptions> = async (app, options) => {
  // The plugin brings its own zod validation, so that it stands on any fastify instance.
  app.setValidatorCompiler(validatorCompiler);
  // The body stays a stream: a large export is scored as it arrives, in flat memory.
  app.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  await app.register(multipart);
  const limit = options.csvLimit ?? CSV_LIMIT;
  const categories = knownIds(options.catalogue.vocab, 'category');
  app.post(
    '/v1/classes/:id/score',
    {
      schema: {
        summary: 'Score an applicant CSV; the result streams back as CSV, or JSON Lines with Accept: application/x-ndjson',
        description: 'The body is the CSV (text/csv), or a multipart/form-data form with a column map (YAML) as the part map, then the CSV as the part file. Every column must be read, mapped or ignored: an unknown column refuses the file, naming it and its nearest columns.',
        params: ClassParams, querystring: Query, consumes: ['text/csv', 'multipart/form-data'],
      },
      ...apiKeyCheck(options.apiKeys),
    },
    async (request, reply) => {
      const { rule, version } = findRule(options.catalogue.rules, request.params.id);
      const asOf = parseAsOf(request.query.asOf);
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > limit + MAP_LIMIT) throw new QualifyError('QUAL_ERR_BODY_TOO_LARGE', `the upload is ${length} bytes; the limit is ${limit}`);
      const jsonl = /ndjson|jsonl|json-lines/.test(request.headers.accept ?? '');
      const sent = await upload(request, limit);
      const map = sent.map === undefined ? undefined : parseMap(sent.map, 'the map', { categories });
      const ignore = [...(map?.ignore ?? []), ...(request.query.ignore ?? '').split(',').map((name) => name.trim()).filter(Boolean)];
      // The header is read before the reply starts: a CSV without an id column, or with a column
      // nothing reads, is a problem, not a 200.
      const applicants = await openApplicants(limited(sent.csv, limit), {
        layout: request.query.layout, unknown: 'refuse', ignore, remedy: API_REMEDY,
        ...(map ? { map: map.columns, convert: map.convert } : {}),
      });
      const out = new PassThrough();
      // One worker thread, so the event loop goes on serving other clients; not a pool per upload,
      // which would take every core from them. A limit crossed once records have gone out cuts the
      // response short: the client sees a broken transfer, never a complete-looking file.
      scoreApplicants(applicants, out, { classes: [rule.id], asOf, format: jsonl ? 'jsonl' : 'csv', workers: 1, offThread: true, catalogue: options.catalogue, ...(options.rules === undefined ? {} : { rules: options.rules }) }).catch((error: Error) => {
        request.log.warn({ err: { message: error.message } }, 'scoring stopped');
        out.destroy(error);
      });
      return reply.type(jsonl ? 'application/x-ndjson' : 'text/csv; charset=utf-8').header(VERSION_HEADER, version).send(out);
    },
  );

  // How an export will be read, before scoring, from its first rows: each column with what it is
  // read as (by the map sent, or a suggested one), what would stop scoring, and the first rows as
  // read. The screening page's mapping step.
  app.post(
    '/v1/exports/preview',
    {
      schema: {
        summary: 'How an applicant export will be read: columns, suggested map, problems, first rows',
        description: `The body is as for the score route (the CSV, or a form with the parts map and file). Only the first ${HEAD_BYTES} bytes are read. Without a map, the answer holds a suggested one, as data (map) and as YAML to save (mapYaml).`,
        consumes: ['text/csv', 'multipart/form-data'],
      },
      ...apiKeyCheck(options.apiKeys),
    },
    async (request) => {
      const sent = await upload(request, limit);
      const head = await headOf(limited(sent.csv, limit), HEAD_BYTES + 1);
      return previewExport(head.subarray(0, HEAD_BYTES), head.length > HEAD_BYTES, sent.map, options.catalogue);
    },
  );
};

/** The first `bytes` bytes of a stream. The rest is read and dropped, for the upload to end. */
async function headOf(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (length >= bytes) continue;
    chunks.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}
