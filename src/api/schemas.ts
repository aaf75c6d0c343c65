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

export const EvaluateOneBody = z.object({
  profile: ProfileInput.describe('A candidate profile (CONTRACT.md), or a JSON Resume document (basics, work, education, certificates), which is mapped onto it.'),
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
