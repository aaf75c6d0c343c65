import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runScore, type ScoreCommandOptions } from '../../src/cli/commands/score.ts';
import { loadMap } from '../../src/batch/map.ts';
import { SERIAL_ROWS } from '../../src/batch/pool.ts';
import { QualifyError } from '../../src/errors.ts';
import { projectRoot } from '../../src/paths.ts';

const run = (args: string[]) => spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), ...args], { encoding: 'utf8', cwd: projectRoot });
const dir = () => mkdtempSync(join(tmpdir(), 'qualify-score-'));

describe('qualify score', () => {
  it('scores the sample export to a file, summarises on stderr, and exits 1 because a row errored', () => {
    const out = join(dir(), 'scored.csv');
    const res = run(['score', '--class', 'chicago-06G7', '--as-of', '2026-01-01', 'data/samples/applicants.csv', '-o', out]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/40 applicants scored, \d+ rows? with errors/);
    expect(res.stderr).toContain('most common gaps:');
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(41);
  });

  it('writes a JSON report with selection rates per group', () => {
    const d = dir();
    run(['score', '--class', 'chicago-06G7', '--as-of', '2026-01-01', '--group-by', 'Self ID Group', '--report', join(d, 'r.json'), 'data/samples/applicants.csv', '-o', join(d, 's.jsonl')]);
    const report = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8'));
    expect(report.applicants).toBe(40);
    expect(report.adverseImpact.classes['chicago-06G7'].length).toBeGreaterThan(0);
    expect(readFileSync(join(d, 's.jsonl'), 'utf8').trim().split('\n')).toHaveLength(40);
  });

  it('exits 0 when every row was scored', () => {
    const d = dir();
    writeFileSync(join(d, 'ok.csv'), 'id,job1_title,job1_start,job1_end\nA,Project Manager,2015-01,2020-12\n');
    expect(run(['score', '-c', 'chicago-06J7', join(d, 'ok.csv')]).status).toBe(0);
  });

  it('rejects an unknown class, an unreadable file and a bad column map clearly', () => {
    expect(run(['score', '-c', 'atlantis', 'data/samples/applicants.csv']).stderr).toContain('unknown class "atlantis"');
    expect(run(['score', '-c', 'chicago-06J7', '/nope.csv']).stderr).toContain('cannot read /nope.csv');
    const d = dir();
    writeFileSync(join(d, 'map.yaml'), 'colums: {a: id}\n');
    const bad = run(['score', '-c', 'chicago-06J7', '--map', join(d, 'map.yaml'), 'data/samples/applicants.csv']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/map\.yaml: colums: not a key of a map file \(did you mean columns\?\); the keys are columns, ignore, /);
  });

  it('refuses an empty file, or UTF-16 without a byte-order mark, with exit 2 and a message, writing nothing to -o', () => {
    const d = dir();
    const files = {
      'empty.csv': Buffer.alloc(0),
      'bom.csv': Buffer.from('\ufeff'),
      'blank.csv': Buffer.from('\r\n\r\n'),
      'utf16.csv': Buffer.from('id,job1_title\nA,Engineer\n', 'utf16le'),
    };
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(d, name), bytes);
      const out = join(d, `${name}.out.csv`);
      const res = run(['score', '-c', 'chicago-06J7', join(d, name), '-o', out]);
      expect(res.status).toBe(2);
      expect(res.stderr).toMatch(name === 'utf16.csv' ? /^qualify: .*utf16\.csv: the file is not UTF-8 text: .*save it as CSV UTF-8/ : new RegExp(`^qualify: .*${name.replace('.', '\\.')}: the CSV is empty`));
      expect(existsSync(out)).toBe(false);
    }
  });

  it('scores with a working copy of the rules (--rules), on worker threads as in one thread', () => {
    const d = dir();
    const rules = join(d, 'rules');
    mkdirSync(rules);
    writeFileSync(join(rules, 'draft-1.yaml'), readFileSync(join(projectRoot, 'rules/houston-440.4.yaml'), 'utf8').replace('id: houston-440.4', 'id: draft-1').replace('months: 72', 'months: 24'));
    const csv = join(d, 'many.csv');
    run(['generate', '--rows', String(SERIAL_ROWS + 500), '--seed', '3', '-o', csv]);
    const score = (extra: string[]) => {
      const out = join(d, `scored-${extra.length}.csv`);
      run(['score', '--class', 'draft-1', '--rules', rules, '--as-of', '2026-01-01', ...extra, csv, '-o', out]);
      return readFileSync(out, 'utf8');
    };
    const threads = score([]);
    expect(threads.split('\n')[1]).toContain(',draft-1,');
    expect(threads.trim().split('\n')).toHaveLength(SERIAL_ROWS + 501);
    expect(threads).toBe(score(['--workers', '1']));
  });

  it('generates a synthetic export of any size', () => {
    const res = run(['generate', '--rows', '25', '--seed', '4']);
    expect(res.stdout.trim().split('\n')).toHaveLength(26);
  });
});

