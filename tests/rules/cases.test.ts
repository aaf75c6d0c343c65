import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/engine/decision.ts';
import { RuleCase, checkCase, describeDecision, loadCases, partialMatch, summarise } from '../../src/rules/cases.ts';

/** A decision as the engine returns it, with fields the engine may add (unit, parts, …). */
function decision(over: Partial<Record<keyof Decision, unknown>> = {}): Decision {
  return {
    id: 'p-1',
    class: 'test-1',
    status: 'not_qualified',
    score: 40,
    path: 'standard',
    rulesVersion: '2026-01-01+abc',
    asOf: '2026-01-01',
    reasons: [
      { code: 'EXPERIENCE_SHORT', message: 'IT experience: 22 months of the 24 required', requirement: 'it', expected: 24, received: 22, unit: 'months', clause: 'Two years of IT experience.' },
      { code: 'CERTIFICATION_MET', message: 'A current CCNA meets the certification clause', requirement: 'cert' },
    ],
    gaps: [
      { code: 'GAP_EXPERIENCE', message: '2 months more of IT experience', requirement: 'it', amount: 2, unit: 'months', clause: 'Two years of IT experience.' },
      { code: 'GAP_CONFIRM', message: 'confirm the dates of Network Administrator' },
      {
        code: 'GAP_ALL_OF',
        message: 'all of: 12 months more of supervisory experience, and a PMP',
        parts: [
          { code: 'GAP_EXPERIENCE', message: '12 months more of supervisory experience', requirement: 'supervisory', amount: 12, unit: 'months' },
          { code: 'GAP_CERTIFICATION', message: 'a PMP', requirement: 'pmp', amount: 1, assets: ['pmi-pmp'] },
        ],
      },
    ],
    ...over,
  } as Decision;
}

/** An `expect` block as a case file would give it, with the defaults filled in. */
const expectation = (given: Record<string, unknown>): RuleCase['expect'] =>
  RuleCase.parse({ name: 'a test case', asOf: '2026-01-01', profile: {}, expect: given }).expect;

const check = (given: Record<string, unknown>, d: Decision = decision()) => checkCase(expectation(given), d);

describe('checkCase', () => {
  it('passes when every expectation is shown', () => {
    expect(check({ status: 'not_qualified', path: 'standard', reasons: ['EXPERIENCE_SHORT'], gaps: ['GAP_EXPERIENCE', 'GAP_CONFIRM'] })).toEqual([]);
  });

  it('reports a wrong status and a wrong path', () => {
    expect(check({ status: 'review', path: 'or-2' })).toEqual(['status: expected review, got not_qualified', 'path: expected or-2, got standard']);
  });

  it('asks a string entry only for the code, at the top level', () => {
    expect(check({ status: 'not_qualified', gaps: ['GAP_ALL_OF'] })).toEqual([]);
    expect(check({ status: 'not_qualified', gaps: ['GAP_CERTIFICATION'] })).toEqual([
      'no gap GAP_CERTIFICATION; gaps were: GAP_EXPERIENCE(requirement=it, amount=2, unit=months), GAP_CONFIRM, GAP_ALL_OF(parts=[GAP_EXPERIENCE(requirement=supervisory, amount=12, unit=months), GAP_CERTIFICATION(requirement=pmp, amount=1, assets=["pmi-pmp"])])',
    ]);
    expect(check({ status: 'not_qualified', reasons: ['EXPERIENCE_MET'] })).toEqual([
      'no reason EXPERIENCE_MET; reasons were: EXPERIENCE_SHORT(requirement=it, expected=24, received=22, unit=months), CERTIFICATION_MET(requirement=cert)',
    ]);
  });

  it('matches an object entry on the keys it gives, all of one and the same item', () => {
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_EXPERIENCE', requirement: 'it', amount: 2, unit: 'months' }] })).toEqual([]);
    expect(check({ status: 'not_qualified', reasons: [{ code: 'EXPERIENCE_SHORT', expected: 24, received: 22 }] })).toEqual([]);
    // requirement "it" belongs to one reason, CERTIFICATION_MET to another: no single reason has both.
    expect(check({ status: 'not_qualified', reasons: [{ code: 'CERTIFICATION_MET', requirement: 'it' }] })).toHaveLength(1);
  });

  it('compares numbers exactly and names the expectation and what there was', () => {
    const failures = check({ status: 'not_qualified', gaps: [{ code: 'GAP_EXPERIENCE', amount: 1 }] }, decision({ gaps: decision().gaps.slice(0, 2) }));
    expect(failures).toEqual(['no gap matching {"code":"GAP_EXPERIENCE","amount":1}; gaps were: GAP_EXPERIENCE(requirement=it, amount=2, unit=months), GAP_CONFIRM']);
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_EXPERIENCE', amount: '2' }] })).toHaveLength(1);
  });

  it('reaches nested gaps only through parts', () => {
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_EXPERIENCE', amount: 12 }] })).toHaveLength(1);
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_ALL_OF', parts: [{ code: 'GAP_EXPERIENCE', amount: 12 }] }] })).toEqual([]);
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_ALL_OF', parts: ['GAP_CERTIFICATION', { code: 'GAP_EXPERIENCE', unit: 'months' }] }] })).toEqual([]);
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_ALL_OF', parts: [{ code: 'GAP_CERTIFICATION', assets: ['pmi-pmp'] }] }] })).toEqual([]);
    expect(check({ status: 'not_qualified', gaps: [{ code: 'GAP_ALL_OF', parts: [{ code: 'GAP_TRAINING' }] }] })[0]).toMatch(/^no gap matching \{"code":"GAP_ALL_OF","parts":\[\{"code":"GAP_TRAINING"\}\]\}; gaps were: /);
  });

  it('keeps reasonsMention, gapsMention, scoreAtLeast and scoreAtMost', () => {
    expect(check({ status: 'not_qualified', reasonsMention: ['22 MONTHS of the 24'], gapsMention: ['2 months more'], scoreAtLeast: 40, scoreAtMost: 40 })).toEqual([]);
    expect(check({ status: 'not_qualified', reasonsMention: ['degree'], gapsMention: ['a bachelor'], scoreAtLeast: 50, scoreAtMost: 30 })).toEqual([
      'no reason mentions "degree"',
      'no gap mentions "a bachelor"',
      'score 40 < 50',
      'score 40 > 30',
    ]);
  });

  it('says "(none)" when a decision has no gaps', () => {
    expect(check({ status: 'qualified', gaps: ['GAP_CONFIRM'] }, decision({ status: 'qualified', gaps: [] }))).toEqual(['no gap GAP_CONFIRM; gaps were: (none)']);
  });
});

