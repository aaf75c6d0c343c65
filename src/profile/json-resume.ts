import { createHash } from 'node:crypto';

/** Maps a JSON Resume document (jsonresume.org: basics, work, education, certificates) onto the
 * profile shape (README, Profiles). Fields of ours placed beside theirs are kept. */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A list's entries mapped; a value that is not a list, or an entry that is not an object, is left
 * as it is, at its place, for validation to name (`work[1]: must be an object, not text`), never dropped. */
const mapped = (value: unknown, map: (entry: Json) => Json): unknown => (Array.isArray(value) ? value.map((v) => (isObject(v) ? map(v) : v)) : value);

export function isJsonResume(input: unknown): boolean {
  return isObject(input) && ('basics' in input || 'work' in input || 'certificates' in input);
}

/** JSON Resume dates may carry a time or be empty; an empty end means "present". */
const day = (value: unknown): unknown => (typeof value === 'string' && value.length > 10 ? value.slice(0, 10) : value === '' ? undefined : value);

/** A JSON Resume has no id: derive a stable one that is not itself personal data (never the email). */
function stableId(basics: Json): string {
  const who = [basics.email, basics.name].filter((x) => typeof x === 'string').join('|');
  return `resume-${createHash('sha256').update(who || 'anonymous').digest('hex').slice(0, 10)}`;
}

export function fromJsonResume(input: Json): Json {
  const basics = (input.basics ?? {}) as Json;
  const profile: Json = {
    id: input.id ?? stableId(basics),
    name: basics.name,
    email: basics.email,
    education: mapped(input.education, (e) => ({
      level: e.studyType ?? e.level,
      field: e.area ?? e.field,
      completed: day(e.endDate ?? e.completed),
      ...(e.foreign !== undefined ? { foreign: e.foreign } : {}),
      ...(e.evaluated !== undefined ? { evaluated: e.evaluated } : {}),
    })),
    experience: mapped(input.work, (w) => ({
      title: w.position ?? w.title ?? '',
      employer: w.name ?? w.company ?? w.employer,
      start: day(w.startDate ?? w.start),
      end: day(w.endDate ?? w.end) ?? null,
      description: [w.summary, ...(Array.isArray(w.highlights) ? w.highlights : [])].filter((x) => typeof x === 'string').join('\n') || undefined,
      ...(w.hoursPerWeek !== undefined ? { hoursPerWeek: w.hoursPerWeek } : {}),
      ...(w.supervisory !== undefined ? { supervisory: w.supervisory } : {}),
      ...(w.categories !== undefined ? { categories: w.categories } : {}),
    })),
    certifications: mapped(input.certificates, (c) => ({
      name: c.name,
      issued: day(c.date ?? c.issued),
      ...(c.expires !== undefined ? { expires: day(c.expires) } : {}),
    })),
    statement: input.statement ?? basics.summary,
    ...(input.collegeCredits !== undefined ? { collegeCredits: input.collegeCredits } : {}),
  };
  return JSON.parse(JSON.stringify(profile)) as Json; // drops the undefined keys
}

/** For each list of ours: the document's list, and for each of our keys the document's, in the order
 * fromJsonResume reads them. */
const LISTS = new Map<string, { list: string; keys: Record<string, string[]> }>([
  ['experience', { list: 'work', keys: { title: ['position', 'title'], employer: ['name', 'company', 'employer'], start: ['startDate', 'start'], end: ['endDate', 'end'], description: ['summary', 'highlights'] } }],
  ['education', { list: 'education', keys: { level: ['studyType', 'level'], field: ['area', 'field'], completed: ['endDate', 'completed'] } }],
  ['certifications', { list: 'certificates', keys: { issued: ['date', 'issued'], expires: ['expires'] } }],
]);

/** A field of the profile mapped from `doc` named as the document names it, so that an error points
 * at what its author wrote: `experience[0].end` → `work[0].endDate` (or `work[0].end`, when that is
 * the key the entry used); `education[0].level`, left out, → `education[0].studyType`. */
export function resumePath(path: string, doc: Json): string {
  const [, head, index, key, rest] = /^(\w+)(?:\[(\d+)\](?:\.(\w+))?)?(.*)$/.exec(path) ?? [];
  const list = head === undefined ? undefined : LISTS.get(head);
  if (list) {
    if (index === undefined) return `${list.list}${rest}`;
    const entry = (doc[list.list] as unknown[])[Number(index)];
    const keys = key === undefined ? undefined : (Object.hasOwn(list.keys, key) ? list.keys[key]! : [key]);
    // The key the entry used; for one it left out, the document's own name for it.
    const theirs = keys && (keys.find((k) => isObject(entry) && entry[k] !== undefined) ?? keys[0]);
    return `${list.list}[${index}]${theirs === undefined ? '' : `.${theirs}`}${rest}`;
  }
  if (path === 'name' || path === 'email' || (path === 'statement' && doc.statement === undefined)) return `basics.${path === 'statement' ? 'summary' : path}`;
  return path;
}