const EXPORT = join(projectRoot, 'tests/fixtures/exports/ats-export.csv');
const EXPORT_MAP = join(projectRoot, 'tests/fixtures/exports/ats-export.map.yaml');

/** runScore in this process, one thread, on 2026-01-01 (self-reported answers end today): its
 * exit status, what it wrote to stderr, and the records of -o, or the QualifyError it stopped with. */
async function score(file: string, options: Partial<ScoreCommandOptions> = {}) {
  const out = join(dir(), 'scored.csv');
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    const status = await runScore(file, { class: 'houston-440.4', asOf: '2026-01-01', workers: '1', output: out, ...options });
    return { status, stderr, records: parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>, error: null, out };
  } catch (error) {
    if (!(error instanceof QualifyError)) throw error;
    return { status: 2, stderr, records: [], error, out };
  }
}

describe('scoring a real applicant-tracking export', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('scores the export through its map: the BS in CS with a CCNA is qualified, a self-reported answer leads to review', async () => {
    const res = await score(EXPORT, { map: EXPORT_MAP });
    expect(res.error).toBeNull();
    expect(res.status).toBe(0);
    expect(res.records.map((r) => [r.id, r.status])).toEqual([
      ['C-1001', 'qualified'], // BS Computer Science, CCNA, infrastructure since 07/01/2012: Certs, Major and the MM/DD/YYYY dates all read
      ['C-1002', 'review'], // a month short on documented jobs; the self-reported infrastructure years make it review, never qualified
      ['C-1003', 'qualified'], // H.S. (a value converted), eleven years of network engineering standing in for the degree
      ['C-1004', 'qualified'], // MS Information Systems, "Present", Y for supervisory
      ['C-1005', 'not_qualified'], // BA History, no system certification: "Now" read as a job still held
      ['C-1006', 'qualified'], // no self-reported answers at all
    ]);
    expect(res.records[1]!.reasons).toContain('Self-reported: Years of infrastructure experience');
    expect(res.stderr).toContain('columns used: Candidate ID → id, Email → email, Highest Degree → degree1_level, Major → degree1_field, Graduation Date → degree1_completed, Certs → certifications, ');
    expect(res.stderr).toContain('Years of IT experience → self-reported experience (selfReported:)');
    expect(res.stderr).toContain('columns ignored as asked: First Name, Last Name, Phone, Race/Ethnicity');
  });

  it('stops before scoring an export with columns neither mapped nor ignored, listing each with its nearest names, and writes nothing', async () => {
    const res = await score(EXPORT);
    expect(res.error).toMatchObject({ code: 'QUAL_ERR_UNREADABLE_FILE' });
    const lines = res.error!.message.split('\n');
    expect(lines[0]).toBe(`${EXPORT}: the CSV has 18 columns qualify does not know, and nothing says to ignore them:`);
    expect(lines).toContain('  "Certs": nearest: certifications, statement, job1_categories');
    expect(lines).toContain('  "Major": nearest: degree1_field');
    expect(lines).toContain('  "Job 1 Start Date": nearest: job1_start, job1_end, job1_title');
    expect(existsSync(res.out)).toBe(false);
  });

  it('lets a column through with --ignore, or with the map\'s ignore: list, and with --group-by', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.csv'), 'Applicant ID,job1_title,job1_start,job1_end,Phone,Race\nA,Network Administrator,2015-01,2020-12,555-0101,Group A\n');
    expect((await score(join(d, 'a.csv'))).error?.message).toMatch(/the CSV has 2 columns qualify does not know.*\n  "Phone": .*\n  "Race": /);
    const ignored = await score(join(d, 'a.csv'), { ignore: 'phone, Race' });
    expect([ignored.status, ignored.records.length]).toEqual([0, 1]);
    expect(ignored.stderr).toContain('columns used: Applicant ID → id, job1_title, job1_start, job1_end\ncolumns ignored as asked: Phone, Race');
    writeFileSync(join(d, 'map.yaml'), 'ignore: [Phone]\n');
    expect((await score(join(d, 'a.csv'), { map: join(d, 'map.yaml'), groupBy: 'Race' })).status).toBe(0);
  });

  it('keeps old maps with only columns: working', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.csv'), 'Applicant Key,Position,From,To\nA,Network Administrator,2015-01,present\n');
    writeFileSync(join(d, 'map.yaml'), 'columns:\n  Applicant Key: id\n  Position: job1_title\n  From: job1_start\n  To: job1_end\n');
    const res = await score(join(d, 'a.csv'), { map: join(d, 'map.yaml') });
    expect([res.status, res.records[0]!.status]).toEqual([0, 'not_qualified']);
  });

  it('names the line, the column, the value and the accepted forms of a value that does not convert', async () => {
    const d = dir();
    writeFileSync(join(d, 'a.csv'), 'Candidate ID,Job 1 Title,Job 1 Start Date,Job 1 End Date\nA,Engineer,06/01/2015,12/31/2020\nB,Engineer,06/01/2015,Ongoing\n');
    writeFileSync(join(d, 'map.yaml'), 'columns: { Job 1 Start Date: job1_start, Job 1 End Date: job1_end }\ndates: MM/DD/YYYY\npresent: [Current, Present, Now]\n');
    const res = await score(join(d, 'a.csv'), { map: join(d, 'map.yaml') });
    expect(res.status).toBe(1);
    expect(res.records[1]!.error).toBe('line 3: job1_end: "Ongoing" is not a date in MM/DD/YYYY or one of the words for a job still held (Current, Present, Now)');
  });

  it('puts the columns used in the report', async () => {
    const d = dir();
    await score(EXPORT, { map: EXPORT_MAP, report: join(d, 'r.json') });
    const report = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8'));
    expect(report.columnsUsed).toContainEqual({ column: 'Certs', as: 'certifications' });
  });
});

