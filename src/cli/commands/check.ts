import { isUtf8 } from 'node:buffer';
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Piscina } from 'piscina';
import { checkProfile, parseAsOf, selectRules, type CheckOptions } from '../../check.ts';
import { projectRoot } from '../../paths.ts';
import { concat, inOrder, occurrences, takeUntil, Utf8Writer } from '../../threads.ts';
import { catalogueOf, type Catalogue } from '../../rules/load.ts';
import { QualifyError, describeIssues, fileError } from '../../errors.ts';

export interface CheckCommandOptions {
  class?: string;
  asOf?: string;
  /** Folder of rule files to decide with (a working copy); the bundled rules/ when missing. */
  rules?: string;
  /** For `npm run bench` alone, not a command-line option (`CheckOptions`). */
  decision?: CheckOptions['decision'];
}

/** Where a task's profiles are: parsed, from a file read whole (one profile, or a JSON array), or
 * a block of JSON Lines as bytes, whole lines beginning on line `line` of the file, decoded and
 * parsed on the thread that decides them. */
export type Profiles = { profiles: unknown[] } | { lines: Uint8Array; line: number };

export interface TaskOptions {
  classes: string[] | undefined;
  asOf: string | undefined;
  /** `--rules`, as given: each worker thread loads the folder's rules once. */
  rules?: string | undefined;
  decision?: CheckOptions['decision'];
}

export type CheckTask = Profiles & TaskOptions;

/** A profile a task could not decide: its place in the task (from 0), its line in JSON Lines, and
 * what is wrong, to follow "profile N". */
export interface Invalid {
  profile: number;
  line?: number;
  problem: string;
}

/** A task's decisions as JSON Lines (UTF-8: bytes cross from a worker thread as they are, where
 * text would be copied and then encoded on this thread), how many profiles it held, and which it
 * could not decide. */
export interface Checked {
  output: Uint8Array;
  profiles: number;
  invalid: Invalid[];
}

function parsedLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    return error as Error;
  }
}

const LF = 0x0a;
const BOM = Buffer.from('\uFEFF');

/** A line's text without its line end; null when it is not UTF-8 text (never decoded with
 * replacement characters: it is reported). */
const lineText = (line: Buffer): string | null => (isUtf8(line) ? line.toString('utf8').replace(/\r$/, '') : null);

/** The lines of `bytes`, each as `lineText` reads it. */
function linesOf(bytes: Uint8Array): Array<string | null> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buffer)) return buffer.toString('utf8').split('\n').map((line) => line.replace(/\r$/, ''));
  const lines: Array<string | null> = [];
  let start = 0;
  for (let end = buffer.indexOf(LF); end !== -1; start = end + 1, end = buffer.indexOf(LF, start)) lines.push(lineText(buffer.subarray(start, end)));
  lines.push(lineText(buffer.subarray(start)));
  return lines;
}

/** How many profiles a task holds: in JSON Lines, about one per line. */
const profilesIn = (task: CheckTask): number => ('profiles' in task ? task.profiles.length : occurrences(task.lines, LF));

const isBlank = (line: string | null): boolean => line !== null && line.trim() === '';

const notUtf8 = (file: string, line: number) => new QualifyError('QUAL_ERR_MALFORMED_JSON', `${file}:${line}: not UTF-8 text; save the file as UTF-8`);

/** Bytes of JSON Lines per task: about 400 generated profiles. */
const TASK_BYTES = 256 * 1024;
/** Profiles per task, from a file read whole. */
const TASK_PROFILES = 400;

/** FILE's profiles in tasks, read from `input` (`-`: standard input) as they are asked for. The
 * first line that is not blank says how: JSON Lines (that line is a whole JSON object) stream in
 * blocks of whole lines, cut here without being decoded, so a file of any size is never held whole
 * and this thread does little more than read; a line that is not UTF-8 text is reported in its
 * turn. Any other file is read whole, must be UTF-8 text throughout, and holds one profile, a JSON
 * array of profiles, or JSON Lines (which then must begin with a line of JSON). Line numbers are
 * the file's own, blank lines counted. */
