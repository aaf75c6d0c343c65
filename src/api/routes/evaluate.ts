import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkProfile, parseAsOf } from '../../check.ts';
import type { Catalogue } from '../../rules/load.ts';
import { Decision } from '../../engine/decision.ts';
import { apiKeyCheck } from '../auth.ts';
import { VERSION_HEADER } from '../headers.ts';
import { profileBody, type ProfileBody } from '../profile-body.ts';
import { ClassParams, Decisions, EvaluateBody, EvaluateOneBody } from '../schemas.ts';

export interface EvaluateOptions {
  catalogue: Catalogue;
  apiKeys: readonly string[];
}

const one = profileBody(EvaluateOneBody);
const some = profileBody(EvaluateBody);

export const evaluateRoutes: FastifyPluginAsyncZod<EvaluateOptions> = async (app, { catalogue, apiKeys }) => {
  /** The decisions on the body's profile, or the problem with the body. */
  function decide(kind: typeof one | typeof some, body: ProfileBody<typeof EvaluateOneBody>, classes: readonly string[] | undefined) {
    try {
      return checkProfile(body.profile, { classes, asOf: parseAsOf(body.asOf), catalogue });
    } catch (error) {
      throw kind.refusal(error, body);
    }
  }

  app.post(
    '/v1/classes/:id/evaluate',
    {
      schema: { summary: 'Evaluate one profile against one class (recruiter route: API key when keys are configured)', params: ClassParams, body: EvaluateOneBody, response: { 200: Decision } },
      validatorCompiler: one.validatorCompiler,
      ...apiKeyCheck(apiKeys),
    },
    (request, reply) => {
      const [decision] = decide(one, request.body as ProfileBody<typeof EvaluateOneBody>, [request.params.id]);
      reply.header(VERSION_HEADER, decision!.rulesVersion);
      return decision!;
    },
  );

  app.post(
    '/v1/evaluate',
    {
      schema: { summary: 'Which of these roles am I eligible for: every (or the listed) class, ranked by status then score', body: EvaluateBody, response: { 200: Decisions } },
      validatorCompiler: some.validatorCompiler,
    },
    (request, reply) => {
      const body = request.body as ProfileBody<typeof EvaluateBody>;
      const decisions = decide(some, body, body.classes);
      reply.header(VERSION_HEADER, decisions.map((d) => `${d.class}=${d.rulesVersion}`).join(', '));
      return { decisions };
    },
  );
};
