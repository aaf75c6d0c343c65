import fc from 'fast-check';
import type { EducationSource } from '../../src/facts/education.ts';
import type { Facts, JobFact } from '../../src/facts/facts.ts';
import type { Path, Substitution } from '../../src/rules/schema.ts';
import type { HoursPiece } from '../../src/facts/education.ts';

type ExperienceCategory = 'information-technology' | 'it-infrastructure' | 'project-management';
type CertCategory = 'it' | 'system-specific';
type FieldFamily = 'computing' | 'business';

/* Small random rules and facts, in whole months and hours, for property tests, and an exhaustive search over
 * every way of assigning each month, education month, credit hour and certification to one use (or
 * none). The constructs covered: "of which" parts in a capacity, excluded categories, floors of
 * actual months, field-restricted education, certification requirements, stepped and capped
 * substitutions from experience, education and certifications, and credit hours bought as months
 * at a rate with a cap. */

const AS_OF = 2026 * 12;
const EXP_CATS: ExperienceCategory[] = ['information-technology', 'it-infrastructure'];
const CERT_CATS: CertCategory[] = ['it', 'system-specific'];
const clause = 'a clause of the specification';

interface World {
  path: Path;
  jobs: Array<{ months: number; categories: ExperienceCategory[]; capacities: string[] }>;
  credits: number[];
  /** Rank of the degree held (the credential asks for rank 1), or none. */
  held: number | null;
  education: Array<{ months: number; families: FieldFamily[] }>;
  certs: CertCategory[][];
  reading: 'strict' | 'generous';
}

const subsetOf = <T>(items: T[]) => fc.subarray(items, { minLength: 0 });

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    expMonths: fc.integer({ min: 1, max: 4 }),
    expCats: subsetOf(EXP_CATS),
    exclude: fc.option(fc.constant<ExperienceCategory>('project-management'), { nil: undefined }),
    partCapacities: fc.constantFrom<string[]>(['supervisory'], ['lead', 'supervisory'], ['lead']),
    creditsFor: fc.option(fc.record({ hours: fc.integer({ min: 1, max: 2 }), months: fc.integer({ min: 1, max: 2 }), cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }), { nil: undefined }),
    credits: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }),
    credential: fc.option(fc.record({ months: fc.integer({ min: 1, max: 2 }), byExperience: fc.boolean() }), { nil: undefined }),
    held: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    part: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    floor: fc.integer({ min: 0, max: 2 }),
    edu: fc.option(fc.record({ months: fc.integer({ min: 1, max: 3 }), computing: fc.boolean() }), { nil: undefined }),
    certReq: fc.option(fc.constantFrom<CertCategory>(...CERT_CATS), { nil: undefined }),
    expForEdu: fc.option(fc.record({ step: fc.integer({ min: 1, max: 2 }), cats: subsetOf(EXP_CATS), cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), discretionary: fc.boolean() }), { nil: undefined }),
    eduForExp: fc.option(fc.record({ step: fc.integer({ min: 1, max: 2 }), beyond: fc.integer({ min: 0, max: 2 }), cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }), discretionary: fc.boolean() }), { nil: undefined }),
    certFor: fc.option(fc.record({ each: fc.integer({ min: 1, max: 2 }), cap: fc.integer({ min: 1, max: 3 }), cat: fc.constantFrom<CertCategory>(...CERT_CATS) }), { nil: undefined }),
    jobs: fc.array(fc.record({ months: fc.integer({ min: 1, max: 3 }), categories: subsetOf([...EXP_CATS, 'project-management' as const]), capacities: subsetOf(['supervisory', 'lead']) }), { maxLength: 2 }),
    education: fc.array(fc.record({ months: fc.integer({ min: 1, max: 3 }), families: subsetOf<FieldFamily>(['computing', 'business']) }), { maxLength: 1 }),
    certs: fc.array(subsetOf(CERT_CATS), { maxLength: 2 }),
    reading: fc.constantFrom<'strict' | 'generous'>('strict', 'generous'),
  })
  .map((w) => {
    const requirements: Path['requirements'] = [
      {
        kind: 'experience', id: 'exp', label: 'exp', months: w.expMonths, categories: w.expCats, capacities: [], exclude: w.exclude ? [w.exclude] : [], fullTimeOnly: false, clause,
        including: w.part && w.part <= w.expMonths ? [{ id: 'sup', label: 'sup', months: w.part, categories: [], capacities: w.partCapacities, exclude: [], fullTimeOnly: false, clause }] : [],
        minimumActualMonths: Math.min(w.floor, w.expMonths),
      },
    ];
    if (w.edu) requirements.push({ kind: 'education', id: 'edu', label: 'edu', months: w.edu.months, ...(w.edu.computing ? { fields: ['computing'] as FieldFamily[] } : {}), clause });
    if (w.certReq) requirements.push({ kind: 'certification', id: 'cert', label: 'cert', count: 1, categories: [w.certReq], certifications: [], clause });
    const substitutions: Substitution[] = [];
    if (w.expForEdu && w.edu) substitutions.push({ id: 'exp-for-edu', label: 's', from: { kind: 'experience', categories: w.expForEdu.cats, capacities: [], exclude: [], fullTimeOnly: false }, to: ['edu'], step: w.expForEdu.step, ...(w.expForEdu.cap ? { maxMonths: w.expForEdu.cap } : {}), discretionary: w.expForEdu.discretionary, clause });
    if (w.eduForExp) substitutions.push({ id: 'edu-for-exp', label: 's', from: { kind: 'education', beyondMonths: w.eduForExp.beyond }, to: ['exp'], step: w.eduForExp.step, ...(w.eduForExp.cap ? { maxMonths: w.eduForExp.cap } : {}), discretionary: w.eduForExp.discretionary, clause });
    if (w.certFor) substitutions.push({ id: 'cert-for', label: 's', from: { kind: 'certification', categories: [w.certFor.cat], certifications: [] }, to: w.edu ? ['edu', 'exp'] : ['exp'], monthsEach: w.certFor.each, maxMonths: w.certFor.cap, step: 1, discretionary: false, clause });
    if (w.credential) {
      requirements.push({ kind: 'credential', id: 'cred', label: 'cred', level: 'bachelor', orHigher: true, months: w.credential.months, clause });
      if (w.credential.byExperience) substitutions.push({ id: 'exp-for-cred', label: 's', from: { kind: 'experience', categories: [], capacities: [], exclude: [], fullTimeOnly: false }, to: ['cred'], step: 1, discretionary: false, clause });
    }
    if (w.creditsFor) substitutions.push({ id: 'credits-for', label: 's', from: { kind: 'credits', exclude: [] }, to: ['exp'], rate: { hours: w.creditsFor.hours, months: w.creditsFor.months }, step: 1, ...(w.creditsFor.cap ? { maxMonths: w.creditsFor.cap } : {}), discretionary: false, clause });
    return { path: { id: 'p', label: 'p', requirements, substitutions }, jobs: w.jobs, credits: w.credits, held: w.held, education: w.education, certs: w.certs, reading: w.reading };
  });

