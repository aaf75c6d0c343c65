// `npm run bench`: how fast qualify decides, beside json-rules-engine, in the same run.
//  1. Every bundled class, one core: qualify's full decision (validate, facts, both readings,
//     reasons, gaps, score, JSON) per raw profile, beside json-rules-engine running the class's
//     requirements as conditions on facts computed beforehand (outside its timing).
//  1b. The same for houston-440.4 once both engines are past their JIT warm-up, and what reading
//      the profile and writing the decision cost alone: the best ratio any engine could reach.
//  2. Where qualify's time goes, stage by stage, for houston-440.4.
//  3. `qualify check` on a file of BENCH_CHECK_PROFILES (50,000) profiles beside a json-rules-engine
//     script reading the same file: both whole processes, as a user runs them. Then the same check
//     with the engine's first decision reused for every later profile (each still read, validated
//     and written): the ceiling the rest of the command puts on the ratio.
// Sizes: BENCH_PROFILES (2,000) profiles per class in part 1; BENCH_CHECK_PROFILES=0 skips part 3.
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine, type NestedCondition, type RuleProperties } from 'json-rules-engine';
import { matchesFields } from '../src/facts/education.ts';
import { certificationFits } from '../src/facts/certifications.ts';
import { runCheck } from '../src/cli/commands/check.ts';
import { assess, factsFor } from '../src/engine/evaluate.ts';
import { monthsFitting, windowStartOf } from '../src/engine/months.ts';
import { STAGES, timeStages, timed } from '../src/engine/stages.ts';
import { normaliseProfile, type NormalisedProfile } from '../src/profile/normalise.ts';
import { parseDay } from '../src/profile/dates.ts';
import { bundledCatalogue, type LoadedRule } from '../src/rules/load.ts';
import type { Path } from '../src/rules/schema.ts';
import type { Vocabulary } from '../src/vocab/vocabulary.ts';
import { syntheticProfiles, type SyntheticProfile } from './profiles.ts';

const AS_OF = '2026-01-01';
const asOf = parseDay(AS_OF)!;
const COUNT = Number(process.env.BENCH_PROFILES ?? 2000);
const CHECK_COUNT = Number(process.env.BENCH_CHECK_PROFILES ?? 50_000);
const CHECK_CLASS = 'houston-440.4';

/** A class's requirements as json-rules-engine conditions: any path, all of its requirements, each
 * met directly or by any substitution into it. Facts are named by requirement and substitution. */
export function baselineRule(paths: readonly Path[]): RuleProperties {
  const any: NestedCondition[] = paths.map((path) => ({
    all: path.requirements.flatMap((r): NestedCondition[] => {
      const need = r.kind === 'certification' ? r.count : r.kind === 'credits' || r.kind === 'training' ? r.hours : r.kind === 'credential' ? 1 : 'months' in r ? (r.months ?? 0) : 0;
      if (r.kind === 'condition' || r.kind === 'criteria') return [];
      const direct: NestedCondition = { fact: `${path.id}/${r.id}`, operator: 'greaterThanInclusive', value: need };
      const subs = path.substitutions.filter((s) => s.to.includes(r.id)).map((s): NestedCondition => ({ fact: `${path.id}/${s.id}`, operator: 'greaterThanInclusive', value: need }));
      return [subs.length === 0 ? direct : { any: [direct, ...subs] }];
    }),
  }));
  return { conditions: { any }, event: { type: 'qualified' } };
}

/** The facts the baseline's conditions read, computed with qualify's own reading of the profile. */
export function baselineFacts(profile: NormalisedProfile, loaded: LoadedRule, vocab: Vocabulary): Record<string, number> {
  const facts = factsFor(loaded.rule, profile, asOf, vocab).strict;
  const out: Record<string, number> = {};
  const educationMonths = (fields?: readonly string[]) => Math.max(0, ...facts.education.filter((s) => matchesFields(s.ids, fields)).map((s) => s.months));
  for (const path of loaded.rule.paths) {
    for (const r of path.requirements) {
      const key = `${path.id}/${r.id}`;
      if (r.kind === 'experience') out[key] = monthsFitting(facts, r, windowStartOf(facts, r.withinYears));
      else if (r.kind === 'education') out[key] = educationMonths(r.fields);
      else if (r.kind === 'credential') out[key] = facts.held.some((h) => h.rank >= (facts.levelRanks.get(r.level) ?? Infinity)) ? 1 : 0;
      else if (r.kind === 'credits' || r.kind === 'training') out[key] = facts.hours.filter((h) => h.pool === r.kind).reduce((s, h) => s + h.hours, 0);
      else if (r.kind === 'certification') out[key] = facts.certifications.filter((c) => certificationFits(c, r)).length;
    }
    for (const { id, from, monthsEach } of path.substitutions) {
      const key = `${path.id}/${id}`;
      if (from.kind === 'experience') out[key] = monthsFitting(facts, from, windowStartOf(facts, from.withinYears));
      else if (from.kind === 'education') out[key] = Math.max(0, educationMonths(from.fields) - from.beyondMonths);
      else if (from.kind === 'certification') out[key] = facts.certifications.filter((c) => certificationFits(c, from)).length * (monthsEach ?? 0);
      else out[key] = facts.hours.filter((h) => h.pool === from.kind).reduce((sum, h) => sum + h.hours, 0);
    }
  }
  return out;
}

