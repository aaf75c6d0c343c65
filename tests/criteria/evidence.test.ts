import { describe, expect, it } from 'vitest';
import { assessCriteria } from '../../src/criteria/evidence.ts';
import { proposeTerms } from '../../src/criteria/terms.ts';
import { councilCriteria as criteria } from './council.ts';

const assess = (text: string) => assessCriteria(criteria, [{ source: 'statement', text }]);

describe('evidence of person-specification criteria', () => {
  it('counts a bare keyword list as partial evidence at most', () => {
    const list = assess('Skills: Active Directory, SAN, SSL, GDPR, LAN, WAN, VPN, cloud, ITIL.');
    expect(list.filter((e) => e.status === 'evidenced')).toEqual([]);
    expect(list.find((e) => e.criterion.id === 'k1-infrastructure-concepts')?.status).toBe('partly');
  });

  it('matches British and American spellings and word forms alike', () => {
    const uk = assess('I led the modernisation and virtualisation of our estate, and I monitored every platform.');
    const us = assess('I led the modernization and virtualization of our estate, and I monitored every platform.');
    expect(uk.map((e) => e.status)).toEqual(us.map((e) => e.status));
    expect(uk.find((e) => e.criterion.id === 'e2-change-modernisation')?.status).not.toBe('not');
  });

  it('quotes the sentence with its offsets in the source', () => {
    const text = 'I like cats. I configured the LAN and the WAN for 40 sites.';
    const e = assess(text).find((x) => x.criterion.id === 'k2-networks')!;
    expect(e.status).toBe('evidenced');
    expect(e.quotes[0]).toMatchObject({ source: 'statement', text: 'I configured the LAN and the WAN for 40 sites.' });
    expect(text.slice(e.quotes[0]!.start, e.quotes[0]!.end)).toBe(e.quotes[0]!.text);
  });

  it('keeps acronyms to their case: "ad" and "san" in prose are not Active Directory or a SAN', () => {
    const e = assess('I read an ad in San Diego about a hosting job.');
    expect(e.find((x) => x.criterion.id === 'k1-infrastructure-concepts')?.terms).toEqual(['hosting']);
  });
});

describe('proposed evidence terms', () => {
  it('start from the phrases, acronyms and longer words of the criterion', () => {
    const terms = proposeTerms('Deep knowledge of infrastructure concepts, including Active Directory, group policies, SSL, SAN and disaster recovery.');
    expect(terms).toEqual(expect.arrayContaining(['active directory', 'group policies', 'disaster recovery', 'SSL', 'SAN']));
    expect(terms).not.toContain('knowledge');
  });
});

describe('one edit apart', () => {
  it('accepts one insertion, deletion or substitution and nothing more', async () => {
    const { withinOneEdit } = await import('../../src/text/tokens.ts');
    expect([['virtualis', 'virtualiz'], ['monitor', 'monitors'], ['monitors', 'monitor'], ['colour', 'color'], ['same', 'same']].map(([a, b]) => withinOneEdit(a!, b!))).toEqual([true, true, true, true, true]);
    expect([['virtual', 'virtually'], ['abcdef', 'abcfed'], ['cat', 'dog']].map(([a, b]) => withinOneEdit(a!, b!))).toEqual([false, false, false]);
  });
});
