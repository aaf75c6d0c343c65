import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QualifyError } from '../../src/errors.ts';
import { normaliseProfile, normaliseWithSchema, readProfile, type NormalisedProfile } from '../../src/profile/normalise.ts';
import { LIMITS, ProfileInput } from '../../src/profile/schema.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
import { sampleProfiles } from '../helpers/sample-profiles.ts';

/* The fast path (src/profile/read.ts) accepts exactly what the zod schema accepts and normalises it
 * to the same profile; what it refuses, zod refuses, with the messages normaliseProfile throws. */

const vocab = bundledVocabulary();

type Outcome = { profile: NormalisedProfile | null } | { refused: Pick<QualifyError, 'code' | 'message' | 'issues'> };
function outcome(run: () => NormalisedProfile | null): Outcome {
  try {
    return { profile: run() };
  } catch (error) {
    if (!(error instanceof QualifyError)) throw error;
    return { refused: { code: error.code, message: error.message, issues: error.issues } };
  }
}

/** Mostly `valid`; now and then (1 in 51) a value on or across an edge of the schema, or of another type. */
const orEdge = <T>(valid: fc.Arbitrary<T>, edges: readonly unknown[]): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 50, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom<unknown>(...edges, undefined, null, true, 7, 'text', [], {}) });
/** Strings at and beyond `max`, in UTF-16 units and in code points (zod counts code points), and the empty one. */
const textEdges = (max: number) => ['', 'x'.repeat(max), 'x'.repeat(max + 1), '😀'.repeat(max), `${'😀'.repeat(max)}x`, '\uD83D'.repeat(max + 1)];
const hoursEdges = (max: number) => [0, -0, -1, Number.MIN_VALUE, max, max + 0.5, Number.NaN, Number.POSITIVE_INFINITY, '40'];
const DATE_EDGES = [2020.5, 1e21, -2020, '-2020', ' 2020 ', '2023-02-29', '2024-02-29', '2019-13', '2019-00', '1899', '2201', '20201', '2020-1', '', 'present'];
const listEdges = (entry: unknown, max: number = LIMITS.listEntries) => [Array(max).fill(entry), Array(max + 1).fill(entry)];

const text = (max: number = LIMITS.shortText, ...known: string[]) => orEdge(known.length > 0 ? fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 }), textEdges(max));
const flag = orEdge(fc.boolean(), ['true', 0, 1]);
const hours = (min: number, max: number) => orEdge(fc.double({ min, max, noNaN: true }), hoursEdges(max));
const system = orEdge(fc.constantFrom('semester', 'quarter'), ['Semester', 'year']);
const pad = (n: number) => String(n).padStart(2, '0');
const calendar = (y: fc.Arbitrary<number>, m: fc.Arbitrary<number>, d: fc.Arbitrary<number>) =>
  fc.oneof(y, y.map(String), fc.tuple(y, m).map(([yy, mm]) => `${yy}-${pad(mm)}`), fc.tuple(y, m, d).map(([yy, mm, dd]) => `${yy}-${pad(mm)}-${pad(dd)}`));
/** Dates as people write them in `years`, now and then one not on the calendar (a 30 February, month 13, year 1899). */
const date = (years: { min: number; max: number }) =>
  orEdge(
    fc.oneof(
      { weight: 9, arbitrary: calendar(fc.integer(years), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })) },
      { weight: 1, arbitrary: calendar(fc.integer({ min: 1890, max: 2210 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })) },
    ),
    DATE_EDGES,
  );
const anyDate = date({ min: 1990, max: 2030 });
const end = fc.oneof(date({ min: 2012, max: 2030 }), fc.constantFrom('present', 'Present', null), orEdge(fc.constant(undefined), ['PRESENT', ' present', 'now']));
const list = <T>(entry: fc.Arbitrary<T>, minimal: unknown, maxLength = 3) => orEdge(fc.array(entry, { maxLength }), listEdges(minimal));
const ids = (known: string[]) => orEdge(fc.array(fc.constantFrom(...known), { maxLength: 4 }), [['plumbing'], [''], ['x'.repeat(LIMITS.idLength)], ['x'.repeat(LIMITS.idLength + 1)], ...listEdges(known[0], LIMITS.jobIds)]);

