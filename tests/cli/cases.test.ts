import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCases, type CasesCommandOptions } from '../../src/cli/commands/cases.ts';
import { rulesPath } from '../../src/paths.ts';

/** Runs `qualify cases` in this process, collecting what it prints. */
function cases(options: CasesCommandOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const status = runCases(options, (line) => out.push(line), (line) => err.push(line));
  return { status, out, err: err.join('\n'), stdout: out.join('\n') };
}

/** A rules folder holding the bundled houston-440.4 rule and the given case file. */
function rulesDir(casesYaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-cases-'));
  copyFileSync(rulesPath('houston-440.4.yaml'), join(dir, 'houston-440.4.yaml'));
  writeFileSync(join(dir, 'houston-440.4.cases.yaml'), casesYaml);
  return dir;
}

const profile = `
    id: h-1
    education: [{ level: B.S., field: Computer Science }]
    experience: [{ title: Network Administrator, start: 2015-01, end: 2020-12, categories: [it-infrastructure], supervisory: false }]
    certifications: [{ name: CCNA, expires: 2029-03 }]`;

const oneRightOneWrong = `
- name: A BS in Computer Science, six years of infrastructure and a CCNA qualify
  asOf: 2026-01-01
  profile:${profile}
  expect: { status: qualified, reasons: [EDUCATION_MET, EXPERIENCE_MET] }

- name: The same profile wrongly expected to need a year more
  asOf: 2026-01-01
  profile:${profile}
  expect: { status: not_qualified, gaps: [{ code: GAP_EXPERIENCE, amount: 12 }] }
`;

describe('qualify cases', () => {
  it('passes every case of a bundled class and exits 0', () => {
    const run = cases({ class: 'houston-440.4' });
    expect(run.err).toBe('');
    expect(run.status).toBe(0);
    expect(run.out[0]).toMatch(/^houston-440\.4 /);
    expect(run.out.filter((l) => l.startsWith('✗ '))).toEqual([]);
    expect(run.out.filter((l) => l.startsWith('✓ ')).length).toBeGreaterThan(0);
    expect(run.out.at(-1)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('marks a failing case in another rules folder, says why, and exits 1', () => {
    const run = cases({ rules: rulesDir(oneRightOneWrong) });
    expect(run.err).toBe('');
    expect(run.status).toBe(1);
    expect(run.out).toContain('✓ A BS in Computer Science, six years of infrastructure and a CCNA qualify');
    const at = run.out.indexOf('✗ The same profile wrongly expected to need a year more');
    expect(at).toBeGreaterThan(0);
    const why = run.out.slice(at + 1, run.out.indexOf('', at));
    expect(why.every((l) => l.startsWith('    '))).toBe(true);
    expect(why).toContain('    status: expected not_qualified, got qualified');
    expect(why).toContain('    no gap matching {"code":"GAP_EXPERIENCE","amount":12}; gaps were: (none)');
    expect(why.some((l) => /^ {4}decision: qualified, path \S+, score \d+$/.test(l))).toBe(true);
    expect(why.some((l) => /^ {6}- EDUCATION_MET: \S/.test(l))).toBe(true);
    expect(run.out.at(-1)).toBe('1 passed, 1 failed');
  });

  it('rejects an unknown class, naming the known ones, and exits 2', () => {
    const run = cases({ class: 'atlantis-1', rules: rulesDir(oneRightOneWrong) });
    expect(run.status).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toMatch(/^qualify: unknown class "atlantis-1"; known classes: .*houston-440\.4/);
  });

  it('reports an invalid case file with its line, without running anything, and exits 2', () => {
    const dir = rulesDir(oneRightOneWrong.replace('status: not_qualified', 'status: maybe'));
    const run = cases({ class: 'houston-440.4', rules: dir });
    expect(run.status).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err).toMatch(/^qualify: .*houston-440\.4\.cases\.yaml:\d+: \[1\]\.expect\.status: must be one of "qualified", "review", "not_qualified"/);
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('reports an invalid profile in a case, a missing rules folder and a class without cases, and exits 2', () => {
    const badProfile = cases({ rules: rulesDir(oneRightOneWrong.replace('start: 2015-01, end: 2020-12', 'start: 2020-12, end: 2015-01')) });
    expect(badProfile.status).toBe(2);
    expect(badProfile.err).toMatch(/case "A BS in Computer Science, six years of infrastructure and a CCNA qualify": profile is invalid: experience\[0\]\.end/);
    expect(cases({ rules: '/nonexistent/rules' })).toMatchObject({ status: 2, err: expect.stringMatching(/^qualify: cannot read rules folder/) });
    const noCases = mkdtempSync(join(tmpdir(), 'qualify-cases-'));
    copyFileSync(rulesPath('houston-440.4.yaml'), join(noCases, 'houston-440.4.yaml'));
    expect(cases({ rules: noCases, class: 'houston-440.4' })).toMatchObject({ status: 2, err: expect.stringMatching(/class houston-440\.4 has no case file/) });
  });
});
