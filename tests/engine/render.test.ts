import { describe, expect, it } from 'vitest';
import { factsFor } from '../../src/engine/evaluate.ts';
import { assetName, describeSources, renderGap, renderReason, totalsByAsset, type RenderContext } from '../../src/engine/render.ts';
import type { Credit } from '../../src/engine/types.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';

/* Findings become words here (src/engine/render.ts): the message follows the fields it is
 * rendered from, and sources are totalled per asset in the order the assets first appear. */

const { rules, vocab } = bundledCatalogue();
const { rule } = rules.get('houston-440.4')!;
const profile = normaliseProfile(
  {
    id: 'render',
    experience: [
      { title: 'Network Administrator', employer: 'Metro Transit', start: '2015-01', end: '2019-12', categories: ['it-infrastructure'] },
      { title: 'Systems Engineer', start: '2020-01', end: '2020-12', categories: ['it-infrastructure'] },
    ],
    certifications: [{ name: 'CCNA', expires: '2030-01-01' }, { name: 'Cisco Certified Network Associate (CCNA)' }],
  },
  vocab,
);
const ctx: RenderContext = { path: rule.paths[0]!, facts: factsFor(rule, profile, new Date(Date.UTC(2026, 0, 1)), vocab).strict };
const credit = (index: number, amount: number): Credit => ({ requirement: 'experience', asset: { kind: 'job', index }, amount });

describe('rendering a finding', () => {
  it('adds the message after the fields it is rendered from, in their order', () => {
    const reason = renderReason({ code: 'EXPERIENCE_SHORT', requirement: 'experience', clause: 'six years', expected: 72, received: 60, unit: 'months', assets: [{ kind: 'job', index: 0 }] }, ctx);
    expect(Object.keys(reason)).toEqual(['code', 'requirement', 'clause', 'expected', 'received', 'unit', 'assets', 'message']);
    expect(reason.message).toBe('six years of technology experience supporting IT infrastructure: 5 years of the 6 years required');
  });

  it('names the asset a finding is about', () => {
    const reason = renderReason({ code: 'JOB_NOT_COUNTED', requirement: 'experience', assets: [{ kind: 'job', index: 1 }], why: 'part-time' }, ctx);
    expect(reason.message).toBe('Systems Engineer does not count toward "six years of technology experience supporting IT infrastructure": the clause counts full-time work only');
  });

  it('puts the message of a gap of several parts before its parts, each with its own message', () => {
    const gap = renderGap({ code: 'GAP_ALL_OF', parts: [{ code: 'GAP_EXPERIENCE', requirement: 'experience', amount: 12, unit: 'months' }, { code: 'GAP_CERTIFICATION', requirement: 'system-certification', amount: 1, unit: 'certificates' }] }, ctx);
    expect(Object.keys(gap)).toEqual(['code', 'message', 'parts']);
    expect(gap.parts!.map((p) => Object.keys(p).at(-1))).toEqual(['message', 'message']);
    expect(gap.message).toBe('all of: 1 year more of experience toward "six years of technology experience supporting IT infrastructure"; a current system-specific technical certification');
  });
});

describe('sources of a finding', () => {
  it('totals credits per asset, in the order the assets first appear', () => {
    const totals = totalsByAsset([credit(1, 6), credit(0, 24), credit(1, 6), credit(0, 12)]);
    expect(totals).toEqual([
      { ref: { kind: 'job', index: 1 }, amount: 12 },
      { ref: { kind: 'job', index: 0 }, amount: 36 },
    ]);
    expect(describeSources(totals, ctx.facts, 'months')).toBe('Systems Engineer: 1 year; Network Administrator (Metro Transit): 3 years');
  });

  it('names certifications without an amount', () => {
    const totals = totalsByAsset([{ requirement: 'system-certification', asset: { kind: 'certification', index: 0 }, amount: 1 }]);
    expect(describeSources(totals, ctx.facts, 'certificates')).toBe('CCNA (Cisco Certified Network Associate)');
    // A name written that holds the catalogue's is not followed by it again.
    expect(assetName(ctx.facts, { kind: 'certification', index: 1 })).toBe('Cisco Certified Network Associate (CCNA)');
  });
});