const creditEntry = fc.record({ hours: hours(0, LIMITS.creditHours), system, field: text(LIMITS.shortText, 'Computer Science', 'Mathematics') }, { requiredKeys: ['hours'] });
const job = fc.record(
  {
    title: text(LIMITS.shortText, 'Network Administrator', 'IT Project Manager', 'Retail Supervisor'),
    employer: text(),
    start: date({ min: 1990, max: 2015 }),
    end,
    hoursPerWeek: hours(Number.MIN_VALUE, LIMITS.hoursPerWeek),
    supervisory: flag,
    categories: ids([...vocab.categories.keys()]),
    capacities: ids([...vocab.capacities.keys()]),
    selfReported: flag,
    description: text(LIMITS.longText, 'Ran the WAN and a team of three technicians.', 'Answered tickets.'),
  },
  { requiredKeys: ['start'] },
);
const degree = fc.record(
  {
    level: text(LIMITS.shortText, 'B.S.', 'MBA', 'Ph.D.', 'BSc (Hons) Computing', 'Grand Wizard'),
    field: text(LIMITS.shortText, 'Computer Science', 'comp sci'),
    credits: list(fc.record({ hours: hours(0, LIMITS.creditHours), system, subject: text(LIMITS.shortText, 'Statistics') }, { requiredKeys: ['hours', 'subject'] }), { hours: 3, subject: 'Statistics' }, 2),
    completed: anyDate,
    foreign: flag,
    evaluated: flag,
  },
  { requiredKeys: ['level'] },
);
/** Profiles that are mostly valid, now and then with a value on or across an edge of the schema. */
const profileLike = fc.record(
  {
    id: orEdge(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), [...textEdges(LIMITS.shortText), Number.NaN, Number.NEGATIVE_INFINITY]),
    name: text(),
    email: text(),
    education: list(degree, { level: 'BS' }),
    collegeCredits: fc.oneof(creditEntry, list(creditEntry, { hours: 3 })),
    experience: list(job, { start: 2020 }, 4),
    certifications: list(fc.record({ name: text(LIMITS.shortText, 'CCNA', 'PMP', 'CISSP'), issued: anyDate, expires: anyDate }, { requiredKeys: ['name'] }), { name: 'CCNA' }),
    training: list(fc.record({ name: text(LIMITS.shortText, 'Cybersecurity Bootcamp'), hours: hours(Number.MIN_VALUE, LIMITS.trainingHours), completed: anyDate }, { requiredKeys: ['name', 'hours'] }), { name: 'Course', hours: 10 }, 2),
    statement: text(LIMITS.statement),
  },
  { requiredKeys: ['id'] },
);

/** What a mutation puts in place of a value: any JSON value, or one of another kind. */
const edgeValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, -0, 2020, 2020.5, Number.NaN, 'present', 'PRESENT', '2023-02-29', [], {}, [{}], { hours: 3 }));

/** Every place in a value a mutation can reach: [] is the value itself. */
function places(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [path, ...keys.flatMap((k) => places((value as Record<string | number, unknown>)[k], [...path, k]))];
}

const mutation = fc.record({ place: fc.nat(), kind: fc.constantFrom('replace', 'delete', 'add key'), key: fc.constantFrom('extra', 'title', 'id', 'end', '__proto__'), value: edgeValue });
/** A copy of `value` with one place replaced, deleted, or given a key. */
function mutate(value: unknown, { place, kind, key, value: other }: { place: number; kind: string; key: string; value: unknown }): unknown {
  const copy = structuredClone(value);
  const all = places(copy);
  const path = all[place % all.length]!;
  if (path.length === 0) return kind === 'replace' ? other : copy;
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (kind === 'replace') parent[last] = other;
  else if (kind === 'delete' && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (kind === 'delete') delete parent[last];
  // An own property, as JSON.parse makes it, even for __proto__.
  else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) Object.defineProperty(parent[last], key, { value: other, enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutated = fc.tuple(profileLike, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([profile, ms]) => ms.reduce<unknown>((p, m) => mutate(p, m), profile));

describe('the fast path', () => {
  const tally = { accepted: 0, refused: 0 };
  const agreesWithZod = (input: unknown) => {
    const viaSchema = outcome(() => normaliseWithSchema(input, vocab));
    const fast = outcome(() => readProfile(input, vocab));
    const schemaAccepts = ProfileInput.safeParse(input).success;
    if ('profile' in fast && fast.profile === null) {
      tally.refused += 1;
      expect(schemaAccepts, 'the fast path refused what zod accepts').toBe(false);
      expect(outcome(() => normaliseProfile(input, vocab))).toEqual(viaSchema);
    } else {
      tally.accepted += 1;
      expect(schemaAccepts, 'the fast path accepted what zod refuses').toBe(true);
      expect(fast).toEqual(viaSchema);
    }
  };

  it('gives what zod gives for valid profiles, and for valid profiles changed in one to three places', () => {
    Object.assign(tally, { accepted: 0, refused: 0 });
    fc.assert(fc.property(profileLike, agreesWithZod), { numRuns: 500, seed: 14 });
    fc.assert(fc.property(mutated, agreesWithZod), { numRuns: 2000, seed: 4 });
    // Both paths are exercised: the test cannot pass by refusing (or accepting) everything.
    expect(tally.accepted).toBeGreaterThan(500);
    expect(tally.refused).toBeGreaterThan(500);
  });

  it('gives what zod gives for any JSON value, and any object of the profile\'s keys', () => {
    fc.assert(fc.property(fc.jsonValue(), agreesWithZod), { numRuns: 300, seed: 1 });
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('id', 'education', 'collegeCredits', 'experience', 'certifications', 'training', 'statement'), edgeValue), agreesWithZod), { numRuns: 500, seed: 2 });
  });
});

describe('normaliseProfile', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads ordinary profiles without asking zod', () => {
    const safeParse = vi.spyOn(ProfileInput, 'safeParse');
    for (const profile of sampleProfiles(300, 8)) normaliseProfile(profile, vocab);
    expect(safeParse).not.toHaveBeenCalled();
    expect(() => normaliseProfile({ id: '' }, vocab)).toThrow(QualifyError);
    expect(safeParse).toHaveBeenCalledOnce();
  });
});
