import { isUtf8 } from 'node:buffer';
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Piscina } from 'piscina';
import { checkProfile, parseAsOf, selectRules, type CheckOptions } from '../../check.ts';
import { projectRoot } from '../../paths.ts';
import { concat, inOrder, take } from '../../threads.ts';
import { bundledCatalogue } from '../../rules/load.ts';
import { QualifyError, describeIssues } from '../../errors.ts';

export interface CheckCommandOptions {
  class?: string;
  asOf?: string;
}

/** What a file read whole holds: profiles (one, or a JSON array), or JSON Lines, each line left as
 * text with its line number, to be parsed on the thread that decides it. */
export interface Profiles {
  profiles: unknown[];
  /** For JSON Lines: the line number of each entry of `profiles`, which are the lines' text (null
   * for a line that is not UTF-8 text). */
  lineNumbers?: number[];
}

/** What `text`, a whole file, holds: one profile, a JSON array of profiles, or JSON Lines. Text that
 * is neither a JSON document nor starts with a JSON line is refused whole. */
function profilesOf(text: string, file: string): Profiles {
  const trimmed = text.trim();
  if (trimmed === '') throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file} is empty`);
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return { profiles: Array.isArray(parsed) ? parsed : [parsed] };
  } catch {
    const profiles: string[] = [];
    const lineNumbers: number[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      profiles.push(line);
      lineNumbers.push(i + 1);
    });
    const first = parsedLine(profiles[0]!);
    if (first instanceof Error) throw new QualifyError('QUAL_ERR_MALFORMED_JSON', `${file}:${lineNumbers[0]}: not JSON (nor a JSON document, nor JSON Lines): ${first.message}`);
    return { profiles, lineNumbers };
  }
}

function parsedLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    return error as Error;
  }
}

/** The lines of a byte stream as they arrive, without their line ends; null for a line that is not
 * UTF-8 text (never decoded with replacement characters: it is reported). */
async function* linesOf(input: Readable): AsyncGenerator<string | null> {
  let rest: Buffer[] = []; // the line begun in earlier chunks
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; start = end + 1, end = chunk.indexOf(0x0a, start)) {
      yield lineText(rest.length > 0 ? Buffer.concat([...rest, chunk.subarray(start, end)]) : chunk.subarray(start, end));
      rest = [];
    }
    if (start < chunk.length) rest.push(chunk.subarray(start));
  }
  if (rest.length > 0) yield lineText(Buffer.concat(rest));
}

function lineText(bytes: Buffer): string | null {
  if (!isUtf8(bytes)) return null;
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

const notUtf8 = (file: string, line: number) => new QualifyError('QUAL_ERR_MALFORMED_JSON', `${file}:${line}: not UTF-8 text; save the file as UTF-8`);

/** FILE's profiles in tasks of TASK_PROFILES, read from `input` (`-`: standard input) as they are
 * asked for. JSON Lines (a first line holding a whole JSON object) stream, so a file of any size is
 * never held whole; a later line that is not UTF-8 text is left as null, to be reported in its
 * turn. Any other file is read whole, as `profilesOf` says, and must be UTF-8 text throughout. Line
 * numbers are the file's own, blank lines counted. */
export async function* readTasks(file: string, options: Pick<CheckTask, 'classes' | 'asOf'>, input: Readable = file === '-' ? process.stdin : createReadStream(file)): AsyncGenerator<CheckTask> {
  const lines = linesOf(input);
  let task: CheckTask = { profiles: [], lineNumbers: [], file, first: 0, ...options };
  let [lineNumber, streaming] = [0, false];
  try {
    for await (const read of lines) {
      const line = ++lineNumber === 1 && read !== null ? read.replace(/^\uFEFF/, '') : read;
      if (line !== null && line.trim() === '') continue;
      if (!streaming) {
        if (line === null) throw notUtf8(file, lineNumber);
        const parsed = parsedLine(line);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed instanceof Error) {
          yield* wholeFileTasks('\n'.repeat(lineNumber - 1) + [line, ...(await rest(lines, lineNumber, file))].join('\n'), file, options);
          return;
        }
        streaming = true;
      }
      task.profiles.push(line);
      task.lineNumbers!.push(lineNumber);
      if (task.profiles.length === TASK_PROFILES) {
        yield task;
        task = { profiles: [], lineNumbers: [], file, first: task.first + TASK_PROFILES, ...options };
      }
    }
  } catch (error) {
    if (error instanceof QualifyError) throw error;
    throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `cannot read ${file}: ${(error as Error).message}`);
  }
  if (!streaming) throw new QualifyError('QUAL_ERR_UNREADABLE_FILE', `${file} is empty`);
  if (task.profiles.length > 0) yield task;
}

/** The lines not read yet, after line `after`. */
async function rest(lines: AsyncIterable<string | null>, after: number, file: string): Promise<string[]> {
  const all: string[] = [];
  for await (const line of lines) {
    if (line === null) throw notUtf8(file, after + all.length + 1);
    all.push(line);
  }
  return all;
}

/** A file read whole, in tasks. */
function* wholeFileTasks(text: string, file: string, options: Pick<CheckTask, 'classes' | 'asOf'>): Generator<CheckTask> {
  const { profiles, lineNumbers } = profilesOf(text, file);
  for (let first = 0; first < profiles.length; first += TASK_PROFILES) {
    const end = first + TASK_PROFILES;
    yield { profiles: profiles.slice(first, end), ...(lineNumbers ? { lineNumbers: lineNumbers.slice(first, end) } : {}), file, first, ...options };
  }
}

/** Profiles per task for a worker thread. A worker costs about half a second to start and to warm
 * up (V8 compiles the engine again in each thread), which a small file does not repay: on two
 * cores, deciding on this thread alone is faster up to about 30,000 profiles. So files of fewer
 * than SERIAL_TASKS tasks (10,000 profiles at most) are decided here. */
const TASK_PROFILES = 500;
const SERIAL_TASKS = 21;
export const CHECK_WORKER = join(projectRoot, 'dist', 'check-worker.mjs');

export interface CheckTask extends Profiles {
  file: string;
  /** Position of the first profile in the file, from 0. */
  first: number;
  classes: string[] | undefined;
  asOf: string | undefined;
}

/** A task's decisions as JSON lines in order, and why each profile it could not decide is invalid. */
export interface Checked {
  lines: string;
  invalid: string[];
}

/** Decides the task's profiles in order; a JSON line that is not JSON is reported as invalid. */
export function checkTask(task: CheckTask, options: CheckOptions): Checked {
  const lines: string[] = [];
  const invalid: string[] = [];
  for (let i = 0; i < task.profiles.length; i++) {
    const index = task.first + i;
    if (task.lineNumbers && task.profiles[i] === null) {
      invalid.push(`qualify: ${task.file}:${task.lineNumbers[i]}: profile ${index + 1} is not UTF-8 text`);
      continue;
    }
    const input = task.lineNumbers ? parsedLine(task.profiles[i] as string) : task.profiles[i];
    if (input instanceof Error) {
      invalid.push(`qualify: ${task.file}:${task.lineNumbers![i]}: profile ${index + 1} is not JSON: ${input.message}`);
      continue;
    }
    try {
      for (const d of checkProfile(input, options)) lines.push(JSON.stringify(d));
    } catch (error) {
      if (!(error instanceof QualifyError) || error.code !== 'QUAL_ERR_INVALID_PROFILE') throw error;
      const id = input && typeof input === 'object' && 'id' in input ? ` (id ${String((input as { id: unknown }).id)})` : '';
      invalid.push(`qualify: profile ${index + 1}${id} is invalid: ${describeIssues(error.issues)}`);
    }
  }
  return { lines: lines.join('\n'), invalid };
}

/** Prints one JSON line per (profile, class); returns the exit status (1 when a profile was invalid).
 * A large file is decided on every core, its lines printed in the file's order. */
export async function runCheck(file: string, options: CheckCommandOptions, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const classes = options.class ? options.class.split(',').map((c) => c.trim()) : undefined;
  const asOf = parseAsOf(options.asOf);
  const catalogue = bundledCatalogue();
  selectRules(classes, catalogue.rules); // an unknown class fails before any profile is read
  let status = 0;
  for await (const checked of decided(readTasks(file, { classes, asOf: options.asOf }), { classes, asOf, catalogue })) {
    if (checked.lines !== '') out(checked.lines);
    for (const message of checked.invalid) err(message);
    if (checked.invalid.length > 0) status = 1;
  }
  return status;
}

async function* decided(tasks: AsyncGenerator<CheckTask>, options: CheckOptions): AsyncGenerator<Checked> {
  // The first tasks are read before choosing where to decide: a small file is decided here.
  const head = await take(tasks, SERIAL_TASKS);
  const threads = availableParallelism();
  if (threads <= 1 || head.length < SERIAL_TASKS || !existsSync(CHECK_WORKER)) {
    for await (const task of concat(head, tasks)) yield checkTask(task, options);
    return;
  }
  const pool = new Piscina<CheckTask, Checked>({ filename: CHECK_WORKER, maxThreads: threads, minThreads: threads });
  try {
    yield* inOrder(pool, concat(head, tasks), threads * 2);
  } finally {
    await pool.destroy();
  }
}
