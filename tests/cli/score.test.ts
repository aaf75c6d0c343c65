import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(bad.stderr).toMatch(/map\.yaml: columns: .*expected columns: \{their header: our column\}/);
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

  it('generates a synthetic export of any size', () => {
    const res = run(['generate', '--rows', '25', '--seed', '4']);
    expect(res.stdout.trim().split('\n')).toHaveLength(26);
  });
});
