import { describe, expect, it } from 'vitest';
import { INFERENCE_CONFIDENCE } from '../../src/facts/facts.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';
const { inferExperience } = bundledVocabulary();

describe('titles that name a role over a kind of work', () => {
  it('reads "Manager, X" as the manager of X, with the capacities the vocabulary gives such a manager', () => {
    const read = inferExperience('Manager, Application Support', 'Head of a 7-person application support team; recruited and coached analysts.');
    expect(read.categories).toContain('information-technology');
    expect(read.capacities).toEqual(expect.arrayContaining(['managerial', 'supervisory']));
    expect(inferExperience('Manager, Service Desk').capacities).toEqual(expect.arrayContaining(['managerial', 'supervisory']));
    expect(inferExperience('Manager of IT Infrastructure').capacities).toContain('supervisory');
  });

  it('reads "Head of X", "Director of X" and "X Lead" as leading X', () => {
    expect(inferExperience('Head of Applications')).toMatchObject({ categories: ['information-technology'], capacities: expect.arrayContaining(['supervisory', 'managerial']) });
    expect(inferExperience('Director of Application Development').categories).toContain('information-technology');
    expect(inferExperience('Director, Infrastructure').categories).toContain('it-infrastructure');
    expect(inferExperience('Service Desk Lead', 'Led a shift of six analysts.').capacities).toEqual(expect.arrayContaining(['lead', 'supervisory']));
    expect(inferExperience('Lead, Service Desk').capacities).toContain('lead');
  });

  it('keeps a manager without people a manager, not a supervisor', () => {
    expect(inferExperience('Manager, Product Marketing').capacities).not.toContain('supervisory');
  });
});

describe('the confidence of a reading', () => {
  it('falls below the review threshold for a single weak duty word and no support in the title', () => {
    const weak = inferExperience('Coordinator', 'Kept the printers stocked and the rota up to date.');
    expect(weak.categories).toContain('information-technology');
    expect(weak.confidence).toBeLessThan(INFERENCE_CONFIDENCE);
  });

  it('rises with more duty phrases, and is highest when the title names the work', () => {
    const two = inferExperience('Coordinator', 'Looked after the printers and reset passwords.');
    const title = inferExperience('Network Administrator', 'Looked after the printers.');
    expect(two.confidence).toBeGreaterThanOrEqual(INFERENCE_CONFIDENCE);
    expect(title.confidence).toBeGreaterThan(two.confidence);
    expect(inferExperience('Coordinator', 'Ran the disaster recovery tests.').confidence).toBeGreaterThanOrEqual(INFERENCE_CONFIDENCE);
  });
});
