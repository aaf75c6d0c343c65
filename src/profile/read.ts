import { endsBeforeStart, parsePartialDate, type PartialDate } from './dates.ts';
import { LIMITS } from './schema.ts';

/** The fast path's readers of raw JSON values. Each accepts exactly what its counterpart in schema.ts
 * accepts, by zod 4's rules (finite numbers, string lengths in code points, a missing key read as
 * undefined), and throws REFUSED for anything else, so that zod is asked for the messages. */

/** Thrown, never returned; a symbol rather than an Error, so no stack is captured. */
const REFUSED = Symbol('refused by the fast path');

function refuse(): never {
  throw REFUSED;
}

type Raw = Readonly<Record<string, unknown>>;

/** z.object(): any object but null and arrays; keys it does not name are ignored, as zod strips them. */
export const object = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : refuse());

/** z.array(item).max(max).default([]); holes are read as undefined, as zod reads them. */
export function list<T>(v: unknown, item: (v: unknown, index: number) => T, max: number = LIMITS.listEntries): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > max) refuse();
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) out.push(item(v[i], i));
  return out;
}

/** `.optional()` */
export const optional = <T>(v: unknown, read: (v: unknown) => T): T | undefined => (v === undefined ? undefined : read(v));

/** z.string().min(min).max(max); code points are counted only where they can differ from UTF-16 units. */
export function text(v: unknown, max: number = LIMITS.shortText, min = 0): string {
  if (typeof v !== 'string') refuse();
  const length = v.length <= max && v.length >= 2 * min ? v.length : [...v].length;
  return length >= min && length <= max ? v : refuse();
}

/** z.number().min(0).max(max), or .gt(0).max(max) when zero is not allowed. */
export function hours(v: unknown, max: number, zero: 'allowed' | 'refused'): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) refuse();
  return (zero === 'allowed' ? v >= 0 : v > 0) && v <= max ? v : refuse();
}

/** z.boolean() */
export const flag = (v: unknown): boolean => (typeof v === 'boolean' ? v : refuse());

/** The profile id: z.union([z.string().min(1).max(shortText), z.number()]).transform(String). */
export function profileId(v: unknown): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return text(v, LIMITS.shortText, 1);
}

/** dateText: a string, or a safe integer as zod's .int() requires, that is YYYY-MM-DD, YYYY-MM or YYYY. */
export function date(v: unknown): PartialDate {
  const written = typeof v === 'string' ? v : Number.isSafeInteger(v) ? String(v) : refuse();
  return parsePartialDate(written) ?? refuse();
}

/** endText: a date, or missing, null, 'present' or 'Present' for a job running to the as-of date (null). */
export const end = (v: unknown): PartialDate | null => (v === undefined || v === null || v === 'present' || v === 'Present' ? null : date(v));

/** A job's start and end, the end not before the start (ExperienceInput's refinement). */
export function period(startValue: unknown, endValue: unknown): { start: PartialDate; end: PartialDate | null } {
  const start = date(startValue);
  const finish = end(endValue);
  return finish && endsBeforeStart(start, finish) ? refuse() : { start, end: finish };
}

/** creditSystem: z.enum(['semester', 'quarter']).default('semester'). */
export const creditSystem = (v: unknown): 'semester' | 'quarter' => (v === undefined ? 'semester' : v === 'semester' || v === 'quarter' ? v : refuse());

/** What `read` returns, or null when a reader refused the input anywhere in it. */
export function accepted<T>(read: () => T): T | null {
  try {
    return read();
  } catch (error) {
    if (error === REFUSED) return null;
    throw error;
  }
}
