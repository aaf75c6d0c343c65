import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { extractResume } from '../../src/text/resume.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { matchCertification, parseDegree, matchField } = bundledVocabulary();

interface Labelled {
  id: string;
  split: 'tune' | 'heldout';
  text: string;
  expect: {
    jobs: Array<{ title: string; employer: string; start: string; end: string }>;
    degrees: Array<{ level: string; field: string }>;
    certifications: string[];
  };
}
const resumes = parse(readFileSync(`${projectRoot}/tests/fixtures/resumes/resumes.yaml`, 'utf8')) as Labelled[];
const norm = (s: unknown) => String(s ?? '').trim().toLowerCase();

/** Field-level agreement: each expected job title, employer, start and end, each degree level and
 * field, each certification, is one field; extra extracted entries count as misses too. */
function score(r: Labelled): { right: number; total: number; misses: string[] } {
  const { profile } = extractResume(r.text, bundledVocabulary());
  const jobs = profile.experience as Array<Record<string, string>>;
  const degrees = profile.education as Array<Record<string, string>>;
  const certs = profile.certifications as Array<Record<string, string>>;
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  const check = (what: string, expected: unknown, got: unknown) => {
    total += 1;
    if (norm(expected) === norm(got)) right += 1;
    else misses.push(`${r.id} ${what}: expected "${String(expected)}", got "${String(got)}"`);
  };
  r.expect.jobs.forEach((e, i) => (['title', 'employer', 'start', 'end'] as const).forEach((k) => check(`job${i + 1}.${k}`, e[k], jobs[i]?.[k])));
  r.expect.degrees.forEach((e, i) => {
    check(`degree${i + 1}.level`, e.level, degrees[i] ? parseDegree(degrees[i]!.level!).level : undefined);
    check(`degree${i + 1}.field`, matchField(e.field).field ?? e.field, degrees[i]?.field ? (matchField(degrees[i]!.field!).field ?? degrees[i]!.field) : undefined);
  });
  r.expect.certifications.forEach((id, i) => check(`cert${i + 1}`, id, certs[i] ? matchCertification(certs[i]!.name!)?.id : undefined));
  for (const [what, extra] of [['jobs', jobs.length - r.expect.jobs.length], ['degrees', degrees.length - r.expect.degrees.length], ['certifications', certs.length - r.expect.certifications.length]] as const) {
    if (extra > 0) {
      total += extra;
      misses.push(`${r.id}: ${extra} extra ${what}`);
    }
  }
  return { right, total, misses };
}

describe('reading pasted résumés', () => {
  it('extracts at least 90% of the fields of the held-out résumés', () => {
    const heldout = resumes.filter((r) => r.split === 'heldout');
    const results = heldout.map(score);
    const right = results.reduce((s, r) => s + r.right, 0);
    const total = results.reduce((s, r) => s + r.total, 0);
    console.log(`résumé fields (held-out, ${heldout.length} résumés): ${right}/${total} = ${((100 * right) / total).toFixed(1)}%\n  ${results.flatMap((r) => r.misses).join('\n  ')}`);
    expect(resumes.length).toBeGreaterThanOrEqual(15);
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it('produces profiles the engine accepts, every entry marked as extracted', () => {
    for (const r of resumes) {
      const { profile } = extractResume(r.text, bundledVocabulary());
      expect(() => normaliseProfile(profile, bundledVocabulary())).not.toThrow();
      for (const list of [profile.experience, profile.education, profile.certifications] as Array<Array<{ extracted: boolean }>>) {
        for (const entry of list) expect(entry.extracted).toBe(true);
      }
    }
  });

  it('lists what it could not read instead of guessing', () => {
    const { unread, profile } = extractResume('EXPERIENCE\nDid many great things\nEDUCATION\nSchool of life\nCERTIFICATIONS\nCertified Forklift Operator', bundledVocabulary());
    expect(profile.experience).toEqual([]);
    expect(unread.map((u) => u.why)).toEqual(expect.arrayContaining(['no degree level recognised', 'certification not in the catalogue: kept, to confirm']));
  });
});