export async function* readTasks(file: string, options: TaskOptions, input: Readable = file === '-' ? process.stdin : createReadStream(file)): AsyncGenerator<CheckTask> {
  const chunks = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  let parts: Buffer[] = []; // read, and not yet in a task
  let eof = false;
  /** Reads on to the end of a line (or of the input): bytes are joined only when a line ends. */
  async function readLine(): Promise<void> {
    try {
      for (let next = await chunks.next(); ; next = await chunks.next()) {
        if (next.done) eof = true;
        else parts.push(next.value);
        if (next.done || next.value.includes(LF)) return;
      }
    } catch (error) {
      throw fileError(file, error);
    }
  }
  const held = (): Buffer => (parts.length === 1 ? parts[0]! : (parts = [Buffer.concat(parts)])[0]!);
  try {
    await readLine();
    if (held().subarray(0, BOM.length).equals(BOM)) parts = [held().subarray(BOM.length)];
    let first: { text: string; line: number } | undefined;
    while (!(first = firstLine(held(), eof, file))) await readLine();
    const parsed = parsedLine(first.text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed instanceof Error) {
      while (!eof) await readLine();
      if (!isUtf8(held())) throw notUtf8(file, linesOf(held()).indexOf(null) + 1);
      const whole = parsedLine(held().toString('utf8').trim());
      if (!(whole instanceof Error)) {
        const profiles = Array.isArray(whole) ? whole : [whole];
        for (let at = 0; at < profiles.length; at += TASK_PROFILES) yield { profiles: profiles.slice(at, at + TASK_PROFILES), ...options };
        return;
      }
      if (parsed instanceof Error) throw new QualifyError('QUAL_ERR_MALFORMED_JSON', `${file}:${first.line}: not JSON (nor a JSON document, nor JSON Lines): ${parsed.message}`);
    }
    // Blocks end after the line that reaches TASK_BYTES, or at the end of the input.
    const blockEnd = () => {
      const lf = held().indexOf(LF, TASK_BYTES - 1);
      return lf !== -1 ? lf + 1 : eof ? held().length : 0;
    };
    let line = 1;
    for (;;) {
      for (let end = blockEnd(); end > 0; end = blockEnd()) {
        const block = held().subarray(0, end);
        yield { lines: new Uint8Array(block), line, ...options }; // a copy of its own, to move to a worker
        for (let at = block.indexOf(LF); at !== -1; at = block.indexOf(LF, at + 1)) line++;
        parts = [held().subarray(end)];
      }
      if (eof) return;
      await readLine();
    }
  } finally {
    await chunks.return?.(); // the file is closed when the tasks are not all taken
  }
}

/** The first line of `held` that is not blank, with its number; undefined while more must be read
 * to find it. */
