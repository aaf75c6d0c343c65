import type { Scored } from './score.ts';

/** A count and its noun, singular for one: `1 row`, `2 rows`, `1,000 applicants`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export interface Gap {
  class: string;
  code: string;
  message: string;
  count: number;
}

/** A tally's counts as plain data (Maps cross between threads as they are), for merging. */
export type TallyData = Pick<Tally, 'rows' | 'byClass' | 'groups'> & { gaps: ReadonlyMap<string, number> };

type Selection = { applicants: number; qualified: number };

/** Counts by class and status, the most common gaps, and per-group selection for the report. */
export class Tally {
  readonly rows = { total: 0, errors: 0 };
  readonly byClass = new Map<string, Record<string, number>>();
  /** `class \t code \t message` → count */
  private readonly gaps = new Map<string, number>();
  /** class → group → { applicants, qualified } */
  readonly groups = new Map<string, Map<string, Selection>>();

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
      for (const gap of d.gaps) {
        const key = `${d.class}\t${gap.code}\t${gap.message}`;
        this.gaps.set(key, (this.gaps.get(key) ?? 0) + 1);
      }
      if (scored.group !== undefined) {
        // "Female" and "Female " are one group: spaces around or doubled inside a cell are no answer.
        const group = scored.group.trim().replace(/\s+/g, ' ');
        const byGroup = this.groups.get(d.class) ?? new Map();
        const g = byGroup.get(group) ?? { applicants: 0, qualified: 0 };
        g.applicants += 1;
        if (d.status === 'qualified') g.qualified += 1;
        byGroup.set(group, g);
        this.groups.set(d.class, byGroup);
      }
    }
  }

  /** The counts, to send from the thread that made them. */
  data(): TallyData {
    return { rows: this.rows, byClass: this.byClass, gaps: this.gaps, groups: this.groups };
  }

  /** Adds the counts of the rows after these (a block scored on another thread). Merged in input
   * order, classes and groups keep the order they were first seen in, as if counted here. */
  merge(later: TallyData): void {
    this.rows.total += later.rows.total;
    this.rows.errors += later.rows.errors;
    for (const [cls, counts] of later.byClass) {
      const mine = this.byClass.get(cls) ?? { qualified: 0, review: 0, not_qualified: 0 };
      for (const [status, n] of Object.entries(counts)) mine[status] = (mine[status] ?? 0) + n;
      this.byClass.set(cls, mine);
    }
    for (const [key, n] of later.gaps) this.gaps.set(key, (this.gaps.get(key) ?? 0) + n);
    for (const [cls, groups] of later.groups) {
      const mine = this.groups.get(cls) ?? new Map<string, Selection>();
      for (const [group, { applicants, qualified }] of groups) {
        const g = mine.get(group) ?? { applicants: 0, qualified: 0 };
        g.applicants += applicants;
        g.qualified += qualified;
        mine.set(group, g);
      }
      this.groups.set(cls, mine);
    }
  }

  /** The most common gaps, by class, code and message. */
  topGaps(n = 5): Gap[] {
    return [...this.gaps].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([key, count]) => {
      const [cls, code, message] = key.split('\t') as [string, string, string];
      return { class: cls, code, message, count };
    });
  }

  /** Gaps counted by class and code alone: messages carry amounts ("2 years more…") that split them. */
  gapCodes(): Array<{ class: string; code: string; count: number }> {
    const byCode = new Map<string, number>();
    for (const [key, count] of this.gaps) {
      const code = key.split('\t', 2).join('\t');
      byCode.set(code, (byCode.get(code) ?? 0) + count);
    }
    return [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => {
      const [cls, code] = key.split('\t') as [string, string];
      return { class: cls, code, count };
    });
  }

  /** Lines for stderr at the end of a run. */
  describe(): string {
    const lines = [`${plural(this.rows.total, 'applicant')} scored, ${plural(this.rows.errors, 'row')} with errors`];
    for (const [cls, counts] of this.byClass) lines.push(`${cls}: ${counts.qualified} qualified, ${counts.review} review, ${counts.not_qualified} not qualified`);
    const codes = this.gapCodes();
    if (codes.length > 0) lines.push(`gaps by code: ${codes.map((g) => `${g.class} ${g.code} ${g.count}`).join(', ')}`);
    const top = this.topGaps();
    if (top.length > 0) lines.push('most common gaps:', ...top.map((g) => `  ${g.count} × ${g.class} ${g.code}: ${g.message}`));
    return lines.join('\n');
  }
}
