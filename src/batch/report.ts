import type { Tally } from './summary.ts';

/** Groups smaller than this are suppressed: their rates are too unstable to compare. */
export const MIN_GROUP = 5;
/** The four-fifths rule (EEOC Uniform Guidelines, 29 CFR 1607.4(D)). */
export const FOUR_FIFTHS = 0.8;

export interface GroupRate {
  group: string;
  applicants: number;
  /** null when suppressed: a count of two or three people could point at them. */
  qualified: number | null;
  /** Selection rate: qualified / applicants; null when suppressed. */
  rate: number | null;
  /** Rate over the highest rate of the compared groups; null when suppressed. */
  impactRatio: number | null;
  flagged: boolean;
  /** Fewer than MIN_GROUP applicants: counted, not compared. */
  suppressed: boolean;
  /** The column was blank: applicants who did not self-identify are no group to compare. */
  unidentified: boolean;
}

/** Selection rate per group and the adverse impact ratio against the group with the highest rate. */
export function adverseImpact(groups: ReadonlyMap<string, { applicants: number; qualified: number }>): GroupRate[] {
  const compared = [...groups].filter(([group, g]) => group !== '' && g.applicants >= MIN_GROUP);
  const best = Math.max(0, ...compared.map(([, g]) => g.qualified / g.applicants));
  return [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([group, g]) => {
      const unidentified = group === '';
      if (g.applicants < MIN_GROUP) return { group, applicants: g.applicants, qualified: null, rate: null, impactRatio: null, flagged: false, suppressed: true, unidentified };
      const rate = g.qualified / g.applicants;
      if (unidentified) return { group, ...g, rate, impactRatio: null, flagged: false, suppressed: false, unidentified };
      // Rounded so that 48/80 over 9/12 is 0.8, not 0.7999…, before it meets the threshold.
      const impactRatio = best === 0 ? null : Math.round((rate / best) * 1e6) / 1e6;
      return { group, ...g, rate, impactRatio, flagged: impactRatio !== null && impactRatio < FOUR_FIFTHS, suppressed: false, unidentified };
    });
}

export function reportJson(tally: Tally, groupBy: string | undefined): object {
  return {
    applicants: tally.rows.total,
    errors: tally.rows.errors,
    classes: Object.fromEntries([...tally.byClass].map(([cls, counts]) => [cls, counts])),
    gapCodes: tally.gapCodes(),
    topGaps: tally.topGaps(10),
    ...(groupBy
      ? { adverseImpact: { groupBy, minimumGroup: MIN_GROUP, threshold: FOUR_FIFTHS, classes: Object.fromEntries([...tally.groups].map(([cls, groups]) => [cls, adverseImpact(groups)])) } }
      : {}),
  };
}

const esc = (s: unknown): string => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const pct = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

function verdict(g: GroupRate): string {
  if (g.suppressed) return `suppressed (fewer than ${MIN_GROUP})`;
  if (g.unidentified) return 'not compared (not self-identified)';
  return g.flagged ? '<strong>below 0.8</strong>' : 'ok';
}

export function reportHtml(tally: Tally, groupBy: string | undefined): string {
  const counts = [...tally.byClass].map(([cls, c]) => `<tr><th scope="row">${esc(cls)}</th><td>${c.qualified}</td><td>${c.review}</td><td>${c.not_qualified}</td></tr>`).join('');
  const gaps = tally.topGaps(10).map((g) => `<li>${g.count} × ${esc(g.class)} <code>${esc(g.code)}</code>: ${esc(g.message)}</li>`).join('');
  const impact = groupBy
    ? [...tally.groups].map(([cls, groups]) => `<h2>Selection rates by ${esc(groupBy)}: ${esc(cls)}</h2><table><thead><tr><th scope="col">Group</th><th scope="col">Applicants</th><th scope="col">Qualified</th><th scope="col">Selection rate</th><th scope="col">Impact ratio</th><th scope="col">Four-fifths</th></tr></thead><tbody>${adverseImpact(groups)
        .map((g) => `<tr><th scope="row">${esc(g.group || '(not identified)')}</th><td>${g.applicants}</td><td>${g.suppressed ? '—' : g.qualified}</td><td>${pct(g.rate)}</td><td>${g.impactRatio === null ? '—' : g.impactRatio.toFixed(2)}</td><td>${verdict(g)}</td></tr>`)
        .join('')}</tbody></table>`).join('')
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>qualify batch report</title><style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}</style></head><body><h1>Batch report</h1><p>${tally.rows.total} applicants, ${tally.rows.errors} rows with errors.</p><table><thead><tr><th scope="col">Class</th><th scope="col">Qualified</th><th scope="col">Review</th><th scope="col">Not qualified</th></tr></thead><tbody>${counts}</tbody></table><h2>Most common gaps</h2><ol>${gaps}</ol>${impact}</body></html>\n`;
}
