import type { Piscina } from 'piscina';

/** Runs tasks on a worker pool and yields their results in input order, with at most two tasks per
 * thread in flight, so memory stays flat whatever the input's size. */
export async function* inOrder<T, R>(pool: Piscina<T, R>, tasks: Iterable<T> | AsyncIterable<T>, threads: number): AsyncGenerator<R> {
  const inFlight: Array<Promise<R>> = [];
  try {
    for await (const task of tasks) {
      inFlight.push(pool.run(task));
      if (inFlight.length >= threads * 2) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    // A failed run leaves tasks in flight: their rejections are settled here, not left unhandled.
    for (const task of inFlight) task.catch(() => {});
  }
}
