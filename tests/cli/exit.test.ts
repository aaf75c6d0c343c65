import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { commanderMessage, EXIT, exitFor } from '../../src/cli/exit.ts';
import { QualifyError } from '../../src/errors.ts';
import { projectRoot } from '../../src/paths.ts';

/** Runs the built CLI as a user would (`npm test` builds it first). */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const res = spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), ...args], { encoding: 'utf8', cwd: projectRoot, env: { ...process.env, QUALIFY_DEBUG: '', ...env } });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
};
const dir = () => mkdtempSync(join(tmpdir(), 'qualify-exit-'));
const STACK_FRAME = '    at ';

describe('exit status', () => {
  it('is 2 for an unknown option, with a message and the help', () => {
    const res = run(['check', '--bogus', 'data/samples/profiles.json']);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^qualify: unknown option '--bogus'\n/);
    expect(res.stderr).toContain('Usage: qualify check [options] <file>');
    expect(res.stdout).toBe('');
  });

  it('is 2 for a missing argument, a missing required option, an unknown command and no command', () => {
    expect(run(['check'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: missing required argument 'file'/) });
    expect(run(['score', 'data/samples/applicants.csv'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: required option '-c, --class <ids>' not specified/) });
    expect(run(['bogus'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: unknown command 'bogus'/) });
    expect(run([])).toMatchObject({ status: 2, stderr: expect.stringContaining('Usage: qualify [options] [command]') });
  });

  it('is 0 for help asked for', () => {
    expect(run(['--help'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: qualify') });
    expect(run(['help', 'score'])).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: qualify score') });
    expect(run(['score', '--help']).status).toBe(0);
  });

  it('is 2 for a missing input file, whichever the command', () => {
    expect(run(['check', '/nonexistent/profiles.json'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: cannot read \/nonexistent\/profiles\.json/) });
    expect(run(['score', '-c', 'chicago-06J7', '/nonexistent/applicants.csv'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: cannot read \/nonexistent\/applicants\.csv/) });
    expect(run(['extract', '/nonexistent/resume.txt'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: cannot read \/nonexistent\/resume\.txt/) });
    expect(run(['cases', '--rules', '/nonexistent/rules'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/^qualify: cannot read rules folder/) });
  });

  it('says in words why a file cannot be read, naming it', () => {
    expect(run(['check', '/nonexistent/profiles.json']).stderr).toBe('qualify: cannot read /nonexistent/profiles.json: no such file or folder\n');
    const folder = dir();
    for (const args of [['check', folder], ['score', '-c', 'chicago-06J7', folder], ['extract', folder], ['map', '--suggest', folder]]) {
      expect(run(args)).toMatchObject({ status: 2, stderr: `qualify: cannot read ${folder}: it is a folder, not a file\n` });
    }
  });

  it('is 2 when the output or the report cannot be written, said before scoring, without a stack trace', () => {
    const res = run(['score', '-c', 'chicago-06J7', 'data/samples/applicants.csv', '-o', '/nonexistent/dir/out.csv']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('qualify: cannot write /nonexistent/dir/out.csv: no such file or folder\n');
    // Before any row is scored, the report's folder too.
    const report = run(['score', '-c', 'chicago-06J7', 'data/samples/applicants.csv', '--report', '/nonexistent/dir/report.html']);
    expect(report).toMatchObject({ status: 2, stdout: '', stderr: 'qualify: cannot write the report /nonexistent/dir/report.html: no such file or folder\n' });
    expect(run(['score', '-c', 'chicago-06J7', 'data/samples/applicants.csv', '-o', dir()]).stderr).toMatch(/^qualify: cannot write .*: it is a folder, not a file$/m);
  });

  it('is 1 when some record is an error, and 0 when none is', () => {
    const d = dir();
    writeFileSync(join(d, 'ok.csv'), 'id,job1_title,job1_start,job1_end\nA,Project Manager,2015-01,2020-12\n');
    writeFileSync(join(d, 'bad.csv'), 'id,job1_title,job1_start,job1_end\nA,Project Manager,2015-01,2020-12\nB,Clerk,2020-12,2015-01\n');
    expect(run(['score', '-c', 'chicago-06J7', join(d, 'ok.csv')]).status).toBe(EXIT.ok);
    expect(run(['score', '-c', 'chicago-06J7', join(d, 'bad.csv')]).status).toBe(EXIT.failures);
  });

  it('never shows a stack trace for a bad invocation', () => {
    const d = dir();
    writeFileSync(join(d, 'empty.csv'), '');
    writeFileSync(join(d, 'bad.json'), '{ not json');
    writeFileSync(join(d, 'map.yaml'), 'columns: [1, 2]\n');
    const invocations = [
      [],
      ['bogus'],
      ['check', '--bogus', 'x'],
      ['check'],
      ['check', '/nonexistent/profiles.json'],
      ['check', join(d, 'bad.json')],
      ['check', '--class', 'atlantis-1', 'data/samples/profiles.json'],
      ['check', '--as-of', '01/02/2026', 'data/samples/profiles.json'],
      ['score', 'data/samples/applicants.csv'],
      ['score', '-c', 'atlantis', 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', join(d, 'empty.csv')],
      ['score', '-c', 'chicago-06J7', '--workers', 'zero', 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', '--format', 'xml', 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', '--map', join(d, 'map.yaml'), 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', '-o', join(d, 'no', 'such', 'dir.csv'), 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', '--report', join(d, 'r.pdf'), '-o', join(d, 's.csv'), 'data/samples/applicants.csv'],
      ['score', '-c', 'chicago-06J7', d],
      ['generate', '--rows', 'many'],
      ['generate', '--rows', '3', '-o', join(d, 'no', 'such', 'gen.csv')],
      ['extract', '/nonexistent/resume.txt'],
      ['serve', '--port', '99999'],
      ['cases', '--rules', '/nonexistent/rules'],
      ['terms', '--class', 'atlantis-1'],
    ];
    for (const args of invocations) {
      const res = run(args);
      expect(res.stdout + res.stderr, args.join(' ')).not.toContain(STACK_FRAME);
      expect(res.stderr, args.join(' ')).toMatch(/^(qualify: |Usage: )/);
      expect([1, 2, 3], args.join(' ')).toContain(res.status);
    }
  }, 60_000);
});

describe('exitFor', () => {
  it('maps every kind of error to its status and message', () => {
    expect(exitFor(new QualifyError('QUAL_ERR_UNKNOWN_CLASS', 'unknown class "x"'))).toEqual({ status: 2, message: 'qualify: unknown class "x"' });
    expect(exitFor(new QualifyError('QUAL_ERR_INVALID_RULE', 'r.yaml:3: bad'))).toEqual({ status: 2, message: 'qualify: r.yaml:3: bad' });
    expect(exitFor(new QualifyError('QUAL_ERR_INTERNAL', 'broken'))).toEqual({ status: 3, message: 'qualify: broken' });
    expect(exitFor(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toEqual({ status: 2, message: null });
    expect(exitFor(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)'))).toEqual({ status: 0, message: null });
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', syscall: 'open' });
    expect(exitFor(enoent)).toEqual({ status: 2, message: "qualify: ENOENT: no such file or directory, open '/x/y'" });
  });

  it('says an unexpected error in one line, exit 3, with the stack only when debugging', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'map')");
    expect(exitFor(bug)).toEqual({ status: 3, message: "qualify: unexpected error: Cannot read properties of undefined (reading 'map')" });
    expect(exitFor(bug, true).message).toContain(STACK_FRAME);
    expect(exitFor('a string thrown')).toEqual({ status: 3, message: 'qualify: unexpected error: a string thrown' });
    expect(exitFor(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', syscall: 'read' })).status).toBe(3);
  });

  it("says Commander's errors as the CLI's own", () => {
    expect(commanderMessage("error: unknown option '--x'\n")).toBe("qualify: unknown option '--x'\n");
    expect(commanderMessage('Usage: qualify')).toBe('Usage: qualify');
  });
});
