import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { projectRoot, rulesPath } from '../../src/paths.ts';
import { checkProfile } from '../../src/check.ts';
import { readTasks, runCheck, SERIAL_DECISIONS, type CheckTask } from '../../src/cli/commands/check.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { sampleProfiles } from '../helpers/sample-profiles.ts';

/** Runs the built CLI as a user would (`npm test` builds it first). */
function qualify(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), ...args], { input, encoding: 'utf8', cwd: projectRoot, maxBuffer: 1 << 28 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

function file(text: string, name = 'profiles.json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'qualify-cli-')), name);
  writeFileSync(path, text);
  return path;
}

const qualifiedProfile = {
  id: 'A-1',
  education: [{ level: 'B.S.', field: 'Computer Science' }],
  experience: [{ title: 'Network Administrator', start: '2015-01', end: '2020-12', categories: ['it-infrastructure'], supervisory: false }],
  certifications: [{ name: 'CCNA' }],
};

/** A profile whose text is beyond ASCII: accents, another script's letter and characters outside the BMP. */
const accented = {
  id: 'Zoë-😀',
  education: [{ level: 'B.S.', field: 'Informática' }],
  experience: [{ title: 'Ingénieur réseau 🚀', employer: 'Café Ñandú', start: '2015-01', end: '2021-12', categories: ['it-infrastructure'], supervisory: false }],
  certifications: [{ name: 'CCNA' }],
};

describe('qualify check', () => {
  it('decides a large file on worker threads, printing what one thread would, in the file\'s order', () => {
    const classes = ['houston-440.4', 'nys-its-1', 'nyc-1002C'];
    const profiles: unknown[] = sampleProfiles(10_200, 5);
    expect(profiles.length * classes.length).toBeGreaterThan(SERIAL_DECISIONS); // fewer decisions are made on one thread
    profiles.splice(1500, 0, { id: 'bad', experience: [{ start: '2020-13' }] });
    profiles.splice(2000, 0, accented); // text beyond ASCII, written as UTF-8 on a worker
    const lines = profiles.map((p) => JSON.stringify(p));
    lines.splice(1800, 0, '{"id": "cut short",');
    const out = qualify(['check', '--class', classes.join(','), '--as-of', '2026-01-01', file(lines.join('\n'), 'many.jsonl')]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('profile 1501 (id bad) is invalid: experience[0].start');
    expect(out.stderr).toMatch(/many\.jsonl:1801: profile 1801 is not JSON: /);
    const expected = profiles.filter((_, i) => i !== 1500).flatMap((p) => checkProfile(p, { classes, asOf: new Date(Date.UTC(2026, 0, 1)) }).map((d) => JSON.stringify(d)));
    expect(out.stdout.trim().split('\n')).toEqual(expected);
  });

  it('reuses the first decision for every later profile, on worker threads too, when the benchmark asks (decision: reused)', async () => {
    const profiles: unknown[] = sampleProfiles(SERIAL_DECISIONS + 10, 3);
    profiles.splice(100, 0, { id: 'bad', experience: [{ start: '2020-13' }] }); // still read and refused
    const chunks: Uint8Array[] = [];
    const errors: string[] = [];
    const status = await runCheck(file(profiles.map((p) => JSON.stringify(p)).join('\n'), 'many.jsonl'), { class: 'houston-440.4', asOf: '2026-01-01', decision: 'reused' }, (b) => chunks.push(b), (e) => errors.push(e));
    expect(status).toBe(1);
    expect(errors).toEqual([expect.stringContaining('profile 101 (id bad) is invalid: experience[0].start')]);
    const decisions = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    const valid = profiles.filter((_, i) => i !== 100) as Array<{ id: string }>;
    expect(decisions.map((d) => d.id)).toEqual(valid.map((p) => p.id));
    // Each thread decides the first profile it is given and reuses that decision: as many decisions, besides their ids, as threads at most.
    expect(new Set(decisions.map((d) => JSON.stringify({ ...d, id: '' }))).size).toBeLessThanOrEqual(availableParallelism());
  });

  it('decides with a working copy of the rules (--rules), here and on worker threads, and names a folder it cannot read', async () => {
    // A draft of houston-440.4 asking two years of experience instead of six.
    const rules = mkdtempSync(join(tmpdir(), 'qualify-draft-'));
    writeFileSync(join(rules, 'draft-1.yaml'), readFileSync(rulesPath('houston-440.4.yaml'), 'utf8').replace('id: houston-440.4', 'id: draft-1').replace('months: 72', 'months: 24'));
    const twoYears = { ...qualifiedProfile, experience: [{ ...qualifiedProfile.experience[0], start: '2019-01', end: '2020-12' }] };
    const one = qualify(['check', '--rules', rules, '--as-of', '2026-01-01', file(JSON.stringify(twoYears))]);
    expect(one.lines.map((d) => [d.class, d.status])).toEqual([['draft-1', 'qualified']]);
    expect(qualify(['check', '--as-of', '2026-01-01', '-c', 'houston-440.4', file(JSON.stringify(twoYears))]).lines[0].status).toBe('not_qualified');

    const many = Array.from({ length: SERIAL_DECISIONS + 10 }, (_, i) => JSON.stringify({ ...twoYears, id: `p-${i}` })).join('\n');
    const chunks: Uint8Array[] = [];
    expect(await runCheck(file(many, 'many.jsonl'), { rules, asOf: '2026-01-01' }, (b) => chunks.push(b), () => {})).toBe(0);
    const decisions = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { class: string; status: string });
    expect(decisions).toHaveLength(SERIAL_DECISIONS + 10);
    expect(new Set(decisions.map((d) => `${d.class} ${d.status}`))).toEqual(new Set(['draft-1 qualified']));

    const missing = qualify(['check', '--rules', join(rules, 'nowhere'), file(JSON.stringify(twoYears))]);
    expect([missing.status, missing.stderr.trim()]).toEqual([2, `qualify: cannot read rules folder ${join(rules, 'nowhere')}: no such file or folder`]);
  });

  it('prints text beyond ASCII as the profile gave it, as UTF-8', () => {
    const out = qualify(['check', '--class', 'houston-440.4', '--as-of', '2026-01-01', file(JSON.stringify(accented))]);
    expect(out.stdout).toBe(`${JSON.stringify(checkProfile(accented, { classes: ['houston-440.4'], asOf: new Date(Date.UTC(2026, 0, 1)) })[0])}\n`);
    expect(out.lines[0].reasons.map((r: { message: string }) => r.message).join(' ')).toContain('Ingénieur réseau 🚀 (Café Ñandú)');
  });

  it('prints one JSON line per profile with the documented fields', () => {
    const out = qualify(['check', '--class', 'houston-440.4', '--as-of', '2026-01-01', file(JSON.stringify(qualifiedProfile))]);
    expect(out.status).toBe(0);
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatchObject({ id: 'A-1', class: 'houston-440.4', status: 'qualified', asOf: '2026-01-01' });
    expect(Object.keys(out.lines[0])).toEqual(expect.arrayContaining(['score', 'reasons', 'gaps', 'rulesVersion']));
  });

  it('evaluates every class, ranked by status then score, without --class', () => {
    const out = qualify(['check', '--as-of', '2026-01-01', file(JSON.stringify(qualifiedProfile))]);
    expect(out.lines.map((d) => d.class)).toHaveLength(bundledRules().size);
    const rank = { qualified: 0, review: 1, not_qualified: 2 } as Record<string, number>;
    const keys = out.lines.map((d) => rank[d.status]! * 1000 - d.score);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('reads a JSON array, JSON Lines and standard input', () => {
    const two = [qualifiedProfile, { ...qualifiedProfile, id: 'A-2' }];
    expect(qualify(['check', '-c', 'houston-440.4', file(JSON.stringify(two))]).lines.map((d) => d.id)).toEqual(['A-1', 'A-2']);
    expect(qualify(['check', '-c', 'houston-440.4', file(two.map((p) => JSON.stringify(p)).join('\n'), 'p.jsonl')]).lines).toHaveLength(2);
    expect(qualify(['check', '-c', 'houston-440.4', '-'], JSON.stringify(qualifiedProfile)).lines).toHaveLength(1);
  });

  it('reports a JSON line that is not JSON in its turn and evaluates the others, but refuses a file that does not start with JSON', () => {
    const lines = [JSON.stringify(qualifiedProfile), '{"id": "A-2", "education": [', '', JSON.stringify({ ...qualifiedProfile, id: 'A-3' })];
    const out = qualify(['check', '-c', 'houston-440.4', file(lines.join('\n'), 'p.jsonl')]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^qualify: .*p\.jsonl:2: profile 2 is not JSON: /);
    expect(out.lines.map((d) => d.id)).toEqual(['A-1', 'A-3']);
    const refused = qualify(['check', '-c', 'houston-440.4', file(['{ not json', ...lines].join('\n'), 'p.jsonl')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^qualify: .*p\.jsonl:1: not JSON \(nor a JSON document, nor JSON Lines\)/);
    expect(refused.stdout).toBe('');
  });

  it('names lines as the file numbers them: blank lines, a byte order mark and CRLF line ends included', () => {
    const lines = ['\uFEFF', '', JSON.stringify(qualifiedProfile), '{"id": "A-2",', '', JSON.stringify({ ...qualifiedProfile, id: 'A-3' })];
    const out = qualify(['check', '-c', 'houston-440.4', file(`${lines.join('\r\n')}\r\n`, 'p.jsonl')]);
    expect(out.stderr).toMatch(/p\.jsonl:4: profile 2 is not JSON: /);
    expect(out.lines.map((d) => d.id)).toEqual(['A-1', 'A-3']);
    // A document that does not start with a whole JSON object on its first line is read whole.
    const pretty = JSON.stringify([qualifiedProfile, { ...qualifiedProfile, id: 'A-2' }], null, 2);
    expect(qualify(['check', '-c', 'houston-440.4', '-'], `\n${pretty}\n`).lines.map((d) => d.id)).toEqual(['A-1', 'A-2']);
    const refused = qualify(['check', '-c', 'houston-440.4', file(['', '', '{ not json', JSON.stringify(qualifiedProfile)].join('\n'), 'p.jsonl')]);
    expect(refused.stderr).toMatch(/p\.jsonl:3: not JSON/);
  });

  it('numbers lines and profiles across the blocks JSON Lines are read in, wherever a block ends', () => {
    const entries: string[] = [];
    const broken: string[] = [];
    const decided: unknown[] = [];
    let profile = 0;
    sampleProfiles(1_200, 3).forEach((p, i) => {
      if (i % 97 === 5) entries.push('', ' \t');
      if (i % 131 === 7 || i === 600) {
        // one broken line longer than a whole block
        entries.push(`{"id": "broken", "statement": "${'x'.repeat(i === 600 ? 300_000 : i)}`);
        broken.push(`p.jsonl:${entries.length}: profile ${++profile} is not JSON`);
      }
      entries.push(JSON.stringify(p));
      decided.push(p);
      profile++;
    });
    const out = qualify(['check', '-c', 'houston-440.4', '--as-of', '2026-01-01', file(`${entries.join('\r\n')}\r\n`, 'p.jsonl')]);
    expect(Buffer.byteLength(entries.join('\n'))).toBeGreaterThan(3 * 256 * 1024);
    expect(out.stderr.split('\n').filter(Boolean).map((line) => line.replace(/^qualify: .*?(p\.jsonl:\d+: profile \d+ is not JSON).*$/, '$1'))).toEqual(broken);
    const asOf = new Date(Date.UTC(2026, 0, 1));
    expect(out.stdout.trim().split('\n')).toEqual(decided.map((p) => JSON.stringify(checkProfile(p, { classes: ['houston-440.4'], asOf })[0])));
  });

  it('reports a JSON line that is not UTF-8 text in its turn, and refuses a document that is not', () => {
    const latin1 = Buffer.from('{"id": "Jos\xe9"}', 'latin1');
    const lines = Buffer.concat([Buffer.from(`${JSON.stringify(qualifiedProfile)}\n`), latin1, Buffer.from(`\n${JSON.stringify({ ...qualifiedProfile, id: 'A-3' })}\n`)]);
    const path = file('', 'latin1.jsonl');
    writeFileSync(path, lines);
    const out = qualify(['check', '-c', 'houston-440.4', path]);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/latin1\.jsonl:2: profile 2 is not UTF-8 text/);
    expect(out.lines.map((d) => d.id)).toEqual(['A-1', 'A-3']);
    writeFileSync(path, Buffer.concat([Buffer.from('[\n'), latin1, Buffer.from('\n]')]));
    const refused = qualify(['check', '-c', 'houston-440.4', path]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/latin1\.jsonl:2: not UTF-8 text; save the file as UTF-8/);
  });

  it('reads JSON Lines as they arrive: a task is ready before the input ends, never the whole file held', async () => {
    let written = 0;
    const endless = new Readable({
      read() {
        this.push(`${JSON.stringify({ ...qualifiedProfile, id: `P-${++written}` })}\n`);
      },
    });
    const tasks = readTasks('endless.jsonl', { classes: undefined, asOf: undefined }, endless);
    const [first, second] = [(await tasks.next()).value!, (await tasks.next()).value!];
    const lines = (task: CheckTask) => ('lines' in task ? Buffer.from(task.lines).toString().split('\n').filter(Boolean) : []);
    expect(lines(first).length).toBeGreaterThan(100);
    expect('line' in first && 'line' in second && [first.line, second.line]).toEqual([1, lines(first).length + 1]);
    expect(lines(second).map((line) => JSON.parse(line).id).slice(0, 2)).toEqual([`P-${lines(first).length + 1}`, `P-${lines(first).length + 2}`]);
    expect(written).toBeLessThan(5000); // read only so far ahead of what was asked for
    await tasks.return(undefined);
    endless.destroy();
  });

  it('reports an unreadable file clearly and exits 2', () => {
    const out = qualify(['check', '/nonexistent/profiles.json']);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/^qualify: cannot read \/nonexistent\/profiles\.json/);
  });

  it('names the profile and field of an invalid profile, still evaluates the others, and exits 1', () => {
    const bad = { id: 'B-7', experience: [{ start: '2020-03', end: '2019-01' }] };
    const out = qualify(['check', '-c', 'houston-440.4', file(JSON.stringify([qualifiedProfile, bad]))]);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('profile 2 (id B-7) is invalid: experience[0].end: ends (2019-01) before it starts (2020-03)');
    expect(out.lines.map((d) => d.id)).toEqual(['A-1']);
  });

  it('rejects an unknown class before reading profiles, naming the known ones', () => {
    const out = qualify(['check', '--class', 'atlantis-1', file(JSON.stringify(qualifiedProfile))]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/unknown class "atlantis-1"; known classes: .*houston-440\.4/);
  });

  it('rejects a class named twice, rather than deciding it twice', () => {
    const out = qualify(['check', '--class', 'houston-440.4,nyc-1002C,houston-440.4', file(JSON.stringify(qualifiedProfile))]);
    expect(out).toMatchObject({ status: 2, stdout: '', stderr: 'qualify: class "houston-440.4" is named twice\n' });
  });

  it('rejects an as-of date that is not YYYY-MM-DD', () => {
    const out = qualify(['check', '--as-of', '01/02/2026', file(JSON.stringify(qualifiedProfile))]);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('as-of date "01/02/2026" is not a date YYYY-MM-DD');
  });

  it('accepts a JSON Resume document', () => {
    const resume = {
      basics: { name: 'Dana', email: 'dana@example.org' },
      work: [{ name: 'Metro Transit', position: 'Network Administrator', startDate: '2015-01-01', endDate: '2020-12-31', categories: ['it-infrastructure'], supervisory: false }],
      education: [{ institution: 'State U', studyType: 'Bachelor of Science', area: 'Computer Science', endDate: '2014-05-01' }],
      certificates: [{ name: 'CCNA', date: '2016-03-01' }],
    };
    const out = qualify(['check', '-c', 'houston-440.4', '--as-of', '2026-01-01', file(JSON.stringify(resume))]);
    expect(out.lines[0]).toMatchObject({ id: expect.stringMatching(/^resume-[0-9a-f]{10}$/), status: 'qualified' });
    expect(out.stdout).not.toContain('dana@example.org');
  });

  it('never prints the name or email, even for an invalid profile', () => {
    const named = { name: 'Dana Reyes', email: 'dana@example.org' };
    const out = qualify(['check', file(JSON.stringify([{ ...qualifiedProfile, ...named }, { id: 'B', ...named, experience: [{ start: 'soon' }] }]))]);
    expect(out.stdout + out.stderr).not.toMatch(/Dana Reyes|dana@example\.org/);
  });
});

/** The packages a built module loads before it runs, through its static imports and those of the
 * chunks it imports; `dynamic` follows the dynamic imports whose path matches too. */
function packagesLoaded(file: string, dynamic?: RegExp, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  const targets = [...code.matchAll(/^import\s[^'"]*["']([^'"]+)["']/gm)].map((m) => m[1]!);
  if (dynamic) targets.push(...[...code.matchAll(/import\("([^"]+)"\)/g)].map((m) => m[1]!).filter((t) => dynamic.test(t)));
  for (const target of targets) {
    if (target.startsWith('.')) packagesLoaded(join(dirname(file), target), undefined, seen, found);
    else if (!target.startsWith('node:')) found.add(target);
  }
  return found;
}

describe('qualify check, as it starts', () => {
  it('loads neither the HTTP server, the database, the CSV reader, the YAML parser (rules come from the parse cache) nor the whole date-fns index', () => {
    const loaded = [...packagesLoaded(join(projectRoot, 'dist', 'cli.mjs'), /\/check-/)];
    expect(loaded).toContain('piscina'); // the walk does reach the command's own code
    expect(loaded.filter((p) => /^(fastify|@fastify\/|better-sqlite3|kysely|pg$|csv-parse|yaml$|date-fns$)/.test(p))).toEqual([]);
  });
});

describe('qualify terms', () => {
  it('lists each criterion with its terms and new proposals from its text', () => {
    const out = spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), 'terms', '--class', 'council-infrastructure-manager'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('criterion: k2-networks');
    expect(out.stdout).toMatch(/proposed:\n\s+- /);
  });

  it('reads the criteria of a working copy of the rules (--rules)', () => {
    const rules = mkdtempSync(join(tmpdir(), 'qualify-draft-'));
    const council = readFileSync(rulesPath('council-infrastructure-manager.yaml'), 'utf8');
    writeFileSync(join(rules, 'council-draft.yaml'), council.replace('id: council-infrastructure-manager', 'id: council-draft').replace(/id: k2-networks/, 'id: k2-networking'));
    const out = spawnSync(process.execPath, [join(projectRoot, 'bin/qualify.mjs'), 'terms', '--rules', rules], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('class: council-draft');
    expect(out.stdout).toContain('criterion: k2-networking');
  });
});

describe('qualify as part of a pipe', () => {
  it('stops quietly when the reader stops early', () => {
    const res = spawnSync('bash', ['-c', `node ${join(projectRoot, 'bin/qualify.mjs')} check data/samples/profiles.json | head -1`], { encoding: 'utf8', cwd: projectRoot });
    expect(res.stdout.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).not.toContain('EPIPE');
  });
});