export function toFacts(w: World): Facts {
  let start = AS_OF - 100;
  const jobs: JobFact[] = w.jobs.map((j, index) => ({
    job: { index, title: `job ${index}`, employer: null, start: { year: 2000, precision: 'month' }, end: null, hoursPerWeek: 40, description: '', categories: new Set(j.categories), capacities: new Set(j.capacities), selfReported: false, attribution: { source: 'profile', inferred: [], confidence: 1, evidence: [] } },
    categories: new Set<string>([...j.categories, ...(j.categories.includes('it-infrastructure') ? ['information-technology' as const] : [])]),
    capacities: new Set(j.capacities),
    fullTime: true,
    uncertain: false,
    left: false,
  }));
  const segments = w.jobs.map((j, i) => {
    const segment = { start, months: j.months, fte: w.jobs.map((_, k) => (k === i ? 1 : 0)) };
    start += j.months;
    return segment;
  });
  const education: EducationSource[] = w.education.map((e, index) => ({ months: e.months, ids: e.families, asset: { kind: 'degree', index }, uncertain: false, label: 'degree' }));
  const hours: HoursPiece[] = w.credits.map((h, index) => ({ pool: 'credits', hours: h, subject: null, ids: new Set(), asset: { kind: 'credits', index }, uncertain: false, label: 'credit' }));
  const certifications = w.certs.map((categories, index) => ({ cert: { index, name: `c${index}`, match: null, issued: null, expires: null }, categories: new Set<string>(categories), uncertain: false }));
  return { reading: w.reading, asOf: new Date(Date.UTC(2026, 0, 1)), counting: { fullTimeHours: 40, partTime: 'proportional', minDaysPerMonth: 0 }, asOfMonth: AS_OF, jobs, segments, education, hours, held: w.held === null ? [] : [{ rank: w.held, uncertain: false, degree: { index: 0, level: ['associate', 'bachelor', 'master'][w.held]!, levelText: 'degree', fieldText: null, field: null, fieldIds: [], unevaluatedForeign: false, credits: [] } }], levelRanks: new Map([['associate', 0], ['bachelor', 1], ['master', 2]]), certifications, excludedCertifications: [], texts: [], labels: { categories: new Map(), capacities: new Map() }, uncertain: false };
}

