import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, factsFor } from '../src/engine/evaluate.ts';
import { parseDay } from '../src/profile/dates.ts';
import { normaliseProfile } from '../src/profile/normalise.ts';
import { checkCase, loadCases } from '../src/rules/cases.ts';
import { bundledRules, findRule } from '../src/rules/load.ts';
import { rulesPath } from '../src/paths.ts';

const caseFiles = readdirSync(rulesPath()).filter((f) => f.endsWith('.cases.yaml')).sort();

describe.each(caseFiles)('%s', (file) => {
  const loaded = findRule(bundledRules(), file.replace(/\.cases\.yaml$/, ''));
  it.each(loadCases(rulesPath(file)).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const profile = normaliseProfile(c.profile);
    const asOf = parseDay(c.asOf)!;
    const decision = evaluate(loaded.rule, loaded.version, factsFor(loaded.rule, profile, asOf), profile.id);
    expect(checkCase(c.expect, decision), JSON.stringify({ reasons: decision.reasons.map((r) => r.message), gaps: decision.gaps.map((g) => g.message) }, null, 1)).toEqual([]);
  });
});

it('every rule file has a case file beside it', () => {
  for (const id of bundledRules().keys()) expect(caseFiles).toContain(`${id}.cases.yaml`);
});
