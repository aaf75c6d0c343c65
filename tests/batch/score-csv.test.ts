import { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { generateApplicants } from '../../src/batch/generate.ts';
import { text } from 'node:stream/consumers';
import { openApplicants } from '../../src/batch/read-csv.ts';
import { scoreApplicants, scoreCsv, type BatchOptions } from '../../src/batch/run.ts';
import { neutralise } from '../../src/batch/write-csv.ts';

const asOf = new Date(Date.UTC(2026, 0, 1));

async function score(csv: string | Readable, options: Partial<BatchOptions> = {}) {
  let text = '';
  const out = new Writable({ write(chunk, _e, done) { text += chunk.toString(); done(); } });
  const tally = await scoreCsv(typeof csv === 'string' ? Readable.from([csv]) : csv, out, { classes: ['houston-440.4'], asOf, format: 'csv', workers: 1, ...options });
  const records = options.format === 'jsonl' ? [] : (parse(text, { columns: true }) as Array<Record<string, string>>);
  return { text, tally, records };
}

const HEADER = 'id,degree1_level,degree1_field,certifications,job1_title,job1_start,job1_end,job1_hours,job1_supervisory,job1_categories';
const GOOD = 'A-1,B.S.,Computer Science,CCNA (2016-03 to 2029-03),Network Administrator,2015-01,2020-12,40,no,it-infrastructure';

describe('scoring an applicant CSV', () => {
  it('yields one record per row, in order, with the documented columns (docs/csv.md)', async () => {
    const { records } = await score([HEADER, GOOD, GOOD.replace('A-1', 'A-2').replace('2015-01', '2019-01')].join('\n'));
    expect(records.map((r) => [r.id, r.class, r.status])).toEqual([['A-1', 'houston-440.4', 'qualified'], ['A-2', 'houston-440.4', 'not_qualified']]);
    expect(Object.keys(records[0]!)).toEqual(['line', 'id', 'class', 'status', 'score', 'gaps', 'reasons', 'rulesVersion', 'error']);
    expect(records[1]!.gaps).toContain('more of experience');
  });

  it('reads UTF-8 with a BOM, CRLF line ends, and quoted fields holding commas and newlines', async () => {
    const csv = `\ufeff${HEADER},job1_description\r\n${GOOD},"Ran the WAN, firewalls\r\nand VMware"\r\n`;
    const { records } = await score(csv);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: 'A-1', status: 'qualified', line: '2' });
  });

  it('matches header names ignoring case, spaces, underscores and punctuation', async () => {
    const header = 'ID,Degree 1 Level,DEGREE1-FIELD,Certifications,Job 1 Title,Job1 Start,job_1_end,Job 1 Hours,Job 1 Supervisory,Job 1 Categories';
    expect((await score([header, GOOD].join('\n'))).records[0]!.status).toBe('qualified');
  });

  it('renames another export\'s columns with a column map', async () => {
    const header = 'Applicant Number,Highest Degree,Major,Certs,Position,From,To,Weekly Hours,Managed People,Kind';
    const map = { 'Applicant Number': 'id', 'Highest Degree': 'degree1_level', Major: 'degree1_field', Certs: 'certifications', Position: 'job1_title', From: 'job1_start', To: 'job1_end', 'Weekly Hours': 'job1_hours', 'Managed People': 'job1_supervisory', Kind: 'job1_categories' };
    expect((await score([header, GOOD].join('\n'), { map })).records[0]).toMatchObject({ id: 'A-1', status: 'qualified' });
  });

  it('reads the long layout: consecutive rows with the same id are one applicant', async () => {
    const csv = [HEADER, 'L-1,B.S.,Computer Science,CCNA,Network Administrator,2015-01,2017-12,,no,it-infrastructure', 'L-1,,,,Systems Engineer,2018-01,2020-12,,no,it-infrastructure', GOOD].join('\n');
    const { records } = await score(csv, { layout: 'long' });
    expect(records.map((r) => [r.id, r.status, r.line])).toEqual([['L-1', 'qualified', '2'], ['A-1', 'qualified', '4']]);
  });

  it('turns every bad row into an error record naming the line and the column, and goes on', async () => {
    const rows = [
      GOOD,
      GOOD.replace('2015-01', '2015-13'), // line 3: unreadable date
      GOOD.replace('2015-01,2020-12', '2020-03,2019-01'), // line 4: end before start
      GOOD.replace(',40,', ',200,'), // line 5: hours out of range
      GOOD.replace(',no,', ',sometimes,'), // line 6: not a yes/no
      GOOD.replace('A-1', ''), // line 7: no id
      GOOD.replace('B.S.', 'Grand Wizard'), // line 8: a degree level not known: scored without it, and named
      'B-1,"B.S.",Computer "Science,CCNA,,,,,,', // line 9: a stray quote inside a field is kept, and the row read
      GOOD.replace('A-1', 'A-9'),
    ];
    const { records, tally } = await score([HEADER, ...rows].join('\n'));
    expect(records).toHaveLength(rows.length);
    expect(records.map((r) => r.status)).toEqual(['qualified', 'error', 'error', 'error', 'error', 'error', 'not_qualified', 'not_qualified', 'qualified']);
    expect(records[6]!.reasons).toMatch(/Grand Wizard/);
    const errors = records.filter((r) => r.status === 'error').map((r) => r.error);
    expect(errors).toEqual([
      'line 3: job1_start: must be a date YYYY-MM-DD, YYYY-MM or YYYY',
      'line 4: job1_end: ends (2019-01) before it starts (2020-03)',
      'line 5: job1_hours: must be at most 168 hours per week',
      'line 6: job1_supervisory: "sometimes" is not yes/no/true/false/1/0',
      'line 7: id: missing: every applicant needs an id',
    ]);
    expect(tally.rows).toEqual({ total: 9, errors: 5 });
  });

  it('reports a row whose quote never closes, and still reads the rows after it', async () => {
    const { records } = await score([HEADER, GOOD, 'B-1,"B.S.,CS', GOOD.replace('A-1', 'A-3')].join('\n'));
    expect(records.map((r) => [r.line, r.status])).toEqual([['2', 'qualified'], ['3', 'error'], ['4', 'qualified']]);
    expect(records[1]!.error).toBe('line 3: cannot read the row: a quote opened in this row is never closed');
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    expect(['=SUM(A1)', '+1', '-2', '@x', '\tx', '\rx', 'plain'].map(neutralise)).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", "'\rx", 'plain']);
    const { text } = await score([HEADER, GOOD.replace('A-1', '=HYPERLINK("x")')].join('\n'));
    expect(text).toContain(`'=HYPERLINK`);
  });

  it('writes JSON Lines, and columns per class for several classes', async () => {
    const jsonl = (await score([HEADER, GOOD].join('\n'), { format: 'jsonl' })).text.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl[0]).toMatchObject({ line: 2, id: 'A-1', class: 'houston-440.4', status: 'qualified' });
    const several = await score([HEADER, GOOD].join('\n'), { classes: ['houston-440.4', 'chicago-06G7'] });
    expect(several.records[0]).toMatchObject({ 'houston-440.4_status': 'qualified', 'chicago-06G7_status': 'not_qualified' });
  });
});

