import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QualifyError, describeIssues, formatPath } from '../errors.ts';
import { fromJsonResume, isJsonResume, resumePath } from '../profile/json-resume.ts';

type BodySchema = z.ZodObject<{ profile: z.ZodType }>;

/** The body as the handler receives it: all but the profile checked, the profile as it was sent
 * (not the schema's output that the type provider infers for `request.body`). */
export type ProfileBody<S extends BodySchema> = Omit<z.output<S>, 'profile'> & { profile: unknown };

/** A JSON body that holds a profile. Its zod schema documents the route (OpenAPI), but fastify
 * checks only the rest of the body (asOf, classes): the profile is validated once, by
 * normaliseInput as the engine reads it. A body refused there is checked against the whole
 * schema, so the problem answered is the one fastify's validation of the whole body gave. */
export function profileBody<S extends BodySchema>(schema: S) {
  const zod = validatorCompiler({ schema } as never) as (data: unknown) => { error?: unknown[] };
  // The schema validates a JSON Resume profile once it is mapped onto ours, as check.ts maps it,
  // and its errors name the document's own fields (`/profile/certificates/0/date`), as normaliseInput's do.
  const whole = (body: unknown) => {
    const profile = (body as { profile?: unknown } | null)?.profile;
    if (!isJsonResume(profile)) return zod(body);
    const doc = profile as Record<string, unknown>;
    const checked = zod({ ...(body as object), profile: fromJsonResume(doc) });
    return checked.error ? { error: (checked.error as Array<{ instancePath: string }>).map((e) => ({ ...e, instancePath: resumePointer(e.instancePath, doc) })) } : checked;
  };
  const rest = schema.extend({ profile: z.unknown() });
  return {
    /** The route's validator compiler: the rest of the body for the body, zod's for the other parts. */
    validatorCompiler: ((route) => (route.httpPart === 'body' ? (data: unknown) => rest.safeParse(data).success || whole(data) : validatorCompiler(route as never))) as FastifySchemaCompiler<unknown>,

    /** The error to answer for `error`, thrown while deciding on `body`: a body the schema refuses
     * is answered as fastify answers it, naming every bad field; an invalid profile names its fields
     * from the body (`profile.experience[0].categories[0]`). */
    refusal(error: unknown, body: ProfileBody<S>): unknown {
      const checked = whole(body);
      if (checked.error) return Object.assign(new Error('the body is not valid'), { statusCode: 400, validation: checked.error, validationContext: 'body' });
      if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') return error;
      const issues = error.issues.map((i) => ({ ...i, path: `profile.${i.path}` }));
      return new QualifyError(error.code, describeIssues(issues), issues);
    },
  };
}

/** A pointer into the profile mapped from `doc` as one into the document: `/profile/certifications/0/issued`
 * → `/profile/certificates/0/date`. Pointers outside the profile stay as they are. */
function resumePointer(pointer: string, doc: Record<string, unknown>): string {
  const [, inProfile] = /^\/profile\/(.*)$/.exec(pointer) ?? [];
  if (inProfile === undefined) return pointer;
  const path = formatPath(inProfile.split('/').map((key) => (/^\d+$/.test(key) ? Number(key) : key)));
  return `/profile/${resumePath(path, doc).replace(/\[(\d+)\]/g, '.$1').replaceAll('.', '/')}`;
}
