import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseMap } from '../../batch/map.ts';
import { reportHtml, reportJson } from '../../batch/report.ts';
import { QualifyError } from '../../errors.ts';
import { addApplicants, listOutcomes, uploadApplicants } from '../../openings/applicants.ts';
import { createOpening, getOpening, listOpenings } from '../../openings/openings.ts';
import type { Actor } from '../../openings/outcomes.ts';
import { applicantRecord, eraseApplicant, openingRecords, recordsCsv } from '../../openings/record.ts';
import { openingReport } from '../../openings/report.ts';
import { rerate } from '../../openings/rerate.ts';
import { resolveItem, reviewQueue } from '../../openings/review.ts';
import { Status } from '../../engine/decision.ts';
import { parseDay } from '../../profile/dates.ts';
import { knownIds } from '../../vocab/vocabulary.ts';
import type { Catalogue } from '../../rules/load.ts';
import type { Store } from '../../store/store.ts';
import { apiKeyCheck } from '../auth.ts';

export interface OpeningRouteOptions {
  store: Store;
  /** A connection for the routes that only read, when the store has one apart (SQLite: openReader). */
  reads?: Store;
  catalogue: Catalogue;
  apiKeys: readonly string[];
  /** Largest upload (CSV or JSON applicants), in bytes. */
  uploadLimit?: number;
}

export const UPLOAD_LIMIT = 20 * 1024 * 1024;

/** Who acts, as the record keeps it: the person named in `X-Reviewer`, and which API key they
 * used, by a fingerprint (never the key). docs/openings.md says why both. */
export const REVIEWER_HEADER = 'x-reviewer';

function actorOf(request: FastifyRequest): Actor {
  const named = request.headers[REVIEWER_HEADER];
  const who = typeof named === 'string' ? named.trim() : '';
  if (who === '' || who.length > 200) throw new QualifyError('QUAL_ERR_INVALID_REQUEST', 'say who acts in the X-Reviewer header (a name or staff id, at most 200 characters): the record keeps it', [{ path: 'headers.x-reviewer', message: 'required' }]);
  const bearer = /^bearer +(.*)$/i.exec(request.headers.authorization ?? '');
  const key = bearer ? bearer[1] : request.headers['x-api-key'];
  const fingerprint = typeof key === 'string' && key !== '' ? ` [key ${createHash('sha256').update(key).digest('hex').slice(0, 8)}]` : '';
  return { by: `${who}${fingerprint}` };
}

const Day = z.string().refine((s) => parseDay(s) !== null, 'must be a date YYYY-MM-DD');
const OpeningParams = z.object({ id: z.string().min(1).max(100) });
const ApplicantParams = OpeningParams.extend({ applicantId: z.string().min(1).max(100) });
const Reviewer = z.object({ 'x-reviewer': z.string().optional().describe('Who acts (a name or staff id): required on every write, kept in the record') });

