/** Where a decision's time goes, for `npm run bench`: stages are timed only while a benchmark
 * listens, and cost one check otherwise. */

export const STAGES = ['validate', 'facts', 'allocate', 'gaps', 'explain', 'serialise'] as const;
export type Stage = (typeof STAGES)[number];

let totals: Record<Stage, number> | null = null;

/** Starts (or stops, with false) adding up the milliseconds spent in each stage; returns the totals. */
export function timeStages(on = true): Record<Stage, number> | null {
  totals = on ? (Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>) : null;
  return totals;
}

export function timed<T>(stage: Stage, run: () => T): T {
  if (!totals) return run();
  const started = performance.now();
  try {
    return run();
  } finally {
    totals[stage] += performance.now() - started;
  }
}
