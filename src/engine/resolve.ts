import { INFERENCE_CONFIDENCE } from '../facts/facts.ts';
import type { PartialDate } from '../profile/dates.ts';
import type { Job, NormalisedProfile } from '../profile/normalise.ts';
import type { Path, Requirement, RuleFile } from '../rules/schema.ts';
import type { Vocabulary } from '../vocab/vocabulary.ts';
import { assetKey, type AssetRef } from './types.ts';

/** A reviewer's decisions on what a review turned on, by item key: an asset (`assetKey`: `degree:0`,
 * `job:2`, `certification:1`), a condition (`condition:<requirement>`) or a discretionary clause
 * (`substitution:<id>`). The engine reads the resolved profile and rule as it reads any other. */
export interface Resolutions {
  confirmed: ReadonlySet<string>;
  rejected: ReadonlySet<string>;
}

export const NO_RESOLUTIONS: Resolutions = { confirmed: new Set(), rejected: new Set() };

export const substitutionKey = (id: string): string => `substitution:${id}`;
export const conditionKey = (requirement: string): string => `condition:${requirement}`;

/** A condition a reviewer decided is not met: unmet in both readings. */
export type RefusedCondition = Extract<Requirement, { kind: 'condition' }> & { refused: true };
export const isRefused = (r: Requirement): boolean => r.kind === 'condition' && 'refused' in r && r.refused === true;

type Verdict = 'confirmed' | 'rejected' | undefined;
const verdictOf = (r: Resolutions, key: string): Verdict => (r.confirmed.has(key) ? 'confirmed' : r.rejected.has(key) ? 'rejected' : undefined);
const of = (r: Resolutions, asset: AssetRef): Verdict => verdictOf(r, assetKey(asset));

/** A year-only date made a month: as the generous reading takes it once confirmed (January to
 * December), as the strict one once rejected (December to January). */
function settled(date: PartialDate, edge: 'start' | 'end', verdict: 'confirmed' | 'rejected'): PartialDate {
  if (date.precision !== 'year') return date;
  const early = (edge === 'start') === (verdict === 'confirmed');
  return { year: date.year, month: early ? 1 : 12, day: undefined, precision: 'month' };
}

function resolveJob(job: Job, verdict: 'confirmed' | 'rejected'): Job | null {
  // An unverified answer that is rejected leaves nothing, as the strict reading reads it.
  if (job.selfReported && verdict === 'rejected') return null;
  const { attribution } = job;
  const doubtful = attribution.source === 'inferred' && attribution.confidence < INFERENCE_CONFIDENCE;
  // A rejected inference leaves months of work of no stated kind, as the strict reading reads it.
  const dropped = doubtful && verdict === 'rejected' ? attribution.inferred : [];
  return {
    ...job,
    start: settled(job.start, 'start', verdict),
    end: job.end && settled(job.end, 'end', verdict),
    selfReported: false,
    attribution: { ...attribution, confidence: Math.max(attribution.confidence, INFERENCE_CONFIDENCE) },
    ...(dropped.includes('categories') ? { categories: new Set<string>() } : {}),
    ...(dropped.includes('capacities') ? { capacities: new Set<string>() } : {}),
  };
}

/** The profile as a reviewer resolved it: a confirmed asset is certain, as the generous reading
 * took it; a rejected one is read in both readings as the strict reading reads it. Indices stay. */
export function resolveProfile(profile: NormalisedProfile, r: Resolutions, vocab: Vocabulary): NormalisedProfile {
  if (r.confirmed.size === 0 && r.rejected.size === 0) return profile;
  const anyCategory = [...vocab.certificationCategories.keys()];
  return {
    ...profile,
    jobs: profile.jobs.flatMap((job) => {
      const verdict = of(r, { kind: 'job', index: job.index });
      return verdict ? (resolveJob(job, verdict) ?? []) : [job];
    }),
    degrees: profile.degrees.flatMap((d) => {
      const verdict = d.unevaluatedForeign ? of(r, { kind: 'degree', index: d.index }) : undefined;
      return verdict === 'rejected' ? [] : verdict === 'confirmed' ? [{ ...d, unevaluatedForeign: false }] : [d];
    }),
    certifications: profile.certifications.flatMap((c) => {
      const verdict = c.match === null ? of(r, { kind: 'certification', index: c.index }) : undefined;
      // A confirmed name fits any category, as the generous reading counted it, but no named certification.
      return verdict === 'rejected' ? [] : verdict === 'confirmed' ? [{ ...c, match: { id: `confirmed:${c.index}`, name: c.name, issuer: '', categories: anyCategory, confidence: 1 } }] : [c];
    }),
  };
}

function resolvePath(path: Path, r: Resolutions): Path {
  return {
    ...path,
    requirements: path.requirements.flatMap((req): Requirement[] => {
      if (req.kind !== 'condition') return [req];
      const verdict = verdictOf(r, conditionKey(req.id));
      if (verdict === 'confirmed') return [];
      return verdict === 'rejected' ? [{ ...req, refused: true } as RefusedCondition] : [req];
    }),
    substitutions: path.substitutions.flatMap((sub) => {
      if (!sub.discretionary) return [sub];
      const verdict = verdictOf(r, substitutionKey(sub.id));
      // An accepted clause is applied like one stated with a rate, in the strict reading too.
      return verdict === 'rejected' ? [] : verdict === 'confirmed' ? [{ ...sub, discretionary: false }] : [sub];
    }),
  };
}

/** The rule as a reviewer resolved it: an accepted discretionary clause applies in both readings,
 * a rejected one in neither; a confirmed condition is met, a rejected one is not. */
export const resolveRule = (rule: RuleFile, r: Resolutions): RuleFile =>
  r.confirmed.size === 0 && r.rejected.size === 0 ? rule : { ...rule, paths: rule.paths.map((p) => resolvePath(p, r)) };
