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
