import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { problemOf, sendProblem } from './problem.ts';

/** Recruiter routes take `Authorization: Bearer <key>` or `X-API-Key: <key>` when keys are
 * configured (QUALIFY_API_KEYS); self-check routes stay open. */
export function requireApiKey(keys: readonly string[]) {
  const accepted = keys.map((k) => Buffer.from(k));
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    if (accepted.length === 0) return done();
    const header = request.headers.authorization;
    // The scheme is case-insensitive (RFC 9110 §11.1): bearer, Bearer and BEARER alike.
    const bearer = header === undefined ? null : /^bearer +(.*)$/i.exec(header);
    const given = bearer ? bearer[1] : request.headers['x-api-key'];
    const key = Buffer.from(typeof given === 'string' ? given : '');
    if (accepted.some((k) => k.length === key.length && timingSafeEqual(k, key))) return done();
    sendProblem(reply, problemOf('QUAL_ERR_UNAUTHORIZED', 'this route needs an API key: Authorization: Bearer <key> or X-API-Key', [], request.url));
  };
}

/** Route options that check the key first, before the body is read or validated; none when no
 * keys are configured. */
export const apiKeyCheck = (keys: readonly string[]) => (keys.length === 0 ? {} : { onRequest: requireApiKey(keys) });
