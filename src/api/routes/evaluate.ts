import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkProfile, parseAsOf } from '../../check.ts';
import { QualifyError, describeIssues } from '../../errors.ts';
import type { Catalogue } from '../../rules/load.ts';
import { fromJsonResume, isJsonResume } from '../../profile/json-resume.ts';
import { apiKeyCheck } from '../auth.ts';
import { VERSION_HEADER } from '../headers.ts';
import { ClassParams, Decisions, EvaluateBody, EvaluateOneBody } from '../schemas.ts';
import { Decision } from '../../engine/decision.ts';

export interface EvaluateOptions {
  catalogue: Catalogue;
  apiKeys: readonly string[];
}

/** A JSON Resume body is mapped onto the profile shape before validation, so one schema validates both. */
async function mapJsonResume(request: { body: unknown }): Promise<void> {
  const body = request.body as { profile?: unknown } | undefined;
  if (body && isJsonResume(body.profile)) body.profile = fromJsonResume(body.profile as Record<string, unknown>);
}

/** Field paths of an invalid profile are reported from the request body (`profile.experience[0].end`). */
function evaluate(profile: unknown, classes: string[] | undefined, asOf: string | undefined, catalogue: Catalogue) {
  try {
    return checkProfile(profile, { classes, asOf: parseAsOf(asOf), catalogue });
  } catch (error) {
    if (error instanceof QualifyError && error.code === 'QUAL_ERR_INVALID_PROFILE') {
      const issues = error.issues.map((i) => ({ ...i, path: `profile.${i.path}` }));
      throw new QualifyError(error.code, describeIssues(issues), issues);
    }
    throw error;
  }
}

export const evaluateRoutes: FastifyPluginAsyncZod<EvaluateOptions> = async (app, { catalogue, apiKeys }) => {
  app.post(
    '/v1/classes/:id/evaluate',
    {
      schema: { summary: 'Evaluate one profile against one class (recruiter route: API key when keys are configured)', params: ClassParams, body: EvaluateOneBody, response: { 200: Decision } },
      preValidation: mapJsonResume,
      ...apiKeyCheck(apiKeys),
    },
    async (request, reply) => {
      const [decision] = evaluate(request.body.profile, [request.params.id], request.body.asOf, catalogue);
      reply.header(VERSION_HEADER, decision!.rulesVersion);
      return decision!;
    },
  );

  app.post(
    '/v1/evaluate',
    {
      schema: { summary: 'Which of these roles am I eligible for: every (or the listed) class, ranked by status then score', body: EvaluateBody, response: { 200: Decisions } },
      preValidation: mapJsonResume,
    },
    async (request, reply) => {
      const decisions = evaluate(request.body.profile, request.body.classes, request.body.asOf, catalogue);
      reply.header(VERSION_HEADER, decisions.map((d) => `${d.class}=${d.rulesVersion}`).join(', '));
      return { decisions };
    },
  );
};
