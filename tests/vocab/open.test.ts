import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { readApplicant } from '../../src/batch/csv-row.ts';
import { readHeader } from '../../src/batch/header.ts';
import { dataPath } from '../../src/paths.ts';
import { loadCatalogue } from '../../src/rules/load.ts';
import { loadVocabulary } from '../../src/vocab/vocabulary.ts';

/* Vocabularies are data: a category, a field family and a capacity added to a copy of data/ work in
 * a rule, a profile, a CSV row and the reading of job titles, with no change to the code. */

const data = mkdtempSync(join(tmpdir(), 'qualify-data-'));
cpSync(dataPath(), data, { recursive: true });
const append = (file: string, text: string, after: string) => {
  const path = join(data, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace(after, `${after}${text}`));
};
append('categories.yaml', '\n  procurement:\n    label: procurement\n    title: [buyer, procurement officer, purchasing agent]\n    duties: [tenders, purchase contracts, vendor selection]\n', 'categories:');
append('capacities.yaml', '\n  contract-lead:\n    label: contract lead\n    title: [contract lead]\n', 'capacities:');
append('fields.yaml', '\n  supply-chain:\n    label: Supply chain\n    fields:\n      Supply Chain Management: [logistics, purchasing and supply]\n', 'families:');

const rules = mkdtempSync(join(tmpdir(), 'qualify-open-rules-'));
writeFileSync(join(rules, 'buyer-2.yaml'), `
id: buyer-2
title: Buyer II
jurisdiction: Test County
effective: 2025-01-01
source: { document: Buyer II class specification }
paths:
  - id: standard
    label: Degree in supply chain and two years of procurement
    requirements:
      - { kind: education, id: degree, label: a degree in supply chain, months: 48, fields: [supply-chain], clause: A bachelor's degree in supply chain management or logistics. }
      - kind: experience
        id: experience
        label: two years of procurement
        months: 24
        categories: [procurement]
        including: [{ id: lead, label: as contract lead, months: 6, capacities: [contract-lead], clause: six months of which as a contract lead. }]
        clause: Two years of professional procurement experience.
`);

const catalogue = loadCatalogue({ rulesDir: rules, vocab: loadVocabulary(data) });
const asOf = new Date(Date.UTC(2026, 0, 1));

describe('a vocabulary entry added to data/', () => {
  it('is named by a rule and a profile, and decides', () => {
    const profile = { id: 'p-1', education: [{ level: 'BS', field: 'Logistics' }], experience: [{ title: 'Contract Lead', start: '2023-01', end: '2024-12', categories: ['procurement'], capacities: ['contract-lead'] }] };
    const [decision] = checkProfile(profile, { asOf, catalogue });
    expect(decision).toMatchObject({ class: 'buyer-2', status: 'qualified' });
  });

  it('is read from job titles and duties when a profile does not state it', () => {
    expect(catalogue.vocab.inferExperience('Senior Buyer', 'Ran tenders and vendor selection').categories).toContain('procurement');
    const [decision] = checkProfile({ id: 'p-2', education: [{ level: 'BS', field: 'Supply Chain Management' }], experience: [{ title: 'Procurement Officer', start: '2023-01', end: '2024-12' }] }, { asOf, catalogue });
    expect(decision!.gaps).toEqual([expect.objectContaining({ code: 'GAP_EXPERIENCE', requirement: 'experience', part: 'lead', amount: 6 })]);
  });

  it('comes through a CSV column', () => {
    const header = readHeader(['id', 'degree1_level', 'degree1_field', 'job1_title', 'job1_start', 'job1_end', 'job1_categories', 'job1_capacities']);
    const row = readApplicant({ id: 'c-1', degree1level: 'BS', degree1field: 'Logistics', job1title: 'Buyer', job1start: '2023-01', job1end: '2024-12', job1categories: 'Procurement', job1capacities: 'Contract Lead' }, 2, header);
    const [decision] = checkProfile(row.profile, { asOf, catalogue });
    expect(decision!.status).toBe('qualified');
  });

  it('is unknown to the bundled vocabularies, which refuse it by name', () => {
    expect(() => checkProfile({ id: 'p-3', experience: [{ title: 'Buyer', start: '2023-01', categories: ['procurement'], capacities: [] }] }, { asOf })).toThrow(/"procurement" is not a known category; known: .*information-technology/);
  });
});

describe('a vocabulary file with a mistake', () => {
  /** A copy of data/ with one file's first `key:` followed by `added`. */
  function dataWith(name: string, key: string, added: string): { dir: string; file: string; text: string } {
    const dir = mkdtempSync(join(tmpdir(), 'qualify-data-'));
    cpSync(dataPath(), dir, { recursive: true });
    const file = join(dir, name);
    const text = readFileSync(file, 'utf8').replace(key, `${key}\n${added}`);
    writeFileSync(file, text);
    return { dir, file, text };
  }

  it('names the file, the line and every field in words', () => {
    const { dir, file, text } = dataWith('categories.yaml', 'categories:', '  procurement:\n    lable: procurement\n    title: buyer');
    const line = text.split('\n').indexOf('    lable: procurement') + 1;
    expect(() => loadVocabulary(dir)).toThrow(
      [`${file}:${line - 1}: categories.procurement.label: is required`, `${file}:${line}: categories.procurement.lable: unknown key (did you mean "label"?)`, `${file}:${line + 1}: categories.procurement.title: must be a list, not text`].join('\n'),
    );
  });

  it('that is not YAML is named with its line, as a rule file is', () => {
    const { dir, file } = dataWith('capacities.yaml', 'capacities:', '  lead-hand: [unclosed');
    expect(() => loadVocabulary(dir)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: not valid YAML: `));
  });
});
