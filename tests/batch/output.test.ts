import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { generateApplicants } from '../../src/batch/generate.ts';
import { loadMap } from '../../src/batch/map.ts';
import { reportJson } from '../../src/batch/report.ts';
import { scoreCsv, type BatchOptions } from '../../src/batch/run.ts';
import { projectRoot } from '../../src/paths.ts';

/** The scored output of fixed inputs, byte for byte, as the reference files under __snapshots__
 * hold it: they were written by the implementation before blocks (row by row in the main thread),
 * and every way of running the pipeline must give the same bytes. After an intended change of the
 * engine's words, `npx vitest run tests/batch/output.test.ts -u` writes them again. */

const asOf = new Date(Date.UTC(2026, 0, 1));
const fixture = (file: string): Buffer => readFileSync(`${projectRoot}/${file}`);

/** Ways of running the same input: one thread, in blocks of the default size and of one record
 * each; and worker threads, with small blocks so that many block boundaries fall inside the input. */
const RUNS: Array<Partial<BatchOptions>> = [{ workers: 1 }, { workers: 1, blockSize: 1 }, { workers: 2, offThread: true, blockSize: 700 }];

async function scored(input: Buffer, options: Partial<BatchOptions>) {
  const chunks: Buffer[] = [];
  const out = new Writable({ write(chunk: Buffer, _e, done) { chunks.push(chunk); done(); } });
  // Fed in 1000-byte pieces, as a file stream would give it, not all at once.
  const pieces = Array.from({ length: Math.ceil(input.length / 1000) }, (_, i) => input.subarray(i * 1000, (i + 1) * 1000));
  const tally = await scoreCsv(Readable.from(pieces), out, { classes: ['chicago-06G7'], asOf, format: 'csv', ...options });
  return { output: Buffer.concat(chunks).toString('utf8'), tally };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The long layout: the generated rows, every third given the id of the one before it. */
async function longLayout(rows: number): Promise<Buffer> {
  const records = parse(await text(generateApplicants(rows, { seed: 9, badShare: 0.05 }))) as string[][];
  for (let i = 3; i < records.length; i += 3) records[i]![0] = records[i - 1]![0]!;
  return Buffer.from(stringify(records));
}

/** Rows as exports get them wrong, between good ones: every way a row is read or refused. */
const GOOD = 'A-1,B.S.,Computer Science,CCNA (2016-03 to 2029-03),Network Administrator,2015-01,2020-12,40,no,it-infrastructure,Ran the WAN';
const EDGES = [
  'id,degree1_level,degree1_field,certifications,job1_title,job1_start,job1_end,job1_hours,job1_supervisory,job1_categories,job1_description',
  GOOD,
  '',
  GOOD.replace('A-1', 'A-2').replace('Ran the WAN', '"Ran the WAN,\r\nfirewalls\nand VMware"'),
  ',,,,,,,,,,',
  GOOD.replace('A-1', 'A-3').replace('2015-01', '2015-13'),
  GOOD.replace('A-1', 'A-4').replace(',40,', ',lots,'),
  'A-5,B.S.,Computer Science',
  `${GOOD.replace('A-1', 'A-6')},stray`,
  `${GOOD.replace('A-1', 'A-7')},,,`,
  GOOD.replace('A-1', 'A-8').replace('Network Administrator', 'Network\u0007Administrator'),
  GOOD.replace('A-1', 'A-9').replace('B.S.', '"B.S."').replace('Computer Science', 'Computer "Science'),
  GOOD.replace('A-1', 'A-10').replace('Ran the WAN', '"Ran" the WAN'),
  GOOD.replace('A-1', '=A-11'),
  GOOD.replace('A-1', 'A-12').replace('Ran the WAN', 'Ran the\rWAN'),
  '""',
  GOOD.replace('A-1', 'A-13').replace('Computer Science', '"Computer Science'),
  GOOD.replace('A-1', 'A-14').replace('Ran the WAN', '"Ran the WAN"'),
  GOOD.replace('A-1', 'A-15'),
  GOOD.replace('A-1', ''),
  GOOD.replace('A-1', 'A-15').replace('Network Administrator', 'Systems Engineer'),
  '',
  'B-1,"B.S.,CS',
  GOOD.replace('A-1', 'A-16'),
  GOOD.replace('A-1', 'A-17'),
];
const edges = (eol: string): Buffer => Buffer.from(`${EDGES.join(eol)}${eol}`);

const INPUTS: Record<string, () => Promise<{ input: Buffer; options: Partial<BatchOptions> }>> = {
  'ats-export': async () => {
    const map = loadMap(`${projectRoot}/tests/fixtures/exports/ats-export.map.yaml`);
    return { input: fixture('tests/fixtures/exports/ats-export.csv'), options: { classes: ['houston-440.4'], map: map.columns, ignore: map.ignore, convert: { ...map.convert, today: asOf }, unknown: 'refuse' } };
  },
  'sample-applicants': async () => ({ input: fixture('data/samples/applicants.csv'), options: { groupBy: 'self_id_group' } }),
  'sample-applicants-jsonl': async () => ({ input: fixture('data/samples/applicants.csv'), options: { format: 'jsonl', classes: ['chicago-06G7', 'houston-440.4'] } }),
  'edges-lf': async () => ({ input: edges('\n'), options: { classes: ['houston-440.4'] } }),
  'edges-crlf-bom': async () => ({ input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), edges('\r\n')]), options: { classes: ['houston-440.4'], format: 'jsonl' } }),
  'edges-utf16le': async () => ({ input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edges('\r\n').toString('utf8'), 'utf16le')]), options: { classes: ['houston-440.4'] } }),
  'edges-long': async () => ({ input: Buffer.from(EDGES.map((row) => row.replace(/^A-(\d+)/, (_, n: string) => `A-${Math.ceil(Number(n) / 3)}`)).join('\n')), options: { classes: ['houston-440.4'], layout: 'long' } }),
  'header-only': async () => ({ input: Buffer.from(`${EDGES[0]}\n`), options: {} }),
};

