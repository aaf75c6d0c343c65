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
