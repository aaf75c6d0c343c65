import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import pino, { type DestinationStream } from 'pino';
import { catalogueOf, type Catalogue } from '../rules/load.ts';
import { installProblems } from './problem.ts';
import { clientErrorHandler, frameworkErrors, installJsonParser, receiveTimeout, requireHost } from './transport.ts';
import { classRoutes } from './routes/classes.ts';
import { evaluateRoutes } from './routes/evaluate.ts';
import { healthRoutes } from './routes/health.ts';
import { vocabularyRoutes } from './routes/vocabularies.ts';
import { exportRoutes } from './routes/score.ts';
import { pages } from '../web/pages.ts';
import { extractRoute } from './routes/extract.ts';
import { openingRoutes } from './routes/openings.ts';
import { openReader, openStore, type Store, type StoreOptions } from '../store/store.ts';

export interface AppOptions {
  /** Rules and vocabularies; the project's own (or `rules`'s) when missing. */
  catalogue?: Catalogue;
  /** A folder of rule files to serve instead of the bundled rules/ (`serve --rules`), with the
   * project's vocabularies; the threads that score CSVs load it too. */
  rules?: string;
  /** Keys for recruiter routes; none means open (QUALIFY_API_KEYS). */
  apiKeys?: readonly string[];
  /** Requests per client per minute (QUALIFY_RATE_LIMIT); 0 turns the limit off. */
  rateLimit?: number;
  /** Largest JSON body, in bytes (QUALIFY_BODY_LIMIT). */
  bodyLimit?: number;
  /** Where the log goes (standard output by default); `false` for none. */
  log?: DestinationStream | false;
  /** Milliseconds to receive a whole request before answering 408. */
  requestTimeout?: number;
  /** The address users reach the service at (QUALIFY_PUBLIC_URL): an https one makes the pages
   * ask browsers to upgrade insecure requests; over plain HTTP on a LAN they must not. */
  publicUrl?: string;
  /** Largest CSV upload, in bytes, counted as it streams (QUALIFY_CSV_LIMIT). */
  csvLimit?: number;
  /** The screening records (openings, reviews, decision records): an open store, or where to open
   * one (closed with the app). Without it the openings routes are not served. */
  store?: Store | StoreOptions;
}

/** Log lines never hold a profile, a name, an email or a statement, nor credentials. */
export const REDACT = ['req.headers.authorization', 'req.headers["x-api-key"]', 'body', 'profile', '*.profile', '*.name', '*.email', '*.statement'];

export const DEFAULTS = { rateLimit: 300, bodyLimit: 256 * 1024, requestTimeout: 15_000 } as const;

