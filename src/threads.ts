import type { Piscina } from 'piscina';

/** Runs tasks on a worker pool and yields their results in input order, with at most `limit` tasks
 * in flight and the next task read only as results are taken, so memory stays flat whatever the
 * input's size. `moved`: the buffers of a task that move to its thread rather than being copied. */
export async function* inOrder<T, R>(pool: Piscina<T, R>, tasks: Iterable<T> | AsyncIterable<T>, limit: number, moved: (task: T) => ArrayBuffer[] = () => []): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  try {
    for await (const task of tasks) {
      inFlight.push(pool.run(task, { transferList: moved(task) }));
      if (inFlight.length >= limit) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    // A failed run leaves tasks in flight: their rejections are settled here, not left unhandled.
    for (const task of inFlight) task.catch(() => {});
  }
}

/** Items from the iterator up to the first for which `enough` is true, or to its end. */
export async function takeUntil<T>(source: AsyncIterator<T>, enough: (item: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for (let next = await source.next(); !next.done; next = await source.next()) {
    out.push(next.value);
    if (enough(next.value)) break;
  }
  return out;
}

/** How many times `byte` occurs in `bytes`: the lines or records of a task, before it is read. */
export function occurrences(bytes: Uint8Array, byte: number): number {
  let n = 0;
  for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) n++;
  return n;
}

/** The items of `head`, then those left in `rest`: what was taken to look ahead is not lost. */
export async function* concat<T>(head: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

const LF = 0x0a;

/** Text written as UTF-8 into one growing buffer as it is made, for a worker thread to hand its
 * task's output over as bytes. What a task writes is not kept as strings until it ends: strings
 * living that long would be copied by every collection of the young generation, then promoted and
 * collected again. One writer serves a thread's tasks in turn (`empty`): each task growing a buffer
 * of its own to a megabyte would allocate about four outside the JavaScript heap, and such memory
 * makes V8 collect the whole heap early. */
export class Utf8Writer {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private length = 0;

  /** The writer with nothing written; its buffer, grown for earlier tasks, is kept. */
  empty(): this {
    this.length = 0;
    return this;
  }

  write(text: string): void {
    const most = this.length + text.length * 3 + 1; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (most > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(most, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  /** The text and a line feed. */
  line(text: string): void {
    this.write(text);
    this.buffer[this.length++] = LF;
  }

  /** What was written, in a buffer of its own size (what crosses to the main thread is copied whole). */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.subarray(0, this.length));
  }
}