describe('qualify map --suggest', () => {
  it('writes a starting map that loads back, and with which scoring names only the columns left to decide', () => {
    const d = dir();
    const file = join(d, 'map.yaml');
    const res = run(['map', '--suggest', 'tests/fixtures/exports/ats-export.csv', '-o', file]);
    expect(res.status).toBe(0);
    expect(res.stderr).toBe(`qualify: wrote ${file}: check every line, then score with --map ${file}\n`);
    const map = loadMap(file);
    expect(map.columns.Certs).toBe('certifications');
    expect(map.convert.dates).toBe('MM/DD/YYYY');
    // The screening answers are left to the user (a commented selfReported: example): scoring names them.
    const scored = run(['score', '-c', 'houston-440.4', '--map', file, 'tests/fixtures/exports/ats-export.csv']);
    expect(scored.status).toBe(2);
    expect(scored.stderr).toMatch(/the CSV has 2 columns qualify does not know, and nothing says to ignore them:\n  "Years of IT experience": .*\n  "Years of infrastructure experience": /);
  });

  it('prints the map without -o, and never writes over a map that exists', () => {
    const res = run(['map', '--suggest', 'tests/fixtures/exports/ats-export.csv']);
    expect([res.status, res.stdout]).toEqual([0, expect.stringContaining('columns:\n  Highest Degree: degree1_level\n')]);
    const d = dir();
    writeFileSync(join(d, 'map.yaml'), 'columns: {a: id}\n');
    const again = run(['map', '--suggest', 'tests/fixtures/exports/ats-export.csv', '-o', join(d, 'map.yaml')]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/map\.yaml exists already; qualify map does not write over a map/);
    expect(readFileSync(join(d, 'map.yaml'), 'utf8')).toBe('columns: {a: id}\n');
  });

  it('refuses a file that is missing or empty', () => {
    const d = dir();
    writeFileSync(join(d, 'empty.csv'), '\n\n');
    expect(run(['map', '--suggest', join(d, 'empty.csv')])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: .*empty\.csv: the CSV is empty/) });
    expect(run(['map', '--suggest', '/nonexistent.csv'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: cannot read \/nonexistent\.csv/) });
  });
});
