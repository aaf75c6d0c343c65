import { z } from 'zod';
import { Decision } from '../engine/decision.ts';
import { parseDay } from '../profile/dates.ts';
import { ProfileInput } from '../profile/schema.ts';

/** Request and response shapes of the HTTP API: validation, types and the OpenAPI document. */

const AsOf = z
  .string()
  .refine((s) => parseDay(s) !== null, 'must be a date YYYY-MM-DD')
  .optional()
  .describe('Evaluation date YYYY-MM-DD; today when missing. Nothing after it counts.');

const ClassId = z.string().min(1).max(100);

export const ClassParams = z.object({ id: ClassId });

/** A request's own keys are all known: one mistyped (`asof`) is refused, not passed over while the
 * decision is made as of today. The profile inside keeps its own rule (docs/profile.md). */
export const EvaluateOneBody = z.strictObject({
  profile: ProfileInput.describe('A candidate profile (see the README, Profiles), or a JSON Resume document (basics, work, education, certificates), which is mapped onto it.'),
  asOf: AsOf,
});

export const EvaluateBody = EvaluateOneBody.extend({
  classes: z.array(ClassId).max(50).optional().describe('Class ids to evaluate; every class when missing.'),
});

export const ClassSummary = z.object({
  id: z.string(),
  title: z.string(),
  jurisdiction: z.string(),
  effective: z.string(),
  rulesVersion: z.string(),
});

export const ClassList = z.object({ classes: z.array(ClassSummary) });

export const Decisions = z.object({ decisions: z.array(Decision) });

export const Health = z.object({ status: z.literal('ok'), classes: z.number().int() });

const Term = z.object({
  id: z.string().describe('The id rules and profiles name (lower-case letters, digits and hyphens).'),
  label: z.string().describe('How the term reads to a person.'),
});

export const Vocabularies = z.object({
  categories: z.array(Term).describe('Categories of experience, in file order: a job\'s `categories` and a rule\'s experience `categories` name these ids.'),
  capacities: z.array(Term).describe('Capacities in which a job was held: a job\'s `capacities` (`supervisory: true` is the capacity `supervisory`) and a rule\'s experience `capacities` name these ids.'),
  fieldFamilies: z.array(Term).describe('Families of fields of study: a rule\'s `fields` may name a family id, which holds every field of the family.'),
  fields: z
    .array(
      z.object({
        id: z.string().describe('The field id a rule\'s `fields` may name: its name in lower case with hyphens.'),
        name: z.string().describe('The field\'s canonical name, as a profile may write it.'),
        family: z.string().nullable().describe('The id of the family it belongs to; null for a field recognised as unrelated to every family.'),
      }),
    )
    .describe('Fields of study qualify recognises.'),
  degreeLevels: z.array(Term).describe('Degree levels, lowest first (a higher level holds every lower one): a rule\'s credential `level` names these ids.'),
  certificationCategories: z.array(Term).describe('Certification categories: a rule\'s certification `categories` name these ids.'),
});
