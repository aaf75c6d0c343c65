import type { FastifyPluginAsync } from 'fastify';
import { QualifyError } from '../../errors.ts';
import type { Vocabulary } from '../../vocab/vocabulary.ts';
import { extractResume } from '../../text/resume.ts';

export const RESUME_LIMIT = 200 * 1024;

/** `POST /v1/profiles/extract`: pasted résumé text in (text/plain), a profile to confirm out. */
export const extractRoute: FastifyPluginAsync<{ vocab: Vocabulary }> = async (app, { vocab }) => {
  app.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: RESUME_LIMIT }, (_request, body, done) => done(null, body));
  app.post('/v1/profiles/extract', { schema: { summary: 'Read a pasted plain-text résumé into a profile; every entry is marked extracted for a person to confirm', consumes: ['text/plain'] } }, async (request) => {
    if (typeof request.body !== 'string') throw new QualifyError('QUAL_ERR_UNSUPPORTED_MEDIA_TYPE', 'send the résumé as text/plain');
    if (request.body.trim() === '') throw new QualifyError('QUAL_ERR_INVALID_REQUEST', 'the résumé is empty', [{ path: '(body)', message: 'is empty' }]);
    return extractResume(request.body, vocab);
  });
};