describe('rows and files that cannot be read as they stand', () => {
  it('refuses a row with more fields than the header, or fewer, rather than read its columns askew', async () => {
    const csv = [`${HEADER},job1_description`, `${GOOD},Ran the WAN, firewalls and VMware`, `${GOOD.replace('A-1', 'A-2')},ok,,`, 'A-3,B.S.,Computer Science'].join('\n');
    const { records } = await score(csv);
    expect(records.map((r) => [r.line, r.id, r.status])).toEqual([['2', 'A-1', 'error'], ['3', 'A-2', 'qualified'], ['4', 'A-3', 'error']]);
    expect(records[0]!.error).toBe('line 2: the row has 12 fields where the header has 11: a comma in a field that is not quoted?');
    expect(records[2]!.error).toBe('line 4: the row has 3 fields where the header has 11');
  });

  it('names the line of a row that cannot be read within an applicant of the long layout', async () => {
    const csv = [HEADER, GOOD, 'A-1,B.S.,Computer Science', GOOD.replace('A-1', 'A-2')].join('\n');
    const { records } = await score(csv, { layout: 'long' });
    expect(records.map((r) => [r.line, r.id, r.status])).toEqual([['2', 'A-1', 'error'], ['4', 'A-2', 'qualified']]);
    expect(records[0]!.error).toBe('line 2: line 3: the row has 3 fields where the header has 10');
  });

  it('names every problem of a row at once, its own and the profile\'s', async () => {
    const { records } = await score([HEADER, GOOD.replace(',no,', ',sometimes,').replace('2015-01,2020-12', '2020-03,2019-01')].join('\n'));
    expect(records[0]!.error).toBe('line 2: job1_supervisory: "sometimes" is not yes/no/true/false/1/0; job1_end: ends (2019-01) before it starts (2020-03)');
  });

  it('refuses a file without an id column, or with nothing in it, before writing any output', async () => {
    for (const csv of ['name,job1_title\nDana,Engineer\n', '']) {
      let written = '';
      const out = new Writable({ write(chunk, _e, done) { written += chunk.toString(); done(); } });
      await expect(scoreCsv(Readable.from([csv]), out, { classes: ['houston-440.4'], asOf, format: 'csv', workers: 1 })).rejects.toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE' });
      expect(written).toBe('');
    }
  });

  it('tells which columns it does not read', async () => {
    const ignored: string[] = [];
    await score([`${HEADER},Phone,job1_strat`, `${GOOD},555,2015-01`].join('\n'), { onHeader: (h) => ignored.push(...h.ignored) });
    expect(ignored).toEqual(['Phone', 'job1_strat']);
  });

  it('fails, rather than waits, when the input stream fails', async () => {
    const broken = new Readable({ read() { this.destroy(new Error('disk gone')); } });
    await expect(score(broken)).rejects.toThrow('disk gone');
  });

  it('writes error records with a blank set of columns per class when scoring several classes', async () => {
    const { records } = await score([HEADER, GOOD.replace('A-1', '')].join('\n'), { classes: ['houston-440.4', 'chicago-06G7'] });
    expect(records[0]).toMatchObject({ line: '2', 'houston-440.4_status': 'error', 'chicago-06G7_status': 'error', 'chicago-06G7_score': '', error: 'line 2: id: missing: every applicant needs an id' });
  });
});