/** Builds the HTTP service without listening (server.ts listens; tests inject). */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  // Without a log, fastify's own null logger: no child logger is made for each request.
  const logger = options.log === false ? undefined : pino({ redact: REDACT, base: undefined }, options.log ?? process.stdout);
  const requestTimeout = options.requestTimeout ?? DEFAULTS.requestTimeout;
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : {}),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? DEFAULTS.bodyLimit,
    requestTimeout,
    // The idle-socket timeout comes after the request timeout, and Node checks for late requests
    // every second, so a body that stops half-way gets its 408 instead of a silent close.
    connectionTimeout: requestTimeout + 5_000,
    http: { requireHostHeader: false, connectionsCheckingInterval: 1_000 },
    clientErrorHandler,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Responses are the engine's own typed objects: their schemas document them (OpenAPI) but are
  // not re-validated on every reply, which would cost more than the evaluation.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // JSON only, unless a route's own plugin adds a parser (text/csv for scoring): anything else is 415.
  app.removeContentTypeParser('text/plain');
  installJsonParser(app);
  requireHost(app);
  receiveTimeout(app, requestTimeout);
  // Decisions, scores and extracts are personal data: no cache keeps them.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.method === 'POST') reply.header('cache-control', 'no-store');
    // An answer that starts while its upload is still being read (a CSV scored as it streams, or
    // refused part-way) ends its connection: what is left of the body would stand in front of the
    // client's next request on it.
    if (!request.raw.complete && request.raw.readableFlowing !== null) reply.header('connection', 'close');
    done(null, payload);
  });

  // One line per request, with its timing: the route pattern, never the body or query.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });

  const https = options.publicUrl?.startsWith('https://') ?? false;
  // The API's JSON answers, its problems (a 404 too) included, are never rendered by a browser: a
  // fixed set of headers, worked out once. Pages and the docs get helmet's, in their own scope below.
  const jsonHeaders = apiSecurityHeaders(https);
  const setJsonHeaders = (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.headers(jsonHeaders);
    done();
  };
  app.addHook('onRoute', (route) => {
    if (API_ROUTE.test(route.url)) route.onRequest = [setJsonHeaders, ...[route.onRequest ?? []].flat()];
  });
  installProblems(app, jsonHeaders);
  const limit = options.rateLimit ?? DEFAULTS.rateLimit;
  if (limit > 0) await app.register(rateLimit, { max: limit, timeWindow: '1 minute', errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, message: `more than ${ctx.max} requests in ${ctx.after}; try again later` }) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'qualify', description: 'Decides whether a candidate meets a job class\'s minimum qualifications, explains why, and says what is missing.', version: '1' },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const catalogue = options.catalogue ?? catalogueOf(options.rules);
  const { rules } = catalogue;
  await app.register(healthRoutes, { rules });
  await app.register(classRoutes, { rules });
  await app.register(vocabularyRoutes, { vocab: catalogue.vocab });
  await app.register(evaluateRoutes, { catalogue, apiKeys: options.apiKeys ?? [] });
  await app.register(exportRoutes, {
    catalogue, apiKeys: options.apiKeys ?? [], ...(options.rules === undefined ? {} : { rules: options.rules }), ...(options.csvLimit === undefined ? {} : { csvLimit: options.csvLimit }),
  });
  await app.register(extractRoute, { vocab: catalogue.vocab });
  if (options.store) {
    const opened = 'selectFrom' in options.store ? null : await openStore(options.store);
    const reads = opened && openReader(options.store as StoreOptions);
    if (opened) app.addHook('onClose', async () => void (await Promise.all([opened.destroy(), reads?.destroy()])));
    await app.register(openingRoutes, {
      store: opened ?? (options.store as Store), ...(reads ? { reads } : {}),
      catalogue, apiKeys: options.apiKeys ?? [], ...(options.csvLimit === undefined ? {} : { uploadLimit: options.csvLimit }),
    });
  }
  // Pages and the docs are for browsers: helmet's full set of headers, in a scope of their own so
  // that the API's routes do not run its hooks.
  await app.register(async (browser) => {
    await browser.register(helmet, {
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': https ? [] : null } },
      // HSTS only where the service is reached over HTTPS: on plain HTTP it would lock a browser out.
      strictTransportSecurity: https,
    });
    await browser.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    await browser.register(pages);
  });
  return app;
}

/** The routes that answer JSON (or CSV) to programs, not pages to browsers. */
const API_ROUTE = /^\/(?:v1\/|health$|openapi\.json$)/;

/** The security headers of an API answer: nothing may run, frame or sniff it. */
function apiSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Options from the environment, for `npm start` and `qualify serve`. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): AppOptions {
  const number = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${value}"`);
    return n;
  };
  const keys = (env.QUALIFY_API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const rate = number('QUALIFY_RATE_LIMIT');
  const body = number('QUALIFY_BODY_LIMIT');
  const csv = number('QUALIFY_CSV_LIMIT');
  const publicUrl = env.QUALIFY_PUBLIC_URL || undefined;
  return {
    apiKeys: keys,
    ...(rate === undefined ? {} : { rateLimit: rate }),
    ...(body === undefined ? {} : { bodyLimit: body }),
    ...(csv === undefined ? {} : { csvLimit: csv }),
    ...(publicUrl ? { publicUrl } : {}),
  };
}
