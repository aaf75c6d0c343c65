import type { PlacedIssue } from '../errors.ts';
import { knownIds, unknownId, type IdKind, type Vocabulary } from '../vocab/vocabulary.ts';
import { SUBSTITUTABLE, type Path, type Preferred, type Requirement, type RuleFileInput, type Substitution } from './schema.ts';

/** What the schema cannot know: that every id a rule names is defined in the vocabularies, and
 * that substitutions name requirements of their path that may be substituted. Issues carry the
 * path into the file, for its line. */

type Key = PropertyKey;

function idChecker(vocab: Vocabulary, issues: PlacedIssue[]) {
  const known = new Map<IdKind, string[]>();
  /** Checks a list of ids, or one id (`level`), at its place in the file. */
  return (kind: IdKind, values: string | readonly string[] | undefined, at: Key[]): void => {
    if (!known.has(kind)) known.set(kind, knownIds(vocab, kind));
    const ids = known.get(kind)!;
    const unknown = (value: string, place: Key[]) => {
      if (!ids.includes(value)) issues.push({ at: place, message: unknownId(value, kind, ids) });
    };
    if (typeof values === 'string') unknown(values, at);
    else values?.forEach((value, i) => unknown(value, [...at, i]));
  };
}

type Check = ReturnType<typeof idChecker>;

function experience(check: Check, f: { categories: string[]; capacities: string[]; exclude: string[] }, at: Key[]): void {
  check('category', f.categories, [...at, 'categories']);
  check('capacity', f.capacities, [...at, 'capacities']);
  check('category', f.exclude, [...at, 'exclude']);
}

function hours(check: Check, f: { fields?: string[] | undefined; exclude: string[] }, at: Key[]): void {
  check('field', f.fields, [...at, 'fields']);
  check('field', f.exclude, [...at, 'exclude']);
}

function certifications(check: Check, f: { categories: string[]; certifications: string[] }, at: Key[]): void {
  check('certification category', f.categories, [...at, 'categories']);
  check('certification', f.certifications, [...at, 'certifications']);
}

function requirement(check: Check, r: Requirement | Preferred, at: Key[]): void {
  switch (r.kind) {
    case 'experience':
      experience(check, r, at);
      if ('including' in r) r.including.forEach((p, i) => experience(check, p, [...at, 'including', i]));
      return;
    case 'education': return check('field', r.fields, [...at, 'fields']);
    case 'credential':
      check('degree level', r.level, [...at, 'level']);
      return check('field', r.fields, [...at, 'fields']);
    case 'credits':
      hours(check, r, at);
      return r.including.forEach((p, i) => hours(check, p, [...at, 'including', i]));
    case 'training': return hours(check, r, at);
    case 'certification': return certifications(check, r, at);
    default:
  }
}

function substitution(check: Check, s: Substitution, at: Key[]): void {
  const from = [...at, 'from'];
  if (s.from.kind === 'experience') experience(check, s.from, from);
  else if (s.from.kind === 'education') check('field', s.from.fields, [...from, 'fields']);
  else if (s.from.kind === 'certification') certifications(check, s.from, from);
  else hours(check, s.from, from);
}

/** Unknown ids anywhere in the file as written. */
export function unknownIds(rule: RuleFileInput, vocab: Vocabulary): PlacedIssue[] {
  const issues: PlacedIssue[] = [];
  const check = idChecker(vocab, issues);
  rule.paths.forEach((path, p) => {
    path.requirements.forEach((r, i) => requirement(check, r, ['paths', p, 'requirements', i]));
    path.substitutions.forEach((s, i) => substitution(check, s, ['paths', p, 'substitutions', i]));
  });
  rule.extends?.requirements.forEach((r, i) => requirement(check, r, ['extends', 'requirements', i]));
  rule.extends?.substitutions.forEach((s, i) => substitution(check, s, ['extends', 'substitutions', i]));
  rule.preferred.forEach((r, i) => requirement(check, r, ['preferred', i]));
  return issues;
}

/** Substitutions that name no requirement of their path, or one that cannot be substituted. */
export function badTargets(paths: readonly Path[]): PlacedIssue[] {
  const issues: PlacedIssue[] = [];
  paths.forEach((path, p) => {
    const byId = new Map(path.requirements.map((r) => [r.id, r]));
    if (byId.size < path.requirements.length) issues.push({ at: ['paths', p, 'requirements'], message: `two requirements of path "${path.id}" share an id` });
    path.substitutions.forEach((sub, s) =>
      sub.to.forEach((target, t) => {
        const at = ['paths', p, 'substitutions', s, 'to', t];
        const r = byId.get(target);
        if (!r) issues.push({ at, message: `names no requirement of path "${path.id}": "${target}"` });
        else if (!SUBSTITUTABLE.has(r.kind)) issues.push({ at, message: `a ${r.kind} requirement cannot be substituted; only ${[...SUBSTITUTABLE].join(', ')} can` });
      }),
    );
  });
  return issues;
}
