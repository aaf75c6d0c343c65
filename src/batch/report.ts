import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { QualifyError, fileError } from '../errors.ts';
import { dayText } from '../profile/dates.ts';
import { plural, type Tally } from './summary.ts';

/** Groups smaller than this are suppressed: their rates are too unstable to compare. */
export const MIN_GROUP = 5;
/** The four-fifths rule (EEOC Uniform Guidelines, 29 CFR 1607.4(D)). */
export const FOUR_FIFTHS = 0.8;
/** The significance level of the test beside the four-fifths ratio. */
export const ALPHA = 0.05;
/** The test run on each compared group's 2×2 table against the group with the highest rate. */
export const SIGNIFICANCE_TEST = "Fisher's exact test (two-sided)";
/** The one row every blank or declined answer is counted in: shown apart, never compared. */
export const NOT_IDENTIFIED = 'not identified / declined';

/** What the report says about the run beside the counts; `qualify score` fills it in. */
export interface ReportMeta {
  /** The classes scored, in the order asked for. */
  classes: Array<{ id: string; title: string; rulesVersion: string }>;
  /** The evaluation date: YYYY-MM-DD, or a Date (its UTC day is shown). */
  asOf: string | Date;
  /** When the report was made: an ISO 8601 time, or a Date. */
  generatedAt: string | Date;
  /** The voluntary self-identification column (`--group-by`), when one was named. */
  groupBy?: string | undefined;
  /** Input rows: read, scored, and with errors (left out of the rates). */
  rows: { total: number; scored: number; errors: number };
  /** The file's columns read, and the column of docs/batch.md each was read as. */
  columnsUsed: Array<{ column: string; as: string }>;
}

export interface GroupRate {
  /** The group as written in the file; NOT_IDENTIFIED for the row of blank and declined answers. */
  group: string;
  applicants: number;
  /** null when suppressed: a count of two or three people could point at them. */
  qualified: number | null;
  /** Selection rate: qualified / applicants; null when suppressed. */
  rate: number | null;
  /** Rate over the highest rate of the compared groups; null when not compared. */
  impactRatio: number | null;
  /** Impact ratio below four fifths. */
  flagged: boolean;
  /** Fisher's exact test (two-sided) of this group against the reference group; null when not compared, or for the reference itself. */
  pValue: number | null;
  /** pValue below ALPHA. */
  significant: boolean;
  /** The compared group with the highest selection rate: every other is measured against it. */
  reference: boolean;
  /** Fewer than MIN_GROUP applicants: counted, not compared. */
  suppressed: boolean;
  /** Blank or a declined answer ("Prefer not to say"…): counted apart, never compared, never the reference. */
  unidentified: boolean;
  /** For the NOT_IDENTIFIED row: the answers counted in it, `(blank)` for an empty cell. */
  answers?: string[];
}

/** Answers that decline to self-identify, compared after lower-casing, turning `-`/`_` into spaces
 * and dropping surrounding punctuation. */
