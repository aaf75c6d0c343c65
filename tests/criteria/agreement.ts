import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { CriterionEvidence, TextSource } from '../../src/criteria/evidence.ts';
import { projectRoot } from '../../src/paths.ts';
import type { Criterion } from '../../src/rules/schema.ts';

/** A supporting statement labelled by hand: the criteria a panel would accept as evidenced, and
 * those it mentions only to say the applicant lacks them (tests/fixtures/statements/README.md). */
export interface Labelled {
  id: string;
  statement: string;
  evidenced: string[];
  negated?: string[];
}

export const labelled = (file: string): Labelled[] =>
  parse(readFileSync(`${projectRoot}/tests/fixtures/statements/${file}`, 'utf8')) as Labelled[];

type Assess = (criteria: readonly Criterion[], texts: readonly TextSource[]) => CriterionEvidence[];

export interface Agreement {
  agree: number;
  total: number;
  /** Agreement per criterion id, over the statements. */
  perCriterion: Map<string, { agree: number; total: number }>;
  misses: string[];
  /** Negated mentions that came out with any evidence (partly included). */
  negatedEvidence: string[];
}

/** Agreement of a matcher with the labels, deciding evidenced against everything else: the line
 * between `qualified` and `review` for an essential criterion. */
export function agreement(statements: readonly Labelled[], criteria: readonly Criterion[], assess: Assess): Agreement {
  const out: Agreement = { agree: 0, total: 0, perCriterion: new Map(), misses: [], negatedEvidence: [] };
  for (const s of statements) {
    for (const e of assess(criteria, [{ source: 'statement', text: s.statement }])) {
      const id = e.criterion.id;
      const ok = s.evidenced.includes(id) === (e.status === 'evidenced');
      const row = out.perCriterion.get(id) ?? { agree: 0, total: 0 };
      out.perCriterion.set(id, { agree: row.agree + (ok ? 1 : 0), total: row.total + 1 });
      out.total += 1;
      if (ok) out.agree += 1;
      else out.misses.push(`${s.id}/${id}: labelled ${s.evidenced.includes(id) ? 'evidenced' : 'not'}, found ${e.status}`);
      if (s.negated?.includes(id) && e.status !== 'not') out.negatedEvidence.push(`${s.id}/${id}: ${e.status}`);
    }
  }
  return out;
}

export function summary(a: Agreement): string {
  const pct = (x: number, n: number) => `${((100 * x) / n).toFixed(1)}%`;
  const rows = [...a.perCriterion].map(([id, r]) => `${id} ${r.agree}/${r.total} ${pct(r.agree, r.total)}`);
  return [`overall ${a.agree}/${a.total} ${pct(a.agree, a.total)}`, ...rows, 'misses:', ...a.misses, 'negated evidence:', ...a.negatedEvidence].join('\n');
}
