import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRules, findRule, loadRuleFile } from '../../src/rules/load.ts';
import { rulesPath } from '../../src/paths.ts';

function write(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'qualify-rules-')), name);
  writeFileSync(file, text);
  return file;
}

const houston = readFileSync(rulesPath('houston-440.4.yaml'), 'utf8');

describe('rule files', () => {
  it('load the five seed classes by the ids of READING.md', () => {
    expect([...bundledRules().keys()].sort()).toEqual(['austin-CI2788', 'chicago-06G7', 'chicago-06J7', 'council-infrastructure-manager', 'houston-440.4']);
  });

  it('fail with the file, the line and the problem', () => {
    const file = write('houston-440.4.yaml', houston.replace('months: 72', 'months: -72'));
    const line = houston.split('\n').findIndex((l) => l.includes('months: 72')) + 1;
    expect(() => loadRuleFile(file)).toThrow(`${file}:${line}: paths.0.requirements.1.months: must be a positive number of months`);
  });

  it('reject a substitution that names no requirement of its path', () => {
    const file = write('houston-440.4.yaml', houston.replace('to: [degree, experience]', 'to: [degree, experiance]'));
    expect(() => loadRuleFile(file)).toThrow(/names no requirement of this path: "experiance"/);
  });

  it('reject a clause that does not quote the specification, and keys outside the vocabulary', () => {
    expect(() => loadRuleFile(write('houston-440.4.yaml', houston.replace(/clause: Requires a Bachelor's.*\n/, 'clause: tbd\n')))).toThrow(/must quote the sentence/);
    expect(() => loadRuleFile(write('houston-440.4.yaml', houston.replace('months: 72', 'months: 72\n        yearz: 6')))).toThrow(/yearz/);
  });

  it('reject invalid YAML with its line', () => {
    expect(() => loadRuleFile(write('x.yaml', 'id: x\ntitle: [unclosed\n'))).toThrow(/x\.yaml:\d+: not valid YAML/);
  });

  it('carry a version made of the effective date and a content hash that changes with the file', () => {
    const original = loadRuleFile(rulesPath('houston-440.4.yaml')).version;
    expect(original).toMatch(/^2018-11-01\+[0-9a-f]{12}$/);
    const changed = loadRuleFile(write('houston-440.4.yaml', houston.replace('months: 72', 'months: 73'))).version;
    expect(changed).not.toBe(original);
  });

  it('name the known classes when asked for an unknown one', () => {
    expect(() => findRule(bundledRules(), 'nowhere-1')).toThrow(/unknown class "nowhere-1"; known classes: .*houston-440.4/);
  });
});
