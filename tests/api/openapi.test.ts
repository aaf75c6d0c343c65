import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';

/** The OpenAPI document describes every field of the profile, so /docs and generated clients
 * document them (docs/profile.md has the same fields in prose). */

type Schema = {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
  [key: string]: unknown;
};

type Doc = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components?: { schemas?: Record<string, Schema> } };

let app: FastifyInstance;
let doc: Doc;

beforeAll(async () => {
  app = await buildApp({ log: false });
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json() as Doc;
});

afterAll(async () => {
  await app.close();
});

/** Follows a local `#/components/schemas/…` reference. */
function resolve(schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 20; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved reference ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A property is described when it, or the schema it refers to, has a non-empty description. */
const described = (schema: Schema): boolean => [schema, resolve(schema)].some((s) => typeof s.description === 'string' && s.description.trim() !== '');

/** Every property under `schema`, by path (`experience[].end`), through properties, items and
 * anyOf / allOf / oneOf wrappers; `seen` stops on recursive references. */
function properties(schema: Schema, path: string, out: Map<string, Schema[]>, seen = new Set<Schema>()): Map<string, Schema[]> {
  const node = resolve(schema);
  if (seen.has(node)) return out;
  seen.add(node);
  for (const variant of [...(node.anyOf ?? []), ...(node.allOf ?? []), ...(node.oneOf ?? [])]) properties(variant, path, out, seen);
  for (const item of node.items === undefined ? [] : Array.isArray(node.items) ? node.items : [node.items]) properties(item, `${path}[]`, out, seen);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const at = path ? `${path}.${name}` : name;
    out.set(at, [...(out.get(at) ?? []), child]);
    properties(child, at, out, seen);
  }
  return out;
}

const ROUTES = [
  ['POST /v1/evaluate', '/v1/evaluate'],
  ['POST /v1/classes/{id}/evaluate', '/v1/classes/{id}/evaluate'],
] as const;

describe.each(ROUTES)('the OpenAPI document of %s', (_name, route) => {
  const profileSchema = (): Schema => {
    const body = doc.paths[route]?.post?.requestBody?.content['application/json']?.schema;
    expect(body, `request body of POST ${route}`).toBeDefined();
    const profile = resolve(body!).properties?.profile;
    expect(profile, `profile in the request body of POST ${route}`).toBeDefined();
    return profile!;
  };

  it('describes the profile itself', () => {
    expect(described(profileSchema())).toBe(true);
  });

  it('describes every property of the profile, nested ones included', () => {
    const found = properties(profileSchema(), '', new Map());
    const missing = [...found].filter(([, schemas]) => !schemas.every(described)).map(([path]) => path);
    expect(missing).toEqual([]);
  });

  // collegeCredits is one object or a list: both branches must survive the conversion to OpenAPI
  // (an undescribed transform branch has been seen to vanish from the anyOf), so both are listed.
  it('reaches every field of the profile, through lists and the one-or-many collegeCredits', () => {
    const found = [...properties(profileSchema(), '', new Map()).keys()];
    expect(found).toEqual(
      expect.arrayContaining([
        'id', 'name', 'email', 'statement',
        'education', 'education[].level', 'education[].field', 'education[].completed', 'education[].foreign', 'education[].evaluated',
        'education[].credits', 'education[].credits[].hours', 'education[].credits[].system', 'education[].credits[].subject',
        'collegeCredits', 'collegeCredits.hours', 'collegeCredits.system', 'collegeCredits.field',
        'collegeCredits[].hours', 'collegeCredits[].system', 'collegeCredits[].field',
        'experience', 'experience[].title', 'experience[].employer', 'experience[].start', 'experience[].end',
        'experience[].hoursPerWeek', 'experience[].supervisory', 'experience[].categories', 'experience[].capacities',
        'experience[].description', 'experience[].selfReported',
        'certifications', 'certifications[].name', 'certifications[].issued', 'certifications[].expires',
        'training', 'training[].name', 'training[].hours', 'training[].completed',
      ]),
    );
  });
});