const GENERATED: Record<string, () => Promise<{ input: Buffer; options: Partial<BatchOptions> }>> = {
  'generated-3000': async () => ({ input: Buffer.from(await text(generateApplicants(3000, { seed: 5, badShare: 0.05 }))), options: { classes: ['chicago-06G7', 'houston-440.4'], groupBy: 'self_id_group' } }),
  'generated-inferred-1000': async () => ({ input: Buffer.from(await text(generateApplicants(1000, { seed: 6, badShare: 0.05, stated: false }))), options: { format: 'jsonl' } }),
  'generated-long-2000': async () => ({ input: await longLayout(2000), options: { layout: 'long' } }),
};

describe('the scored output stays byte for byte what it was', () => {
  for (const [name, make] of Object.entries(INPUTS)) {
    it(`${name}: the records, the summary and the report`, async () => {
      const { input, options } = await make();
      for (const run of RUNS) {
        const { output, tally } = await scored(input, { ...options, ...run });
        const ext = options.format === 'jsonl' ? 'jsonl' : 'csv';
        await expect(output).toMatchFileSnapshot(`__snapshots__/output/${name}.${ext}`);
        await expect(tally.describe()).toMatchFileSnapshot(`__snapshots__/output/${name}.summary.txt`);
        const report = reportJson(tally, { classes: [], asOf, generatedAt: asOf, groupBy: options.groupBy, rows: { total: tally.rows.total, scored: tally.rows.total - tally.rows.errors, errors: tally.rows.errors }, columnsUsed: [] });
        await expect(`${JSON.stringify(report, null, 1)}\n`).toMatchFileSnapshot(`__snapshots__/output/${name}.report.json`);
      }
    });
  }

  for (const [name, make] of Object.entries(GENERATED)) {
    it(`${name}: the records (by hash), the summary and the report`, async () => {
      const { input, options } = await make();
      for (const run of RUNS) {
        const { output, tally } = await scored(input, { ...options, ...run });
        const report = reportJson(tally, { classes: [], asOf, generatedAt: asOf, groupBy: options.groupBy, rows: { total: tally.rows.total, scored: tally.rows.total - tally.rows.errors, errors: tally.rows.errors }, columnsUsed: [] });
        await expect(`records: ${output.split('\n').length - 1} lines, sha256 ${sha256(output)}\n\n${tally.describe()}\n\n${JSON.stringify(report, null, 1)}\n`).toMatchFileSnapshot(`__snapshots__/output/${name}.txt`);
      }
    }, 120_000);
  }
});
