import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRules, findRule, loadRuleFile } from '../../src/rules/load.ts';
import { rulesPath } from '../../src/paths.ts';

/** One folder for the file: a class it extends is read from beside it. */
const dir = mkdtempSync(join(tmpdir(), 'qualify-rules-'));
function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const houston = readFileSync(rulesPath('houston-440.4.yaml'), 'utf8');

describe('rule files', () => {
  it('load the bundled classes by their file names', () => {
    expect([...bundledRules().keys()]).toEqual(expect.arrayContaining(['austin-CI2788', 'chicago-06G7', 'chicago-06J7', 'council-infrastructure-manager', 'houston-440.4', 'nys-its-1', 'nys-its-2', 'nyc-1002C', 'ca-tddc-project-manager', 'la-it-technical-support-analyst-1']));
  });

  it('refuse an id no vocabulary defines, with the line and the known ids', () => {
    const file = write('houston-440.4.yaml', houston.replace('categories: [it-infrastructure]', 'categories: [procurement]'));
    expect(() => loadRuleFile(file)).toThrow(/houston-440.4.yaml:\d+: paths\[0\].requirements\[1\].categories\[0\]: "procurement" is not a known category; known: .*information-technology/);
  });

  it('name the id a misspelt one most likely meant, and a long vocabulary by its file', () => {
    expect(() => loadRuleFile(write('houston-440.4.yaml', houston.replace('categories: [it-infrastructure]', 'categories: [it-infrastucture]')))).toThrow(
      /categories\[0\]: "it-infrastucture" is not a known category; did you mean "it-infrastructure"\?$/,
    );
    // A degree level is one id, named at its own key.
    const credential = houston.replace(/- kind: education\n(\s+)id: degree\n[\s\S]*?clause: (.*)\n/, '- kind: credential\n$1id: degree\n$1label: a degree\n$1level: bachelors\n$1clause: $2\n');
    expect(() => loadRuleFile(write('houston-440.4.yaml', credential))).toThrow(/requirements\[0\].level: "bachelors" is not a known degree level; did you mean "bachelor"\?$/);
    const certification = houston.replace('categories: [system-specific]', 'certifications: [no-such-certificate]');
    expect(() => loadRuleFile(write('houston-440.4.yaml', certification))).toThrow(/"no-such-certificate" is not a known certification; the \d+ known are in data\/certifications.yaml$/);
  });

  it('resolve a class that extends another: every path of it, with the added requirements', () => {
    write('houston-440.4.yaml', houston);
    const file = write('houston-senior.yaml', [
      'id: houston-senior', 'title: Senior', 'jurisdiction: Test', 'effective: 2025-01-01', 'source: { document: test }',
      'extends:', '  class: houston-440.4', '  requirements:',
      '    - { kind: experience, id: additional, label: one more year, months: 12, categories: [information-technology], clause: Level I plus twelve months of additional experience. }',
    ].join('\n'));
    const { rule } = loadRuleFile(file);
    expect(rule.paths.map((p) => p.requirements.map((r) => r.id))).toEqual([['degree', 'experience', 'system-certification', 'additional']]);
  });

  it('refuse a class that extends itself in a circle', () => {
    const file = write('loop-a.yaml', 'id: loop-a\ntitle: A\njurisdiction: T\neffective: 2025-01-01\nsource: { document: t }\nextends: { class: loop-b }\n');
    write('loop-b.yaml', 'id: loop-b\ntitle: B\njurisdiction: T\neffective: 2025-01-01\nsource: { document: t }\nextends: { class: loop-a }\n');
    expect(() => loadRuleFile(file)).toThrow(/extends "loop-a", which extends this class again|extends "loop-b", which extends this class again/);
  });

  it('fail with the file, the line and the problem', () => {
    const file = write('houston-440.4.yaml', houston.replace('months: 72', 'months: -72'));
    const line = houston.split('\n').findIndex((l) => l.includes('months: 72')) + 1;
    expect(() => loadRuleFile(file)).toThrow(`${file}:${line}: paths[0].requirements[1].months: must be a positive number of months`);
  });

  it('say in words what a key is missing or of the wrong kind, and what a mistyped key meant', () => {
    const line = houston.split('\n').findIndex((l) => l.includes('months: 72')) + 1;
    const at = (text: string) => () => loadRuleFile(write('houston-440.4.yaml', text));
    expect(at(houston.replace('months: 72', 'month: 72'))).toThrow(
      `houston-440.4.yaml:${line - 3}: paths[0].requirements[1].months: is required\n${dir}/houston-440.4.yaml:${line}: paths[0].requirements[1].month: unknown key (did you mean "months"?)`,
    );
    expect(at(houston.replace('months: 72', 'months: six years'))).toThrow(`paths[0].requirements[1].months: must be a number, not text`);
    expect(at(houston.replace('kind: experience', 'kind: experiance'))).toThrow(/requirements\[1\].kind: "experiance" is not one of "experience", "education", /);
    expect(at(houston.replace(/^source:/m, 'sources:'))).toThrow(/:\d+: source: is required\n.*:9: sources: unknown key \(did you mean "source"\?\)/);
    expect(at(houston.replace('months: 72', 'months: 72\n        yearz: 6\n        lable: x'))).toThrow(/paths\[0\].requirements\[1\]: unknown keys "yearz", "lable" \(did you mean "label"\?\)/);
  });

  it('refuse an empty list of fields, which would let no degree count', () => {
    expect(() => loadRuleFile(write('houston-440.4.yaml', houston.replace('fields: [computing]', 'fields: []')))).toThrow(/requirements\[0\].fields: must name at least one field or family; leave the key out/);
  });

  it('reject a substitution that names no requirement of its path', () => {
    const file = write('houston-440.4.yaml', houston.replace('to: [degree, experience]', 'to: [degree, experiance]'));
    expect(() => loadRuleFile(file)).toThrow(/houston-440.4.yaml:\d+: paths\[0\].substitutions\[0\].to\[1\]: names no requirement of path "standard": "experiance"/);
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