function firstLine(held: Buffer, eof: boolean, file: string): { text: string; line: number } | undefined {
  let [start, line] = [0, 1];
  for (let end = held.indexOf(LF); end !== -1 || eof; start = end + 1, end = held.indexOf(LF, start), line++) {
    const text = lineText(held.subarray(start, end === -1 ? held.length : end));
    if (text === null) throw notUtf8(file, line);
    if (!isBlank(text)) return { text, line };
    if (end === -1) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file} is empty`);
  }
  return undefined;
}

/** A file of fewer decisions than this (profiles times classes) is decided on this thread. A
 * worker costs about half a second to start and to warm up (V8 compiles the engine again in each
 * thread), which a small file does not repay. On two cores, 20,000 profiles against one
 * class take 2.6 s on this thread and 2.8 s on workers; 30,000 take as long either way; 10,000
 * against ten classes take 9.1 s on this thread and 7.3 s on workers. */
export const SERIAL_DECISIONS = 30_000;
export const CHECK_WORKER = join(projectRoot, 'dist', 'check-worker.mjs');

/** Decides the task's profiles in order; a JSON line that is not JSON, or not UTF-8 text, is
 * reported as invalid, and so is a profile the engine refuses. */
export function checkTask(task: CheckTask, options: CheckOptions): Checked {
  const decisions = writer.empty();
  const invalid: Invalid[] = [];
  let profiles = 0;
  const decide = (input: unknown, line?: number) => {
    const at = { profile: profiles++, ...(line === undefined ? {} : { line }) };
    if (input instanceof Error) return invalid.push({ ...at, problem: ` is not JSON: ${input.message}` });
    try {
      for (const d of checkProfile(input, options)) decisions.line(JSON.stringify(d));
    } catch (error) {
      if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') throw error;
      const id = input && typeof input === 'object' && 'id' in input ? ` (id ${String((input as { id: unknown }).id)})` : '';
      invalid.push({ profile: at.profile, problem: `${id} is invalid: ${describeIssues(error.issues)}` });
    }
  };
  if ('profiles' in task) task.profiles.forEach((profile) => decide(profile));
  else {
    linesOf(task.lines).forEach((text, i) => {
      if (isBlank(text)) return;
      if (text === null) invalid.push({ profile: profiles++, line: task.line + i, problem: ' is not UTF-8 text' });
      else decide(parsedLine(text), task.line + i);
    });
  }
  return { output: decisions.bytes(), profiles, invalid };
}

/** The thread's writer, used by one task at a time (tasks are decided synchronously). */
const writer = new Utf8Writer();

/** Prints one JSON line per (profile, class); returns the exit status (1 when a profile was invalid).
 * A large file is decided on every core, its lines printed in the file's order. */
export async function runCheck(file: string, options: CheckCommandOptions, out: (bytes: Uint8Array) => void, err: (line: string) => void): Promise<number> {
  const classes = options.class ? options.class.split(',').map((c) => c.trim()) : undefined;
  const asOf = parseAsOf(options.asOf);
  const catalogue = catalogueOf(options.rules);
  selectRules(classes, catalogue.rules); // an unknown class fails before any profile is read
  let [status, before] = [0, 0]; // profiles in the tasks before
  const decision = options.decision ? { decision: options.decision } : {};
  const task = { classes, asOf: options.asOf, rules: options.rules, ...decision };
  for await (const checked of decided(readTasks(file, task), { classes, asOf, catalogue, ...decision })) {
    if (checked.output.length > 0) out(checked.output);
    for (const { profile, line, problem } of checked.invalid) err(`qualify: ${line === undefined ? '' : `${file}:${line}: `}profile ${before + profile + 1}${problem}`);
    if (checked.invalid.length > 0) status = 1;
    before += checked.profiles;
  }
  return status;
}

async function* decided(tasks: AsyncGenerator<CheckTask>, options: CheckOptions & { catalogue: Catalogue }): AsyncGenerator<Checked> {
  // The first tasks are read before choosing where to decide: a small file is decided here.
  const classes = options.classes?.length ?? options.catalogue.rules.size;
  let decisions = 0;
  const head = await takeUntil(tasks, (task) => (decisions += profilesIn(task) * classes) >= SERIAL_DECISIONS);
  const threads = availableParallelism();
  if (threads <= 1 || decisions < SERIAL_DECISIONS || !existsSync(CHECK_WORKER)) {
    for await (const task of concat(head, tasks)) yield checkTask(task, options);
    return;
  }
  const pool = new Piscina<CheckTask, Checked>({ filename: CHECK_WORKER, maxThreads: threads, minThreads: threads });
  try {
    yield* inOrder(pool, concat(head, tasks), threads * 2, (task) => ('lines' in task ? [task.lines.buffer as ArrayBuffer] : []));
  } finally {
    await pool.destroy();
  }
}
