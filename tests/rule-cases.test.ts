import { describe, expect, it } from 'vitest';
import { classesWithCases, casesFile, describeDecision, loadCases, runCase } from '../src/rules/cases.ts';
import { bundledRules, findRule } from '../src/rules/load.ts';
import { rulesPath } from '../src/paths.ts';

const classes = classesWithCases(rulesPath());

describe.each(classes.map((id) => [`${id}.cases.yaml`, id] as const))('%s', (_file, id) => {
  const loaded = findRule(bundledRules(), id);
  it.each(loadCases(casesFile(rulesPath(), id)).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { decision, failures } = runCase(loaded, c);
    expect(failures, describeDecision(decision).join('\n')).toEqual([]);
  });
});

it('every rule file has a case file beside it', () => {
  for (const id of bundledRules().keys()) expect(classes).toContain(id);
});