describe('scoring in blocks', () => {
  /** Blocks of one record each, of a few records, and of the default size; in this thread and on workers. */
  const RUNS: Array<Partial<BatchOptions>> = [{ blockSize: 1 }, { blockSize: 300 }, {}, { workers: 2, offThread: true, blockSize: 1 }, { workers: 2, offThread: true, blockSize: 300 }];
  const DESCRIBED = `${HEADER},job1_description`;
  const described = (id: string, description: string) => `${GOOD.replace('A-1', id)},${description}`;

  it('reports each bad row by its line in the file, in whatever block it falls, and keeps quoted line breaks within their row', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => described(`A-${i}`, i % 3 === 0 ? '"Ran the WAN,\nfirewalls\nand VMware"' : 'Ran the WAN'));
    rows[17] = rows[17]!.replace('2015-01', '2015-13');
    rows[31] = rows[31]!.replace(',40,', ',lots,');
    const csv = `\ufeff${[DESCRIBED, ...rows].join('\r\n')}\r\n`;
    const lineOf = (i: number) => 2 + rows.slice(0, i).reduce((n, row) => n + 1 + (row.match(/\n/g) ?? []).length, 0);
    const reference = await score(csv);
    expect(reference.records).toHaveLength(40);
    expect(reference.records.filter((r) => r.status === 'error').map((r) => r.error)).toEqual([
      `line ${lineOf(17)}: job1_start: must be a date YYYY-MM-DD, YYYY-MM or YYYY`,
      `line ${lineOf(31)}: job1_hours: "lots" is not a number`,
    ]);
    for (const run of RUNS) expect((await score(csv, run)).text).toBe(reference.text);
  });

  it('reports a quote that never closes in a later block on its row, and reads on after it', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => described(`A-${i}`, 'Ran the WAN'));
    rows[9] = 'B-1,"B.S.,CS';
    const reference = await score([DESCRIBED, ...rows].join('\n'));
    expect(reference.records.map((r) => r.line)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 2)));
    expect(reference.records[9]!.error).toBe('line 11: cannot read the row: a quote opened in this row is never closed');
    for (const run of RUNS) expect((await score([DESCRIBED, ...rows].join('\n'), run)).text).toBe(reference.text);
  });

  it('keeps the rows of one applicant of the long layout together when blocks end among them', async () => {
    const jobs = (id: string, n: number) => Array.from({ length: n }, (_, j) => GOOD.replace('A-1', id).replace('2015-01,2020-12', `${2010 + j}-01,${2010 + j}-12`));
    const csv = [HEADER, ...jobs('L-1', 4), ...jobs('L-2', 1), ...jobs('', 1), ...jobs('L-3', 6), ...jobs('L-1', 2)].join('\n');
    const reference = await score(csv, { layout: 'long' });
    expect(reference.records.map((r) => [r.line, r.id])).toEqual([['2', 'L-1'], ['6', 'L-2'], ['7', ''], ['8', 'L-3'], ['14', 'L-1']]);
    expect(reference.records[3]!.reasons).toContain('6 years');
    for (const run of RUNS) expect((await score(csv, { layout: 'long', ...run })).text).toBe(reference.text);
  });

  it('reports progress once per applicant, the bytes read rising to the whole input', async () => {
    const csv = [HEADER, ...Array.from({ length: 30 }, (_, i) => GOOD.replace('A-1', `A-${i}`))].join('\n');
    for (const run of RUNS) {
      const seen: Array<{ rows: number; bytes: number }> = [];
      await score(csv, { ...run, onScored: (progress) => seen.push({ ...progress }) });
      expect(seen.map((p) => p.rows)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(seen.every((p, i) => i === 0 || p.bytes >= seen[i - 1]!.bytes)).toBe(true);
      expect(seen.at(-1)!.bytes).toBe(csv.length);
    }
  });

  it('scores rows read elsewhere as it scores the file they were read from', async () => {
    const csv = await text(generateApplicants(600, { seed: 4, badShare: 0.05 }));
    const reference = await score(csv, { layout: 'long' });
    for (const workers of [1, 2]) {
      let written = '';
      const out = new Writable({ write(chunk, _e, done) { written += chunk.toString(); done(); } });
      const rows = await openApplicants(Readable.from([csv]), { layout: 'long' });
      await scoreApplicants((async function* () { yield* rows; })(), out, { classes: ['houston-440.4'], asOf, format: 'csv', workers, offThread: true });
      expect(written).toBe(reference.text);
    }
  });

  it('reads and validates every row when the bench reuses the engine\'s first decisions', async () => {
    const csv = await text(generateApplicants(300, { seed: 5, badShare: 0.1 }));
    const [engine, reused] = [await score(csv), await score(csv, { decision: 'reused' })];
    expect(reused.records.map((r) => [r.line, r.id, r.status === 'error' ? r.error : 'scored'])).toEqual(engine.records.map((r) => [r.line, r.id, r.status === 'error' ? r.error : 'scored']));
    expect(new Set(reused.records.filter((r) => r.status !== 'error').map((r) => r.reasons)).size).toBe(1);
  });
});

describe('parallel scoring', () => {
  it('keeps the order and the count of rows, bad rows included, on worker threads', async () => {
    const serial = await score(generateApplicants(1500, { seed: 3, badShare: 0.05 }), { workers: 1 });
    const parallel = await score(generateApplicants(1500, { seed: 3, badShare: 0.05 }), { workers: 2, blockSize: 10_000 });
    expect(parallel.records).toHaveLength(1500);
    expect(parallel.text).toBe(serial.text);
    expect(serial.tally.rows.errors).toBeGreaterThan(30);
  });
});

describe('reading', () => {
  it('keeps a character whole when a chunk boundary splits it, and counts lines across CRLF', async () => {
    const csv = Buffer.from(`${HEADER},job1_description\r\n${GOOD},"Gérée par l’équipe\r\nréseau"\r\n${GOOD.replace('A-1', 'A-2')},x\r\n`);
    const pieces = Array.from({ length: csv.length }, (_, i) => csv.subarray(i, i + 1)); // one byte at a time
    const { text, records } = await score(Readable.from(pieces), { format: 'csv' });
    expect(records.map((r) => [r.id, r.line])).toEqual([['A-1', '2'], ['A-2', '4']]);
    expect(text).not.toContain('\ufffd');
  });
});