/** CPU seconds a run takes (awaited when it returns a promise). */
async function cpuSeconds(run: () => unknown): Promise<number> {
  const started = process.cpuUsage();
  await run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

const decide = (raw: SyntheticProfile, loaded: LoadedRule, vocab: Vocabulary): string => {
  const profile = timed('validate', () => normaliseProfile(raw, vocab));
  const decisions = assess(profile, [loaded], asOf, vocab, asOf);
  return timed('serialise', () => JSON.stringify(decisions[0]));
};

async function perClass(profiles: readonly SyntheticProfile[]): Promise<void> {
  const { rules, vocab } = bundledCatalogue();
  console.log(`\n1. Every class, ${profiles.length} synthetic profiles (3 jobs, a degree, two certifications), one core, CPU time`);
  console.log('class'.padEnd(34), 'qualify decisions/s'.padStart(20), 'json-rules-engine/s'.padStart(20), 'ratio'.padStart(7));
  for (const loaded of rules.values()) {
    const facts = profiles.map((p) => baselineFacts(normaliseProfile(p, vocab), loaded, vocab));
    const engine = new Engine([baselineRule(loaded.rule.paths)], { allowUndefinedFacts: true });
    // Warm both up, then time each twice and keep the faster.
    for (const p of profiles.slice(0, 300)) decide(p, loaded, vocab);
    for (const f of facts.slice(0, 300)) await engine.run(f);
    let [ours, theirs] = [Infinity, Infinity];
    for (let i = 0; i < 2; i++) {
      ours = Math.min(ours, await cpuSeconds(() => profiles.forEach((p) => decide(p, loaded, vocab))));
      theirs = Math.min(theirs, await cpuSeconds(async () => { for (const f of facts) await engine.run(f); }));
    }
    const rate = (s: number) => (profiles.length / s).toFixed(0);
    console.log(loaded.rule.id.padEnd(34), rate(ours).padStart(20), rate(theirs).padStart(20), `${(theirs / ours).toFixed(2)}x`.padStart(7));
  }
}

/** Part 1 times each engine after 300 warm-up evaluations, so for qualify it is still in JIT
 * warm-up (its first few thousand decisions cost two to three times the later ones). Here both
 * engines are warmed on WARM_UP evaluations first: what a long-running server or batch sees. */
const WARM_UP = 10_000;

async function steadyState(profiles: readonly SyntheticProfile[]): Promise<void> {
  const { rules, vocab } = bundledCatalogue();
  const loaded = rules.get(CHECK_CLASS)!;
  const facts = profiles.map((p) => baselineFacts(normaliseProfile(p, vocab), loaded, vocab));
  const engine = new Engine([baselineRule(loaded.rule.paths)], { allowUndefinedFacts: true });
  for (let i = 0; i < WARM_UP; i++) decide(profiles[i % profiles.length]!, loaded, vocab);
  for (let i = 0; i < WARM_UP; i++) await engine.run(facts[i % facts.length]!);
  let [ours, theirs] = [Infinity, Infinity];
  for (let i = 0; i < 2; i++) {
    ours = Math.min(ours, await cpuSeconds(() => profiles.forEach((p) => decide(p, loaded, vocab))));
    theirs = Math.min(theirs, await cpuSeconds(async () => { for (const f of facts) await engine.run(f); }));
  }
  // What no engine can avoid: reading each profile and writing its decision.
  const decisions = profiles.map((p) => assess(normaliseProfile(p, vocab), [loaded], asOf, vocab, asOf)[0]);
  let [reading, writing] = [Infinity, Infinity];
  for (let i = 0; i < 2; i++) {
    reading = Math.min(reading, await cpuSeconds(() => profiles.forEach((p) => normaliseProfile(p, vocab))));
    writing = Math.min(writing, await cpuSeconds(() => decisions.forEach((d) => JSON.stringify(d))));
  }
  const perDecision = (seconds: number) => ((seconds * 1e6) / profiles.length).toFixed(1);
  console.log(`\n1b. Steady state: ${CHECK_CLASS}, both engines after ${WARM_UP} warm-up evaluations, CPU time`);
  console.log(`qualify ${perDecision(ours)} µs per decision, json-rules-engine ${perDecision(theirs)} µs per evaluation: ratio ${(theirs / ours).toFixed(2)}x`);
  console.log(`of which reading the profile ${perDecision(reading)} µs and writing the decision ${perDecision(writing)} µs alone: with a free engine, ratio ${(theirs / (reading + writing)).toFixed(2)}x at most`);
}

function stageTable(profiles: readonly SyntheticProfile[]): void {
  const { rules, vocab } = bundledCatalogue();
  const loaded = rules.get(CHECK_CLASS)!;
  for (const p of profiles.slice(0, 300)) decide(p, loaded, vocab);
  const totals = timeStages()!;
  profiles.forEach((p) => decide(p, loaded, vocab));
  timeStages(false);
  const all = STAGES.reduce((s, k) => s + totals[k], 0);
  console.log(`\n2. Where the time goes: ${CHECK_CLASS}, ${profiles.length} profiles, µs per decision`);
  for (const stage of STAGES) console.log(`${stage.padEnd(12)} ${((totals[stage] * 1000) / profiles.length).toFixed(1).padStart(8)}  ${((100 * totals[stage]) / all).toFixed(0).padStart(3)}%`);
  console.log(`${'total'.padEnd(12)} ${((all * 1000) / profiles.length).toFixed(1).padStart(8)}`);
}

/** The facts of houston-440.4's conditions straight from a raw synthetic profile, the cheapest way
 * (month spans by stated category, a degree by its field's words, certifications by count): the
 * baseline script pays for no reading of names, dates or vocabularies. */
function rawFacts(raw: SyntheticProfile): Record<string, number> {
  const span = (start: string, end: string) => {
    const [sy, sm] = start.split('-').map(Number) as [number, number];
    const [ey, em] = end.split('-').map(Number) as [number, number];
    return ey * 12 + em - (sy * 12 + sm) + 1;
  };
  const months = (category: string) => raw.experience.filter((j) => j.categories.includes(category)).reduce((sum, j) => sum + span(j.start, j.end), 0);
  const computing = raw.education.some((e) => /computer|information/i.test(e.field));
  const graduate = raw.education.some((e) => /^M/.test(e.level) && /computer|information/i.test(e.field));
  return {
    'standard/degree': computing ? 48 : 0,
    'standard/experience': months('it-infrastructure'),
    'standard/system-certification': raw.certifications.length,
    'standard/certification-for-a-year': raw.certifications.length > 1 ? 12 : 0,
    'standard/experience-for-degree': months('information-technology'),
    'standard/advanced-certifications-for-degree': 0,
    'standard/masters-for-experience': graduate ? 24 : 0,
  };
}

/** Part 3's baseline, run as its own process: read the file, compute each profile's facts, run the
 * class's conditions, print one line per profile. */
async function baselineScript(file: string): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const engine = new Engine([baselineRule(bundledCatalogue().rules.get(CHECK_CLASS)!.rule.paths)], { allowUndefinedFacts: true });
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const raw = JSON.parse(line) as SyntheticProfile;
    const { events } = await engine.run(rawFacts(raw));
    out.push(JSON.stringify({ id: raw.id, qualified: events.length > 0 }));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function checkCommand(): void {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-bench-'));
  try {
    const file = join(dir, 'profiles.jsonl');
    writeFileSync(file, `${syntheticProfiles(CHECK_COUNT, 7).map((p) => JSON.stringify(p)).join('\n')}\n`);
    const run = (args: string[]) => {
      const started = performance.now();
      const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (res.status !== 0) throw new Error(`${args.join(' ')} failed: ${res.stderr}`);
      return { seconds: (performance.now() - started) / 1000, lines: res.stdout.trim().split('\n').length };
    };
    const cli = fileURLToPath(new URL('../cli.mjs', import.meta.url));
    const ours = run([cli, 'check', file, '--class', CHECK_CLASS, '--as-of', AS_OF]);
    const theirs = run([fileURLToPath(import.meta.url), '--baseline', file]);
    const reused = run([fileURLToPath(import.meta.url), '--reused', file]);
    console.log(`\n3. ${CHECK_COUNT} profiles in one file, ${CHECK_CLASS}, whole processes (wall time)`);
    console.log(`qualify check:                ${ours.seconds.toFixed(1)} s (${ours.lines} decisions, ${(CHECK_COUNT / ours.seconds).toFixed(0)}/s)`);
    console.log(`json-rules-engine script:     ${theirs.seconds.toFixed(1)} s (${theirs.lines} results, ${(CHECK_COUNT / theirs.seconds).toFixed(0)}/s)`);
    console.log(`ratio: ${(theirs.seconds / ours.seconds).toFixed(2)}x (target ≥ 2x)`);
    console.log(`qualify check, decisions reused (all but the engine): ${reused.seconds.toFixed(1)} s (${reused.lines} decisions): ratio ${(theirs.seconds / reused.seconds).toFixed(2)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--baseline') {
  await baselineScript(process.argv[3]!);
} else if (process.argv[2] === '--reused') {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=150'); // as the command-line tool's check sets it
  process.exitCode = await runCheck(process.argv[3]!, { class: CHECK_CLASS, asOf: AS_OF, decision: 'reused' }, (bytes) => process.stdout.write(bytes), (line) => process.stderr.write(`${line}\n`));
} else {
  const profiles = syntheticProfiles(COUNT, 42);
  console.log(`qualify bench, as of ${AS_OF}`);
  await perClass(profiles);
  await steadyState(profiles);
  stageTable(profiles);
  if (CHECK_COUNT > 0) checkCommand();
}
