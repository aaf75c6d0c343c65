// Evaluations per second on one core: qualify's full evaluation from raw profiles (normalise,
// facts, strict and generous readings, reasons, gaps, score) beside json-rules-engine running a
// rule of the same class on facts computed beforehand (bachelor's and months thresholds as
// all/any conditions). Both run here, in the same process, on the same profiles.
import { Engine, type NestedCondition, type RuleProperties } from 'json-rules-engine';
import { assess } from '../src/engine/evaluate.ts';
import { normaliseProfile } from '../src/profile/normalise.ts';
import { parseDay } from '../src/profile/dates.ts';
import { bundledCatalogue } from '../src/rules/load.ts';
import { syntheticProfiles } from './profiles.ts';

const asOf = parseDay('2026-01-01')!;
const COUNT = Number(process.env.BENCH_PROFILES ?? 2000);
const profiles = syntheticProfiles(COUNT, 42);

/** The same class as json-rules-engine conditions over pre-computed facts. */
function baselineRule(classId: string): RuleProperties {
  const thresholds: Record<string, { months: number; category: string; degree: boolean; cert: boolean }> = {
    'houston-440.4': { months: 72, category: 'infraMonths', degree: true, cert: true },
    'chicago-06G7': { months: 60, category: 'infraMonths', degree: true, cert: false },
    'austin-CI2788': { months: 36, category: 'supervisoryItMonths', degree: true, cert: false },
    'chicago-06J7': { months: 60, category: 'pmMonths', degree: false, cert: false },
  };
  const t = thresholds[classId]!;
  const all: NestedCondition[] = [{ fact: t.category, operator: 'greaterThanInclusive', value: t.months }];
  if (t.degree) all.push({ any: [{ fact: 'bachelor', operator: 'equal', value: true }, { fact: 'itMonths', operator: 'greaterThanInclusive', value: t.months + 48 }] });
  if (t.cert) all.push({ fact: 'systemCerts', operator: 'greaterThanInclusive', value: 1 });
  return { conditions: { all }, event: { type: 'qualified' } };
}

/** Facts for the baseline, computed once outside the timed loop (the baseline's advantage). */
function precomputed(raw: (typeof profiles)[number]) {
  const span = (start: string, end: string) => {
    const [sy, sm] = start.split('-').map(Number) as [number, number];
    const [ey, em] = end.split('-').map(Number) as [number, number];
    return ey * 12 + em - (sy * 12 + sm) + 1;
  };
  const months = (cat: string, sup = false) =>
    raw.experience.filter((j) => j.categories.includes(cat) && (!sup || j.supervisory)).reduce((sum, j) => sum + span(j.start, j.end), 0);
  return {
    bachelor: raw.education.length > 0,
    infraMonths: months('it-infrastructure'),
    itMonths: months('information-technology'),
    supervisoryItMonths: months('information-technology', true),
    pmMonths: months('project-management'),
    systemCerts: raw.certifications.length,
  };
}

async function main(): Promise<void> {
  const { rules, vocab } = bundledCatalogue();
  const classIds = ['houston-440.4', 'chicago-06G7', 'austin-CI2788', 'chicago-06J7'].filter((id) => rules.has(id));
  const facts = profiles.map(precomputed);
  console.log(`qualify bench: ${COUNT} synthetic profiles (3 jobs, one degree, two certifications), as of 2026-01-01, one core`);
  console.log('class'.padEnd(16), 'qualify eval/s'.padStart(15), 'json-rules-engine eval/s'.padStart(26), 'ratio'.padStart(7));
  for (const id of classIds) {
    const loaded = rules.get(id)!;
    // Warm up both, then time.
    for (const p of profiles.slice(0, 200)) assess(normaliseProfile(p, vocab), [loaded], asOf, vocab, asOf);
    const engine = new Engine([baselineRule(id)], { allowUndefinedFacts: true });
    for (const f of facts.slice(0, 200)) await engine.run(f);

    let t = performance.now();
    for (const p of profiles) assess(normaliseProfile(p, vocab), [loaded], asOf, vocab, asOf);
    const ours = COUNT / ((performance.now() - t) / 1000);
    t = performance.now();
    for (const f of facts) await engine.run(f);
    const theirs = COUNT / ((performance.now() - t) / 1000);
    console.log(id.padEnd(16), ours.toFixed(0).padStart(15), theirs.toFixed(0).padStart(26), `${(ours / theirs).toFixed(2)}x`.padStart(7));
  }
}

await main();
