import type { FieldIssue } from '../errors.ts';
import type { Inference } from '../vocab/categories.ts';
import { unknownId, type Vocabulary } from '../vocab/vocabulary.ts';
import type { Attribution, Job } from './normalise.ts';
import { flag, hours, list, object, optional, period, text } from './read.ts';
import { LIMITS } from './schema.ts';

/** One entry of a profile's experience, read and normalised: dates parsed, hours a week defaulted,
 * categories and capacities as stated (and checked) or read from the title and duties. */

const FULL_TIME_HOURS = 40;
/** The profile field `supervisory: true` is the capacity of that id. */
const SUPERVISORY = 'supervisory';

/** Unknown ids go to `issues`: they are named once the whole profile is read, after problems of shape. */
export function readJob(raw: unknown, index: number, vocab: Vocabulary, issues: FieldIssue[]): Job {
  const e = object(raw);
  const title = optional(e.title, text) ?? '';
  const employer = optional(e.employer, text) ?? null;
  const { start, end } = period(e.start, e.end);
  const hoursPerWeek = optional(e.hoursPerWeek, (h) => hours(h, LIMITS.hoursPerWeek, 'refused')) ?? FULL_TIME_HOURS;
  const supervisory = optional(e.supervisory, flag);
  const ids = (v: unknown) => list(v, (id) => text(id, LIMITS.idLength, 1), LIMITS.jobIds);
  const categories = optional(e.categories, ids);
  const statedCapacities = optional(e.capacities, ids);
  const selfReported = optional(e.selfReported, flag) === true;
  const description = optional(e.description, (d) => text(d, LIMITS.longText));
  checkIds(categories, 'categories', index, vocab, issues);
  checkIds(statedCapacities, 'capacities', index, vocab, issues);
  // Either value of supervisory states the capacities.
  const capacities = supervisory === undefined ? statedCapacities : [...(statedCapacities ?? []), ...(supervisory ? [SUPERVISORY] : [])];
  const inferred = categories !== undefined && capacities !== undefined ? null : vocab.inferExperience(title, description);
  return {
    index,
    title,
    employer,
    start,
    end,
    hoursPerWeek,
    description: description ?? '',
    categories: vocab.close(categories ?? inferred?.categories ?? []),
    capacities: new Set(capacities ?? inferred?.capacities ?? []),
    selfReported,
    attribution: inferred ? inferredAttribution(inferred, { categories, capacities }) : { source: 'profile', inferred: [], confidence: 1, evidence: [] },
  };
}

const KIND = { categories: 'category', capacities: 'capacity' } as const;

/** Stated ids must be known to the vocabularies, so a misspelt category is an error, not a silent zero. */
function checkIds(values: readonly string[] | undefined, field: keyof typeof KIND, index: number, vocab: Vocabulary, issues: FieldIssue[]): void {
  const known = vocab[field];
  values?.forEach((value, i) => {
    if (!known.has(value)) issues.push({ path: `experience[${index}].${field}[${i}]`, message: unknownId(value, KIND[field], [...known.keys()]) });
  });
}

/** What was read of a job and how surely: the confidence is that of the categories read; capacities
 * read beside stated categories rest on phrases that name them outright (src/vocab/categories.ts). */
function inferredAttribution(inferred: Inference, stated: Record<'categories' | 'capacities', readonly string[] | undefined>): Attribution {
  const read = (['categories', 'capacities'] as const).filter((k) => stated[k] === undefined);
  return { source: 'inferred', inferred: read, confidence: read.includes('categories') ? inferred.confidence : 1, evidence: inferred.evidence };
}