const DECLINED = [
  /^declined?$/,
  /^(i )?declined? to (state|answer|respond|say|specify|disclose|identify|self identify)$/,
  /^(i )?(prefer|preferred|choose|chose|elect|elected|wish|do not wish|don't wish) not to (say|answer|respond|state|specify|disclose|identify|self identify)$/,
  /^(i )?(do not|don't|did not|didn't) (wish to )?(disclose|answer|respond|state|specify|identify|self identify)$/,
  /^(not |un)(disclosed|declared|specified|stated|reported|provided|answered)$/,
  /^no (answer|response)$/,
  /^unknown$/,
];

/** True for a group cell that says nothing about the applicant's group: blank, or a declined answer. */
export function isUndisclosed(group: string): boolean {
  const said = group.toLowerCase().replace(/[’`]/g, "'").replace(/[-_]+/g, ' ').replace(/^[\s.,;:!?()[\]"']+|[\s.,;:!?()[\]"']+$/g, '').replace(/\s+/g, ' ');
  return said === '' || DECLINED.some((re) => re.test(said));
}

const logFactorials: number[] = [0];
/** ln(n!), summed once and kept: a table of n + 1 entries for the largest n asked. */
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

/** Fisher's exact test, two-sided, of the 2×2 table [[a, b], [c, d]]: the probability, with the
 * margins fixed, of a table no more likely than the one seen (hypergeometric, as R's fisher.test). */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  for (const n of [a, b, c, d]) if (!Number.isInteger(n) || n < 0) throw new RangeError(`fisherExact: ${n} is not a count`);
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const fixed = logFactorial(row1) + logFactorial(row2) + logFactorial(col1) + logFactorial(n - col1) - logFactorial(n);
  const logP = (x: number): number => fixed - logFactorial(x) - logFactorial(row1 - x) - logFactorial(col1 - x) - logFactorial(row2 - col1 + x);
  const seen = logP(a);
  const logs: number[] = [];
  // The relative tolerance R uses, so that tables as likely as the one seen are not lost to rounding.
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
    const p = logP(x);
    if (p <= seen + 1e-7) logs.push(p);
  }
  const top = Math.max(...logs);
  const sum = logs.reduce((s, p) => s + Math.exp(p - top), 0);
  return Math.min(1, Math.exp(top) * sum);
}

interface Counts {
  applicants: number;
  qualified: number;
}

/** Selection rate per group, the adverse impact ratio against the group with the highest rate, and
 * Fisher's exact test against that group. Blank and declined answers are summed into one row,
 * NOT_IDENTIFIED, last; groups of fewer than MIN_GROUP are suppressed; neither is compared. */
export function adverseImpact(groups: ReadonlyMap<string, Counts>): GroupRate[] {
  const named: Array<[string, Counts]> = [];
  const unidentified = { applicants: 0, qualified: 0 };
  const answers: string[] = [];
  for (const [group, g] of groups) {
    if (!isUndisclosed(group)) {
      named.push([group, g]);
      continue;
    }
    unidentified.applicants += g.applicants;
    unidentified.qualified += g.qualified;
    answers.push(group.trim() === '' ? '(blank)' : group);
  }
  named.sort((a, b) => a[0].localeCompare(b[0]));
  const compared = named.filter(([, g]) => g.applicants >= MIN_GROUP);
  const best = Math.max(0, ...compared.map(([, g]) => g.qualified / g.applicants));
  // The highest rate; of groups tied on it, the largest (its rate the most certain), then by name.
  const reference = best === 0 ? undefined : compared.filter(([, g]) => g.qualified / g.applicants === best).sort((a, b) => b[1].applicants - a[1].applicants)[0];
  const rates: GroupRate[] = named.map(([group, g]) => {
    const none = { impactRatio: null, flagged: false, pValue: null, significant: false, reference: false, unidentified: false };
    if (g.applicants < MIN_GROUP) return { group, applicants: g.applicants, qualified: null, rate: null, ...none, suppressed: true };
    const rate = g.qualified / g.applicants;
    if (!reference) return { group, ...g, rate, ...none, suppressed: false };
    // Rounded so that 48/80 over 9/12 is 0.8, not 0.7999…, before it meets the threshold.
    const impactRatio = Math.round((rate / best) * 1e6) / 1e6;
    const isReference = reference[0] === group;
    const r = reference[1];
    const pValue = isReference ? null : fisherExact(g.qualified, g.applicants - g.qualified, r.qualified, r.applicants - r.qualified);
    return { group, ...g, rate, impactRatio, flagged: impactRatio < FOUR_FIFTHS, pValue, significant: pValue !== null && pValue < ALPHA, reference: isReference, suppressed: false, unidentified: false };
  });
  if (unidentified.applicants > 0) {
    const suppressed = unidentified.applicants < MIN_GROUP;
    rates.push({
      group: NOT_IDENTIFIED,
      applicants: unidentified.applicants,
      qualified: suppressed ? null : unidentified.qualified,
      rate: suppressed ? null : unidentified.qualified / unidentified.applicants,
      impactRatio: null, flagged: false, pValue: null, significant: false, reference: false,
      suppressed, unidentified: true, answers: answers.sort(),
    });
  }
  return rates;
}

const day = (d: string | Date): string => (typeof d === 'string' ? d : dayText(d));
const time = (d: string | Date): string => (typeof d === 'string' ? d : d.toISOString());
/** `2026-01-05T14:03:00.000Z` as `2026-01-05 14:03:00 UTC`; a time that is not ISO as it is. */
const shownTime = (d: string | Date): string => {
  const t = new Date(time(d));
  return Number.isNaN(t.getTime()) ? time(d) : `${t.toISOString().slice(0, 10)} ${t.toISOString().slice(11, 19)} UTC`;
};

/** The classes of the run: those of the meta, in its order, then any the tally has that it lacks. */
function classesOf(tally: Tally, meta: ReportMeta): Array<{ id: string; title: string; rulesVersion: string }> {
  const known = new Set(meta.classes.map((c) => c.id));
  return [...meta.classes, ...[...tally.byClass.keys()].filter((id) => !known.has(id)).map((id) => ({ id, title: id, rulesVersion: '' }))];
}

export function reportJson(tally: Tally, meta: ReportMeta): object {
  const empty = { qualified: 0, review: 0, not_qualified: 0 };
  return {
    report: 'qualify batch report',
    generatedAt: time(meta.generatedAt),
    asOf: day(meta.asOf),
    rows: meta.rows,
    applicants: tally.rows.total,
    errors: tally.rows.errors,
    columnsUsed: meta.columnsUsed,
    classes: Object.fromEntries(classesOf(tally, meta).map((c) => [c.id, { title: c.title, rulesVersion: c.rulesVersion, ...empty, ...tally.byClass.get(c.id) }])),
    gapCodes: tally.gapCodes(),
    topGaps: tally.topGaps(10),
    ...(meta.groupBy
      ? {
          groupBy: meta.groupBy,
          adverseImpact: {
            groupBy: meta.groupBy,
            minimumGroup: MIN_GROUP,
            threshold: FOUR_FIFTHS,
            significanceTest: SIGNIFICANCE_TEST,
            alpha: ALPHA,
            notIdentified: `${NOT_IDENTIFIED}: blank cells and declined answers, counted apart and never compared`,
            classes: Object.fromEntries(classesOf(tally, meta).map((c) => [c.id, adverseImpact(tally.groups.get(c.id) ?? new Map())])),
          },
        }
      : {}),
  };
}

const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);
/** A p-value as people read them: four decimals, or `< 0.0001`. */
export const formatP = (p: number | null): string => (p === null ? '—' : p < 0.0001 ? '< 0.0001' : p.toFixed(4));
const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function fourFifths(g: GroupRate): string {
  if (g.unidentified) return `not compared (${NOT_IDENTIFIED})`;
  if (g.suppressed) return `suppressed (fewer than ${MIN_GROUP})`;
  if (g.impactRatio === null) return 'not compared (no one qualified)';
  if (g.reference) return 'reference (highest rate)';
  return g.flagged ? '<strong>below 0.8</strong>' : 'ok';
}

function significance(g: GroupRate): string {
  if (g.pValue === null) return '—';
  return g.significant ? `<strong>yes</strong>` : 'no';
}

/** Selection rates of the compared groups as horizontal bars, with a dashed line at four fifths of
 * the highest; readable without JavaScript, and to a screen reader through its title and desc. */
export function rateChart(rates: readonly GroupRate[], id: string, caption: string): string {
  const bars = rates.filter((g) => !g.unidentified && !g.suppressed && g.rate !== null);
  if (bars.length === 0) return '';
  const best = Math.max(...bars.map((g) => g.rate!));
  const line = best * FOUR_FIFTHS;
  const [labelW, barW, rightW, rowH, top, bottom] = [230, 400, 270, 28, 30, 34];
  const width = labelW + barW + rightW;
  const height = top + bars.length * rowH + bottom;
  const x = (rate: number): number => labelW + rate * barW;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => `<g class="tick"><line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${top + bars.length * rowH}" stroke="#ddd"/><text x="${x(t)}" y="${top + bars.length * rowH + 16}" text-anchor="middle">${t * 100}%</text></g>`).join('');
  const rows = bars.map((g, i) => {
    const y = top + i * rowH;
    const note = [g.reference ? 'highest rate' : g.flagged ? 'below four-fifths' : '', g.significant ? `p ${formatP(g.pValue)}` : ''].filter(Boolean).join(' · ');
    const said = `${g.group}: ${pct(g.rate)} selected (${g.qualified} of ${g.applicants})${g.impactRatio === null ? '' : `, impact ratio ${g.impactRatio.toFixed(2)}`}${g.reference ? ', the reference group' : g.flagged ? ', below four-fifths' : ''}${g.pValue === null ? '' : `, Fisher p ${formatP(g.pValue)}`}`;
    return `<g class="bar${g.flagged ? ' flagged' : ''}"><title>${esc(said)}</title>`
      + `<text x="${labelW - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(cut(g.group, 30))}</text>`
      + `<rect x="${labelW}" y="${y + 5}" width="${Math.max(1, g.rate! * barW).toFixed(1)}" height="${rowH - 10}" fill="${g.flagged ? '#b45309' : '#1d4ed8'}"/>`
      // Beside the axis, not the bar's end, so that no label crosses the four-fifths line.
      + `<text x="${x(1) + 10}" y="${y + rowH / 2 + 4}">${pct(g.rate)}${note ? ` · ${note}` : ''}</text></g>`;
  }).join('');
  const lx = x(line).toFixed(1);
  const desc = `Selection rate per group: ${bars.map((g) => `${g.group} ${pct(g.rate)}`).join('; ')}. Four fifths of the highest rate is ${pct(line)}${bars.some((g) => g.flagged) ? `; below it: ${bars.filter((g) => g.flagged).map((g) => g.group).join(', ')}` : '; no group is below it'}.`;
  return `<figure><svg xmlns="http://www.w3.org/2000/svg" class="rates" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, sans-serif" font-size="13">`
    + `<title id="${id}-title">${esc(caption)}</title><desc id="${id}-desc">${esc(desc)}</desc>`
    + ticks + rows
    + `<g class="four-fifths"><title>${esc(`Four fifths of the highest rate: ${pct(line)}`)}</title><line x1="${lx}" x2="${lx}" y1="${top - 8}" y2="${top + bars.length * rowH + 4}" stroke="#111" stroke-width="2" stroke-dasharray="6 4"/>`
    + `<text x="${lx}" y="${top - 12}" text-anchor="middle">4/5 of highest: ${pct(line)}</text></g>`
    + `</svg><figcaption>${esc(caption)}. Dashed line: four fifths of the highest rate (${pct(line)}); bars below it are flagged. Groups of fewer than ${MIN_GROUP} and ${NOT_IDENTIFIED} are not drawn.</figcaption></figure>`;
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#111}'
  + 'table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #999;padding:.3rem .6rem;text-align:left}td.n{text-align:right}'
  + 'dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}dl.meta ul{margin:0;padding:0;list-style:none}'
  + 'tbody.apart th,tbody.apart td{color:#444;font-style:italic}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#333}svg.rates{max-width:100%;height:auto}';

export function reportHtml(tally: Tally, meta: ReportMeta): string {
  const classes = classesOf(tally, meta);
  const titles = classes.map((c) => c.title).join(', ');
  const versions = [...new Set(classes.map((c) => c.rulesVersion).filter(Boolean))];
  const classList = classes.map((c) => `<li>${esc(c.title)} (<code>${esc(c.id)}</code>), rules version <code>${esc(c.rulesVersion || '—')}</code></li>`).join('');
  const { rows } = meta;
  const about = `<dl class="meta">`
    + `<dt>${classes.length === 1 ? 'Class' : 'Classes'}</dt><dd><ul>${classList}</ul></dd>`
    + `<dt>${versions.length === 1 ? 'Rules version' : 'Rules versions'}</dt><dd>${esc(versions.join(', ') || '—')}</dd>`
    + `<dt>As of</dt><dd><time>${esc(day(meta.asOf))}</time></dd>`
    + `<dt>Generated</dt><dd><time datetime="${esc(time(meta.generatedAt))}">${esc(shownTime(meta.generatedAt))}</time></dd>`
    + `<dt>Rows read</dt><dd>${plural(rows.total, 'row')}</dd>`
    + `<dt>Scored</dt><dd>${plural(rows.scored, 'row')} (${plural(tally.rows.total - tally.rows.errors, 'applicant')})</dd>`
    + `<dt>With errors</dt><dd>${plural(rows.errors, 'row')}, left out of the counts and rates</dd>`
    + `<dt>Group column</dt><dd>${meta.groupBy ? `<code>${esc(meta.groupBy)}</code> (voluntary self-identification)` : 'none (no <code>--group-by</code>): no adverse-impact analysis'}</dd>`
    + `</dl>`;
  const columns = meta.columnsUsed.length === 0
    ? '<p>No columns recorded.</p>'
    : `<table><thead><tr><th scope="col">Column in the file</th><th scope="col">Read as</th></tr></thead><tbody>${meta.columnsUsed.map((c) => `<tr><td>${esc(c.column)}</td><td><code>${esc(c.as)}</code></td></tr>`).join('')}</tbody></table>`;
  const counts = classes.map((c) => {
    const n = tally.byClass.get(c.id) ?? {};
    return `<tr><th scope="row">${esc(c.title)} (<code>${esc(c.id)}</code>)</th><td class="n">${n.qualified ?? 0}</td><td class="n">${n.review ?? 0}</td><td class="n">${n.not_qualified ?? 0}</td></tr>`;
  }).join('');
  const top = tally.topGaps(10);
  const gaps = top.length === 0 ? '<p>No gaps.</p>' : `<ol>${top.map((g) => `<li>${plural(g.count, 'applicant')}: ${esc(g.class)} <code>${esc(g.code)}</code>: ${esc(g.message)}</li>`).join('')}</ol>`;
  const impact = meta.groupBy ? impactSection(tally, meta.groupBy, classes) : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>qualify batch report: ${esc(titles)}</title><style>${STYLE}</style></head><body>`
    + `<h1>Batch report: ${esc(titles)}</h1>${about}`
    + `<h2>Columns used</h2>${columns}`
    + `<h2>Outcomes</h2><p>${plural(tally.rows.total - tally.rows.errors, 'applicant')} scored.</p><table><thead><tr><th scope="col">Class</th><th scope="col">Qualified</th><th scope="col">Review</th><th scope="col">Not qualified</th></tr></thead><tbody>${counts}</tbody></table>`
    + `<h2>Most common gaps</h2>${gaps}${impact}</body></html>\n`;
}

function impactSection(tally: Tally, groupBy: string, classes: ReadonlyArray<{ id: string; title: string }>): string {
  const method = `<p>Per class and group: the applicants, the number qualified, the selection rate (qualified ÷ applicants) and the impact ratio (the group's rate ÷ the highest rate among the compared groups), flagged below ${FOUR_FIFTHS}: the four-fifths rule of the EEOC Uniform Guidelines (29 CFR 1607.4(D)). Beside it, ${SIGNIFICANCE_TEST} of each group against the group with the highest rate (the reference), on the 2×2 table of qualified and not qualified; p &lt; ${ALPHA} is marked significant. A blank cell or a declined answer ("Declined to self-identify", "Prefer not to say", "Unknown"…) is counted in one row, <em>${esc(NOT_IDENTIFIED)}</em>, shown apart and never compared. Groups of fewer than ${MIN_GROUP} applicants are suppressed: counted, but neither compared nor shown with a rate. Rows with errors are left out.</p>`;
  return `<h2>Adverse impact by <code>${esc(groupBy)}</code></h2>${method}` + classes.map((c, i) => {
    const rates = adverseImpact(tally.groups.get(c.id) ?? new Map());
    const caption = `Selection rates by ${groupBy}: ${c.title}`;
    const row = (g: GroupRate): string => `<tr><th scope="row">${esc(g.group)}${g.answers ? `<br><small>answers: ${esc(g.answers.join(', '))}</small>` : ''}</th><td class="n">${g.applicants}</td><td class="n">${g.qualified ?? '—'}</td><td class="n">${pct(g.rate)}</td><td class="n">${g.impactRatio === null ? '—' : g.impactRatio.toFixed(2)}</td><td>${fourFifths(g)}</td><td class="n">${formatP(g.pValue)}</td><td>${significance(g)}</td></tr>`;
    const compared = rates.filter((g) => !g.unidentified);
    const apart = rates.filter((g) => g.unidentified);
    const chart = rateChart(rates, `chart-${i + 1}`, caption) || `<p>No group has ${MIN_GROUP} or more applicants: nothing to compare.</p>`;
    return `<h3>Selection rates by ${esc(groupBy)}: ${esc(c.title)} (<code>${esc(c.id)}</code>)</h3>${chart}`
      + `<table><thead><tr><th scope="col">Group</th><th scope="col">Applicants</th><th scope="col">Qualified</th><th scope="col">Selection rate</th><th scope="col">Impact ratio</th><th scope="col">Four-fifths</th><th scope="col">Fisher p (two-sided)</th><th scope="col">Significant (p &lt; ${ALPHA})</th></tr></thead>`
      + `<tbody>${compared.map(row).join('')}</tbody>${apart.length > 0 ? `<tbody class="apart">${apart.map(row).join('')}</tbody>` : ''}</table>`;
  }).join('');
}

/** The report's type from its file name: `.html`/`.htm` or `.json`; anything else is refused, so the
 * CLI can check `--report` before scoring. */
export function reportFormat(file: string): 'html' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.json') return 'json';
  throw new QualifyError('QUAL_ERR_INVALID_OPTION', `--report "${file}" must end in .html, .htm or .json (an HTML or a JSON report)`);
}

/** Writes the report in the format its extension names. */
export function writeReport(file: string, tally: Tally, meta: ReportMeta): void {
  const text = reportFormat(file) === 'html' ? reportHtml(tally, meta) : `${JSON.stringify(reportJson(tally, meta), null, 2)}\n`;
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw fileError(`the report ${file}`, error, 'write');
  }
}
