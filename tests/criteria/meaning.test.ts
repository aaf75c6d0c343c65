import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessCriteria } from '../../src/criteria/evidence.ts';
import { projectRoot } from '../../src/paths.ts';
import { RuleCase, runCase } from '../../src/rules/cases.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { councilCriteria } from './council.ts';

const assess = (text: string) => assessCriteria(councilCriteria, [{ source: 'statement', text }]);
const of = (text: string, id: string) => assess(text).find((e) => e.criterion.id === id)!;
const ownWords = parse(readFileSync(`${projectRoot}/tests/fixtures/statements/own-words.yaml`, 'utf8')) as Record<string, string>;

describe('evidence by meaning', () => {
  it('counts a sentence that states the criterion in its own words as evidence', () => {
    const e = of('I have significant experience of technical team leadership, leading a team of 14 engineers.', 'e3-technical-team-leadership');
    expect(e.status).toBe('evidenced');
  });

  it('evidences every essential criterion of a statement that answers each in one sentence, quoting that sentence', () => {
    for (const join of [' ', '\n\n']) {
      const found = assess(Object.values(ownWords).join(join));
      const essential = found.filter((e) => e.criterion.importance === 'essential');
      expect(essential.filter((e) => e.status !== 'evidenced').map((e) => e.criterion.id)).toEqual([]);
      for (const e of essential) expect(e.quotes.map((q) => q.text)).toContain(ownWords[e.criterion.id]);
    }
  });

  it('recommends shortlisting such a statement, with a job title beside it', () => {
    const profile = { id: 'own-words', experience: [{ title: 'Senior Network Engineer', employer: 'Borough Council', start: '2018-01' }], statement: Object.values(ownWords).join('\n\n') };
    const c = RuleCase.parse({ name: 'one sentence per essential criterion', asOf: '2026-01-01', profile, expect: { status: 'qualified' } });
    const { decision, failures } = runCase(bundledRules().get('council-infrastructure-manager')!, c);
    expect(failures).toEqual([]);
    const measured = decision.reasons.find((r) => r.clause?.startsWith('Ability to prove, through tangible measures'))!;
    expect(measured.evidence![0]).toMatchObject({ source: 'statement', text: ownWords['s6-measured-improvement'] });
  });

  it('matches WordNet synonyms of the criterion words and says which word each stands for', () => {
    const e = of('I was the technical leader of a group of twelve.', 'e3-technical-team-leadership');
    expect(e.status).toBe('evidenced');
    expect(e.quotes[0]!.matches).toContainEqual({ word: 'leader', for: 'leadership', via: 'synonym' });
    expect(e.terms).toContain('leader ≈ leadership');
    const supervised = of('I supervise the systems of the council.', 'e5-monitoring-reporting');
    expect(supervised.quotes[0]!.matches).toContainEqual({ word: 'supervise', for: 'monitoring', via: 'synonym' });
  });

  it('gives no evidence from a negated clause, and keeps the clause bound', () => {
    expect(of('I have not managed staff or line managed anyone.', 's9-people-management').status).toBe('not');
    expect(of('I have never coached or mentored anyone.', 's3-coach-mentor').status).toBe('not');
    expect(of('I have not reduced outages by 40%.', 's6-measured-improvement').status).toBe('not');
    expect(of('I have not led a team, but I coach and mentor two apprentices.', 's3-coach-mentor').status).toBe('evidenced');
  });

  it('does not let one word stand in for an unrelated one a letter away', () => {
    const e = of('I have managed and configured enterprise-wide networks including LANs, WANs, WLANs and VPNs.', 's10-diverse-teams');
    expect(e.status).toBe('not');
  });
});
