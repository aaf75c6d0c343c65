import { once } from '../engine/once.ts';
import { monthDayOf } from '../profile/dates.ts';
import type { Job, NormalisedProfile, UnrecognisedDegree } from '../profile/normalise.ts';
import type { TextSource } from '../criteria/evidence.ts';
import type { Counting } from '../rules/schema.ts';
import type { Vocabulary } from '../vocab/vocabulary.ts';
import { certificationFacts, type CertificationExclusion, type CertificationFact } from './certifications.ts';
import { educationSources, heldDegrees, hoursPieces, type EducationSource, type Held, type HoursPiece } from './education.ts';
import { buildTimeline, type Reading, type Segment } from './timeline.ts';

/** A job as one reading sees it. */
export interface JobFact {
  job: Job;
  categories: ReadonlySet<string>;
  capacities: ReadonlySet<string>;
  fullTime: boolean;
  /** Dates given as years only, categories inferred with low confidence, or self-reported. */
  uncertain: boolean;
  /** Left out of this reading altogether: a self-reported answer, in the strict reading. */
  left: boolean;
}

/** What a profile proves under one reading: the engine's only input besides the rule. Each list is
 * built by pushing into an array literal, never by `map` or `filter`: an empty list then has the
 * same hidden class as a full one, so the code reading facts is not compiled again when a profile
 * without jobs or degrees arrives. */
export interface Facts {
  reading: Reading;
  asOf: Date;
  counting: Counting;
  asOfMonth: number;
  jobs: JobFact[];
  segments: Segment[];
  education: EducationSource[];
  /** Credit and training hours, for credits and training requirements and rate substitutions. */
  hours: HoursPiece[];
  /** Degrees held, for credential requirements (uncertain ones too: the network opens them late). */
  held: Held[];
  /** Degrees whose level qualify cannot read: counted for nothing, named in decisions (none when missing). */
  unrecognisedDegrees?: readonly UnrecognisedDegree[];
  /** Degree level id → rank, for credentials held "or higher". */
  levelRanks: ReadonlyMap<string, number>;
  certifications: CertificationFact[];
  excludedCertifications: CertificationExclusion[];
  /** The application's free text, where criteria find their evidence. */
  texts: TextSource[];
  /** Category and capacity id → label, for what a reason says was read of a job. */
  labels: Pick<Vocabulary, 'categories' | 'capacities'>;
  /** Whether any fact is uncertain (then the two readings differ). */
  uncertain: boolean;
}

export interface FactOptions {
  asOf: Date;
  counting: Counting;
  breakpoints?: readonly number[];
}

/** Below this confidence a job's kind read from its title and duties is uncertain: the review
 * threshold of the confidence scale in src/vocab/categories.ts (docs/vocabularies.md). */
export const INFERENCE_CONFIDENCE = 0.6;

const NONE = new Set<string>();
const levelRanks = once((vocab: Vocabulary): ReadonlyMap<string, number> => new Map([...vocab.levels.values()].map((l) => [l.id, l.rank])));

function jobFact(job: Job, reading: Reading, counting: Counting): JobFact {
  const yearOnly = job.start.precision === 'year' || job.end?.precision === 'year';
  const lowConfidence = job.attribution.source === 'inferred' && job.attribution.confidence < INFERENCE_CONFIDENCE;
  const doubtful = job.selfReported || lowConfidence;
  // The strict reading leaves a self-reported answer out, and what was read with low confidence (what
  // the profile stated stays); the generous one counts both.
  const drop = (part: 'categories' | 'capacities'): boolean => reading === 'strict' && (job.selfReported || (lowConfidence && job.attribution.inferred.includes(part)));
  return {
    job,
    categories: drop('categories') ? NONE : job.categories,
    capacities: drop('capacities') ? NONE : job.capacities,
    fullTime: job.hoursPerWeek >= counting.fullTimeHours,
    uncertain: yearOnly || doubtful,
    // A doubtful kind still leaves months of work in some field; an unverified answer leaves nothing.
    left: job.selfReported && reading === 'strict',
  };
}

function applicationTexts(profile: NormalisedProfile): TextSource[] {
  const texts: TextSource[] = profile.statement ? [{ source: 'statement', text: profile.statement }] : [];
  for (const job of profile.jobs) {
    if (job.title) texts.push({ source: `experience[${job.index}].title`, text: job.title });
    if (job.description) texts.push({ source: `experience[${job.index}].description`, text: job.description });
  }
  return texts;
}

export function buildFacts(profile: NormalisedProfile, reading: Reading, options: FactOptions, vocab: Vocabulary): Facts {
  const { asOf } = options;
  const asOfDay = monthDayOf(asOf);
  const certs = certificationFacts(profile.certifications, asOfDay, reading);
  const jobs: JobFact[] = [];
  for (const job of profile.jobs) jobs.push(jobFact(job, reading, options.counting));
  return {
    reading,
    asOf,
    counting: options.counting,
    asOfMonth: asOfDay.month,
    jobs,
    segments: buildTimeline(profile.jobs, { asOf, reading, counting: options.counting, breakpoints: options.breakpoints }),
    education: educationSources(profile, reading, vocab),
    hours: hoursPieces(profile, reading, vocab),
    held: heldDegrees(profile, reading, vocab),
    unrecognisedDegrees: profile.unrecognisedDegrees,
    levelRanks: levelRanks(vocab),
    certifications: certs.current,
    excludedCertifications: certs.excluded,
    texts: applicationTexts(profile),
    labels: vocab,
    uncertain:
      jobs.some((j) => j.uncertain) ||
      profile.degrees.some((d) => d.unevaluatedForeign) ||
      profile.certifications.some((c) => c.match === null),
  };
}

/** Facts with nothing uncertain read generously: the same facts, sharing every list, as the one
 * literal `buildFacts` makes (one hidden class for both readings). */
export function readGenerously(strict: Facts): Facts {
  if (strict.uncertain) throw new Error('readGenerously: uncertain facts differ between readings; build them');
  const { asOf, counting, asOfMonth, jobs, segments, education, hours, held, unrecognisedDegrees, levelRanks, certifications, excludedCertifications, texts, labels } = strict;
  return { reading: 'generous', asOf, counting, asOfMonth, jobs, segments, education, hours, held, unrecognisedDegrees, levelRanks, certifications, excludedCertifications, texts, labels, uncertain: false };
}