/** Every way of giving each unit to one of its options (index) or to none (-1). */
function* assignments(optionsPerUnit: number[][]): Generator<number[]> {
  if (optionsPerUnit.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = optionsPerUnit;
  for (const tail of assignments(rest)) for (const o of [-1, ...first!]) yield [o, ...tail];
}

/** Exhaustive: does any assignment of units to uses meet every requirement? */
export function bruteForce(w: World): boolean {
  const { path } = w;
  const facts = toFacts(w);
  const subs = path.substitutions.filter((s) => w.reading === 'generous' || !s.discretionary);
  const exp = path.requirements[0] as Extract<Path['requirements'][number], { kind: 'experience' }>;
  const part = exp.including[0];
  const edu = path.requirements.find((r) => r.kind === 'education') as Extract<Path['requirements'][number], { kind: 'education' }> | undefined;
  const certReq = path.requirements.find((r) => r.kind === 'certification') as Extract<Path['requirements'][number], { kind: 'certification' }> | undefined;
  const fits = (j: JobFact, f: { categories: readonly string[]; exclude?: readonly string[] }) => f.categories.every((c) => j.categories.has(c)) && !(f.exclude ?? []).some((c) => j.categories.has(c));
  const inCapacity = (j: JobFact) => part !== undefined && part.capacities.some((c) => j.capacities.has(c));
  // Uses: 0 exp general, 1 exp part, 2 edu requirement, 10+k substitution k (to target t: 10 + 2k + t).
  const monthOptions: number[][] = [];
  for (const j of facts.jobs) {
    const opts: number[] = [];
    if (fits(j, exp)) opts.push(0);
    if (part && fits(j, exp) && inCapacity(j)) opts.push(1);
    subs.forEach((s, k) => { if (s.from.kind === 'experience' && fits(j, s.from)) opts.push(10 + 2 * k); });
    for (let m = 0; m < w.jobs[j.job.index]!.months; m++) monthOptions.push(opts);
  }
  const layers = Math.max(0, ...facts.education.map((e) => e.months));
  const eduOptions: number[][] = [];
  for (let i = 0; i < layers; i++) {
    const covering = facts.education.filter((e) => e.months > i);
    const opts: number[] = [];
    if (edu && covering.some((e) => !edu.fields || e.ids.some((f) => edu.fields!.includes(f)))) opts.push(2);
    subs.forEach((s, k) => { if (s.from.kind === 'education' && i >= s.from.beyondMonths) opts.push(10 + 2 * k); });
    eduOptions.push(opts);
  }
  const certOptions = facts.certifications.map((c) => {
    const opts: number[] = [];
    if (certReq && certReq.categories.some((x) => c.categories!.has(x))) opts.push(3);
    subs.forEach((s, k) => { if (s.from.kind === 'certification' && s.from.categories.some((x) => c.categories!.has(x))) s.to.forEach((_, t) => opts.push(10 + 2 * k + t)); });
    return opts;
  });
  const hourOptions: number[][] = facts.hours.flatMap((p) => Array.from({ length: p.hours }, () => subs.flatMap((s, k) => (s.from.kind === 'credits' ? [10 + 2 * k] : []))));
  for (const a of assignments([...monthOptions, ...eduOptions, ...certOptions, ...hourOptions])) {
    const count = (use: number, from = 0, to = a.length) => a.slice(from, to).filter((x) => x === use).length;
    const nMonths = monthOptions.length;
    const nEdu = eduOptions.length;
    const credit = new Map<string, number>();
    subs.forEach((s, k) => {
      let total = 0;
      const perTarget = s.to.map((_, t) => {
        const units = count(10 + 2 * k + t);
        const raw = s.from.kind === 'certification' ? units * s.monthsEach! : s.rate ? Math.floor(units / s.rate.hours) * s.rate.months : Math.floor(units / s.step) * s.step;
        const given = Math.min(raw, (s.maxMonths ?? Infinity) - total);
        total += given;
        return given;
      });
      s.to.forEach((target, t) => credit.set(target, (credit.get(target) ?? 0) + perTarget[t]!));
    });
    const expSub = credit.get('exp') ?? 0;
    const room = exp.months - Math.max(exp.minimumActualMonths, part?.months ?? 0);
    const general = count(0, 0, nMonths);
    const partMonths = count(1, 0, nMonths);
    const expOk = (part ? partMonths >= part.months : true) && general + partMonths + Math.min(expSub, room) >= exp.months;
    const eduOk = !edu || count(2, nMonths, nMonths + nEdu) + (credit.get('edu') ?? 0) >= edu.months;
    const cred = path.requirements.find((r) => r.kind === 'credential');
    const credOk = !cred || (w.held !== null && w.held >= 1) || (credit.get('cred') ?? 0) >= (cred.months ?? 0);
    const certOk = !certReq || count(3, nMonths + nEdu, nMonths + nEdu + certOptions.length) >= 1;
    if (expOk && eduOk && certOk && credOk) return true;
  }
  return false;
}

