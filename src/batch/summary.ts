import type { Scored } from './score.ts';

/** Counts by class and status, the most common gaps, and per-group selection for the report. */
export class Tally {
  readonly rows = { total: 0, errors: 0 };
  readonly byClass = new Map<string, Record<string, number>>();
  private readonly gaps = new Map<string, number>();
  /** class → group → { applicants, qualified } */
  readonly groups = new Map<string, Map<string, { applicants: number; qualified: number }>>();

  add(scored: Scored): void {
    this.rows.total += 1;
    if ('error' in scored) {
      this.rows.errors += 1;
      return;
    }
    for (const d of scored.decisions) {
      const counts = this.byClass.get(d.class) ?? { qualified: 0, review: 0, not_qualified: 0 };
      counts[d.status] = (counts[d.status] ?? 0) + 1;
      this.byClass.set(d.class, counts);
      for (const gap of d.gaps) this.gaps.set(`${d.class}: ${gap.message}`, (this.gaps.get(`${d.class}: ${gap.message}`) ?? 0) + 1);
      if (scored.group !== undefined) {
        const byGroup = this.groups.get(d.class) ?? new Map();
        const g = byGroup.get(scored.group) ?? { applicants: 0, qualified: 0 };
        g.applicants += 1;
        if (d.status === 'qualified') g.qualified += 1;
        byGroup.set(scored.group, g);
        this.groups.set(d.class, byGroup);
      }
    }
  }

  topGaps(n = 5): Array<{ gap: string; count: number }> {
    return [...this.gaps].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([gap, count]) => ({ gap, count }));
  }

  /** Lines for stderr at the end of a run. */
  describe(): string {
    const lines = [`${this.rows.total} applicants scored, ${this.rows.errors} ${this.rows.errors === 1 ? 'row' : 'rows'} with errors`];
    for (const [cls, counts] of this.byClass) lines.push(`${cls}: ${counts.qualified} qualified, ${counts.review} review, ${counts.not_qualified} not qualified`);
    const top = this.topGaps();
    if (top.length > 0) lines.push('most common gaps:', ...top.map((g) => `  ${g.count} × ${g.gap}`));
    return lines.join('\n');
  }
}
