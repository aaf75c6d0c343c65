import { Buffer, isUtf8 } from 'node:buffer';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { QualifyError, type ErrorCode } from '../errors.ts';
import { problemOf, sendProblem } from './problem.ts';

/** Errors that happen before a route runs, in one shape: problem+json with a stable code. Node's
 * HTTP parser (bad framing, unknown methods, huge headers, timeouts) answers on the raw socket;
 * the router (bad URL encoding, over-long ids) and the JSON parser through fastify. */

/** Node's client errors, by their code: anything else the parser refuses is bad HTTP. */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'QUAL_ERR_TIMEOUT',
  HPE_HEADER_OVERFLOW: 'QUAL_ERR_HEADERS_TOO_LARGE',
};

const DETAILS: Partial<Record<ErrorCode, string>> = {
  QUAL_ERR_TIMEOUT: 'the request was not received in time',
  QUAL_ERR_HEADERS_TOO_LARGE: 'the request headers are larger than the server accepts',
  QUAL_ERR_BAD_HTTP: 'the request is not valid HTTP',
};

/** fastify's `clientErrorHandler`: a problem written on the socket, which is then closed. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = CLIENT_ERRORS[error.code ?? ''] ?? 'QUAL_ERR_BAD_HTTP';
  const problem = problemOf(code, DETAILS[code] ?? 'the request is not valid HTTP');
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}

/** fastify's `frameworkErrors`: the router's refusals. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'QUAL_ERR_URI_TOO_LONG' : 'QUAL_ERR_BAD_URL';
  const detail = code === 'QUAL_ERR_URI_TOO_LONG' ? 'a part of the URL is longer than 100 characters' : 'the URL is not valid (a bad percent-encoding?)';
  void sendProblem(reply, problemOf(code, detail, [], request.url.slice(0, 200)));
}

const forbidden = (key: string, value: unknown): boolean => key === '__proto__' || (key === 'constructor' && typeof value === 'object' && value !== null && 'prototype' in value);

/** JSON.parse, refusing keys that could tamper with prototypes; the reviver runs only when the
 * text could hold one, so ordinary bodies parse at full speed. */
function parseJson(text: string): unknown {
  if (text.trim() === '') throw new QualifyError('QUAL_ERR_MALFORMED_JSON', 'the body is empty; send a JSON object');
  const reviver = /__proto__|prototype/.test(text)
    ? (key: string, value: unknown) => {
        if (forbidden(key, value)) throw new QualifyError('QUAL_ERR_FORBIDDEN_KEY', `the body holds a "${key}" key that could tamper with objects; it is refused`, [{ path: key, message: 'forbidden key' }]);
        return value;
      }
    : undefined;
  try {
    return JSON.parse(text, reviver);
  } catch (error) {
    if (error instanceof QualifyError) throw error;
    throw new QualifyError('QUAL_ERR_MALFORMED_JSON', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON bodies: valid UTF-8 only (never silently repaired), and no keys that tamper with prototypes. */
export function installJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const buffer = body as Buffer;
    if (!isUtf8(buffer)) return done(new QualifyError('QUAL_ERR_MALFORMED_JSON', 'the body is not valid UTF-8; send JSON encoded as UTF-8'), undefined);
    try {
      done(null, parseJson(buffer.toString('utf8')));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** A body still arriving after `ms` fails its stream with 408: Node's own request timeout does not
 * reach a request whose headers fastify already took, so a body that stops half-way would hang.
 * A CSV upload may stream for long: for it, `ms` is the longest silence between its chunks. */
export function receiveTimeout(app: FastifyInstance, ms: number): void {
  app.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw;
    if (raw.complete) return done();
    // The socket's byte count tells whether an upload is still moving without reading its stream.
    const streaming = request.headers['content-type']?.startsWith('text/csv') ?? false;
    let seen = raw.socket?.bytesRead ?? 0;
    let timer = setTimeout(expire, ms);
    function expire(): void {
      if (raw.complete) return;
      const read = raw.socket?.bytesRead ?? seen;
      if (streaming && read > seen) {
        seen = read;
        timer = setTimeout(expire, ms).unref();
        return;
      }
      // A reader still waiting takes the error and the problem is answered; with none (the answer
      // went out already), the connection is simply closed. The rest of the body is not waited for.
      if (reply.sent || raw.listenerCount('error') === 0) return void raw.destroy();
      reply.header('connection', 'close');
      raw.emit('error', new QualifyError('QUAL_ERR_TIMEOUT', `the request was not received within ${ms / 1000} s`));
    }
    timer.unref();
    const stop = () => clearTimeout(timer);
    raw.once('end', stop).once('close', stop);
    done();
  });
}

/** HTTP/1.1 requires a Host header; Node would answer its own bare 400 without one. */
export function requireHost(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.raw.httpVersion === '1.1' && !request.headers.host) return void sendProblem(reply, problemOf('QUAL_ERR_MISSING_HOST', 'an HTTP/1.1 request needs a Host header', [], request.url));
    done();
  });
}
