import { describe, expect, it } from 'vitest';
import { criteriaShares, type CriteriaEvidence } from '../../src/engine/criteria.ts';
import type { Facts } from '../../src/facts/facts.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';

/* The criteria shares of the score (src/engine/criteria.ts): preferred criteria are assessed only
 * when the desirable share is asked, which only the qualified band does. */

const { rule } = bundledCatalogue().rules.get('chicago-06G7')!;
const NO_EVIDENCE: CriteriaEvidence = new Map();
const statement = 'I ran the data center: storage, backups and restore. I administered Windows Server and Linux servers in VMware.';

/** Facts with only the application's text, counting how often it is read. */
function textFacts(): { facts: Facts; reads: () => number } {
  let reads = 0;
  const facts = {
    get texts() {
      reads += 1;
      return [{ source: 'statement', text: statement }];
    },
  } as unknown as Facts;
  return { facts, reads: () => reads };
}

describe('criteria shares', () => {
  it('reads the application for preferred criteria only when the desirable share is asked', () => {
    const { facts, reads } = textFacts();
    const shares = criteriaShares(rule, NO_EVIDENCE, facts);
    expect(shares.essential).toBe(1);
    expect(reads()).toBe(0);
    const desirable = shares.desirable();
    expect(reads()).toBe(1);
    expect(desirable).toBeGreaterThan(0);
    expect(desirable).toBeLessThan(1);
  });

  it('has no desirable share when the class states no desirable criteria', () => {
    const { facts } = textFacts();
    const none = { ...rule, preferred: [] };
    expect(criteriaShares(none, NO_EVIDENCE, facts).desirable()).toBeNull();
  });
});