const NewOpening = z.strictObject({
  title: z.string().min(1).max(300),
  asOf: Day.describe('The closing date: every applicant is judged as of it'),
  classes: z.array(z.string().min(1).max(100)).min(1).max(20),
  groupBy: z.string().max(200).optional().describe('The voluntary self-identification column of uploads, for the selection-rate report'),
});
const Opening = z.object({ id: z.string(), title: z.string(), asOf: z.string(), classes: z.array(z.string()), groupBy: z.string().nullable(), createdAt: z.string(), createdBy: z.string(), applicants: z.number().int() });
const ApplicantsBody = z.strictObject({
  applicants: z.array(z.strictObject({ profile: z.record(z.string(), z.unknown()).describe('A profile (README, Profiles) or a JSON Resume document'), group: z.string().max(200).optional() })).min(1),
});
const UploadBody = z.strictObject({
  csv: z.string().min(1).describe('An applicant CSV export (docs/csv.md)'),
  map: z.string().optional().describe('A column map file (YAML, as `qualify score --map`), for another system\'s export'),
  layout: z.enum(['wide', 'long']).optional(),
});
const Added = z.object({ added: z.number().int(), applicants: z.array(z.object({ id: z.string(), ref: z.string(), outcomes: z.array(z.object({ class: z.string(), status: z.string(), score: z.number() })) })) });
const Verdict = z.strictObject({
  class: z.string().min(1).max(100),
  item: z.string().min(1).max(200).describe('The key of an open review item (GET …/review)'),
  action: z.enum(['confirm', 'reject']),
  reason: z.string().min(1).max(2000).describe('Why, in a sentence: kept in the record'),
});
const OutcomesPage = z.object({
  status: Status.optional().describe('Only the outcomes of this status'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const RerateBody = z.strictObject({ accept: z.boolean().default(false).describe('Record the new decisions; without it nothing is written') });

/** For the routes that decide a whole opening (tens of seconds for tens of thousands of
 * applicants): the connection's idle timeout is for clients that go quiet, not for a server at
 * work, so it is lifted while the answer is made. The request was received in full already. */
function working(request: FastifyRequest, _reply: unknown, done: () => void): void {
  // An injected request (tests) has a socket of its own making, without timeouts.
  if (typeof request.raw.socket?.setTimeout === 'function') request.raw.socket.setTimeout(0);
  done();
}

/** A text in slices of 64 KiB, for a large upload to be read a slice at a time, between other requests. */
function* slices(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 1 << 16) yield text.slice(i, i + (1 << 16));
}

/** Screening records: openings, applicants, the review queue, decision records, re-rating and the
 * report. Recruiter routes: an API key when keys are configured, and `X-Reviewer` on writes. */
export const openingRoutes: FastifyPluginAsyncZod<OpeningRouteOptions> = async (app, options) => {
  app.setValidatorCompiler(validatorCompiler);
  const { store, catalogue } = options;
  const reads = options.reads ?? store;
  const guard = apiKeyCheck(options.apiKeys);
  const bodyLimit = options.uploadLimit ?? UPLOAD_LIMIT;
  const tags = ['openings'];
  const security = options.apiKeys.length > 0 ? [{ apiKey: [] }] : [];
  // Records are personal data, read or written: no cache keeps them.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.post('/v1/openings', { schema: { tags, security, summary: 'Create an opening for one or more classes', headers: Reviewer, body: NewOpening, response: { 201: Opening } }, ...guard }, async (request, reply) => {
    const actor = actorOf(request);
    return reply.code(201).send(await createOpening(store, catalogue, request.body, actor));
  });

  app.get('/v1/openings', { schema: { tags, security, summary: 'Every opening, newest first', response: { 200: z.object({ openings: z.array(Opening) }) } }, ...guard }, async () => ({ openings: await listOpenings(reads) }));

  app.get('/v1/openings/:id', { schema: { tags, security, summary: 'One opening', params: OpeningParams, response: { 200: Opening } }, ...guard }, async (request) => getOpening(reads, request.params.id));

  app.post(
    '/v1/openings/:id/applicants',
    { bodyLimit, schema: { tags, security, summary: 'Add applicants as JSON: all are decided and recorded, or none', headers: Reviewer, params: OpeningParams, body: ApplicantsBody, response: { 201: Added } }, preHandler: working, ...guard },
    async (request, reply) => reply.code(201).send(await addApplicants(store, catalogue, request.params.id, request.body.applicants, actorOf(request))),
  );

  app.post(
    '/v1/openings/:id/uploads',
    { bodyLimit, schema: { tags, security, summary: 'Add the applicants of a CSV export, read as batch scoring reads it (optionally through a map): all, or none', headers: Reviewer, params: OpeningParams, body: UploadBody, response: { 201: Added } }, preHandler: working, ...guard },
    async (request, reply) => {
      const actor = actorOf(request);
      const opening = await getOpening(store, request.params.id);
      const map = request.body.map === undefined ? undefined : parseMap(request.body.map, 'map', { ...(opening.groupBy ? { groupBy: opening.groupBy } : {}), categories: knownIds(catalogue.vocab, 'category') });
      const added = await uploadApplicants(store, catalogue, opening.id, Readable.from(slices(request.body.csv)), { map, layout: request.body.layout }, actor);
      return reply.code(201).send(added);
    },
  );

  app.get('/v1/openings/:id/applicants', { schema: { tags, security, summary: "The applicants' outcomes now, one per applicant and class, in the order added, a page at a time, of one status when asked, with counts by status", params: OpeningParams, querystring: OutcomesPage }, ...guard }, async (request) =>
    listOutcomes(reads, request.params.id, request.query),
  );

  app.get('/v1/openings/:id/review', { schema: { tags, security, summary: 'The review queue: every review outcome with exactly what a person must check', params: OpeningParams }, ...guard }, async (request) => ({
    queue: await reviewQueue(reads, request.params.id),
  }));

  app.post(
    '/v1/openings/:id/applicants/:applicantId/review',
    { schema: { tags, security, summary: 'Confirm or reject one open review item; the engine recomputes the outcomes, recorded with the action', headers: Reviewer, params: ApplicantParams, body: Verdict }, ...guard },
    async (request, reply) => {
      const { id, applicantId } = request.params;
      const resolved = await resolveItem(store, catalogue, { openingId: id, applicantId, ...request.body }, actorOf(request));
      return reply.code(201).send(resolved);
    },
  );

  app.get('/v1/openings/:id/applicants/:applicantId', { schema: { tags, security, summary: "One applicant's decision record: profile, every evaluation and review action", params: ApplicantParams }, ...guard }, async (request) =>
    applicantRecord(reads, request.params.applicantId, request.params.id),
  );

  app.delete('/v1/openings/:id/applicants/:applicantId', { schema: { tags, security, summary: "Erase an applicant's record on request; an anonymous outcome stays for the report", headers: Reviewer, params: ApplicantParams }, ...guard }, async (request) =>
    eraseApplicant(store, request.params.applicantId, actorOf(request), request.params.id),
  );

  app.get('/v1/openings/:id/records', { schema: { tags, security, summary: 'Every decision record of the opening: JSON, or CSV (one line per event) with Accept: text/csv', params: OpeningParams }, ...guard }, async (request, reply) => {
    const records = await openingRecords(reads, request.params.id);
    if (/text\/csv/.test(request.headers.accept ?? '')) return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="records.csv"').send(recordsCsv(records));
    return { records };
  });

  app.post('/v1/openings/:id/rerate', { schema: { tags, security, summary: 'Re-evaluate every applicant under the rules now loaded; lists whose status changes and why; records them with accept: true', headers: Reviewer, params: OpeningParams, body: RerateBody }, preHandler: working, ...guard }, async (request) =>
    rerate(store, catalogue, request.params.id, { accept: request.body.accept }, actorOf(request)),
  );

  app.get('/v1/openings/:id/report', { schema: { tags, security, summary: 'The selection-rate report over the outcomes now: JSON, or HTML with Accept: text/html', params: OpeningParams }, ...guard }, async (request, reply) => {
    const { tally, meta } = await openingReport(reads, catalogue, request.params.id);
    if (/text\/html/.test(request.headers.accept ?? '')) return reply.type('text/html; charset=utf-8').send(reportHtml(tally, meta));
    return reportJson(tally, meta);
  });
};