describe('partialMatch', () => {
  it('matches arrays as distinct elements in any order', () => {
    expect(partialMatch([2, 1], [1, 2, 3])).toBe(true);
    expect(partialMatch([1, 1], [1, 2])).toBe(false);
    expect(partialMatch([{ a: 1 }], [{ a: 1, b: 2 }])).toBe(true);
    expect(partialMatch([1], 'not an array')).toBe(false);
  });

  it('matches objects on the keys given, null standing for absent', () => {
    expect(partialMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toBe(true);
    expect(partialMatch({ a: null }, { b: 1 })).toBe(true);
    expect(partialMatch({ a: null }, { a: 1 })).toBe(false);
    expect(partialMatch({ a: 1 }, { a: 1.5 })).toBe(false);
  });
});

describe('summarise and describeDecision', () => {
  it('leaves prose out of a summary', () => {
    expect(summarise({ code: 'GAP_DISCRETIONARY', message: 'a reviewer…', clause: 'At the discretion of…' })).toBe('GAP_DISCRETIONARY');
  });

  it('shows the status, path, score and each message, nested parts indented', () => {
    expect(describeDecision(decision())).toEqual([
      'decision: not_qualified, path standard, score 40',
      'reasons:',
      '  - EXPERIENCE_SHORT: IT experience: 22 months of the 24 required',
      '  - CERTIFICATION_MET: A current CCNA meets the certification clause',
      'gaps:',
      '  - GAP_EXPERIENCE: 2 months more of IT experience',
      '  - GAP_CONFIRM: confirm the dates of Network Administrator',
      '  - GAP_ALL_OF: all of: 12 months more of supervisory experience, and a PMP',
      '    - GAP_EXPERIENCE: 12 months more of supervisory experience',
      '    - GAP_CERTIFICATION: a PMP',
    ]);
    expect(describeDecision(decision({ status: 'qualified', gaps: [] }))).toContain('gaps: none');
  });
});

describe('loadCases', () => {
  const write = (text: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'qualify-cases-')), 'x-1.cases.yaml');
    writeFileSync(file, text);
    return file;
  };

  it('reads string and object expectations and a path', () => {
    const [c] = loadCases(write(`- name: An object gap and a path
  asOf: 2026-01-01
  profile: { id: p }
  expect:
    status: not_qualified
    path: or-2
    gaps: [GAP_CONFIRM, { code: GAP_EXPERIENCE, amount: 1, unit: months }]
`));
    expect(c!.expect).toMatchObject({ path: 'or-2', gaps: ['GAP_CONFIRM', { code: 'GAP_EXPERIENCE', amount: 1, unit: 'months' }], reasons: [] });
  });

  it('names the file, the line and the field of a bad case', () => {
    const file = write(`- name: An object gap without a code
  asOf: 2026-01-01
  profile: { id: p }
  expect:
    status: not_qualified
    gaps: [{ amount: 1 }]
`);
    expect(() => loadCases(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: \\[0\\]\\.expect\\.gaps\\[0\\]\\.code: is required$`));
  });

  it('reports YAML that does not parse and a file that cannot be read as coded errors', () => {
    expect(() => loadCases(write('- name: [unclosed\n'))).toThrow(/:\d+: not valid YAML/);
    expect(() => loadCases('/nonexistent/x.cases.yaml')).toThrow(expect.objectContaining({ code: 'QUAL_ERR_UNREADABLE_FILE' }));
  });
});
