import { classes, el, renderDecision } from './common.js';

const RANK = { qualified: 0, review: 1, not_qualified: 2, error: 3 };
let records = [];
let sort = { key: 'line', up: true };
let upload = null;
/** The last preview: the map in effect, the columns as read, the problems, the first rows. */
let mapping = null;
const titles = new Map();
/** Bytes of the file sent for the preview: the header and first rows of any sane export. */
const HEAD = 1 << 20;

const value = (id) => document.getElementById(id).value.trim();
const key = () => (value('key') ? { 'x-api-key': value('key') } : {});
const url = () => `/v1/classes/${encodeURIComponent(value('class'))}/score${value('asOf') ? `?asOf=${encodeURIComponent(value('asOf'))}` : ''}`;
/** A column header as qualify matches it: ignoring case, spaces and punctuation. */
const loose = (name) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The map and the CSV as a form: the map first, as the CSV is read as it arrives. */
function form(map, csv) {
  const data = new FormData();
  if (map !== undefined) data.append('map', map);
  data.append('file', csv, upload.name);
  return data;
}

function clearErrors() {
  document.getElementById('errors').replaceChildren();
  document.querySelectorAll('.field-error').forEach((e) => e.remove());
  document.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
}

/** The error summary, each problem linked to its field when it has one. */
function showErrors(problems) {
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, el('h2', {}, 'There is a problem'),
    el('ul', {}, problems.map(({ message, field }) => el('li', {}, field ? el('a', { href: `#${field}` }, message) : message))));
  document.getElementById('errors').replaceChildren(summary);
  for (const { message, field } of problems) {
    if (!field) continue;
    const box = document.getElementById(`${field}-field`);
    box?.classList.add('has-error');
    box?.querySelector('label')?.after(el('p', { class: 'field-error' }, el('span', { class: 'visually-hidden' }, 'Error: '), message));
  }
  summary.focus();
}
const showError = (message, field) => showErrors([{ message, field }]);

/** A problem answer from the service, shown by the field it concerns. */
async function showProblem(res, fieldOf) {
  const problem = await res.json();
  showError(problem.detail, problem.code === 'QUAL_ERR_UNAUTHORIZED' ? 'key' : fieldOf(problem));
}

// ---- the mapping step ------------------------------------------------------------------------

const READ_WORDS = { read: 'read by its name', mapped: 'renamed by the map', 'self-reported': 'self-reported years of experience: review at best, never qualified alone', ignored: 'not read', unknown: 'unknown: choose what it is, or “Not read”' };
const GUESS_WORDS = { sure: 'suggested from its name: check it', demographic: 'self-identification: never read for scoring', personal: 'contact details: not read', question: 'a screening question: read it as self-reported years, or leave it out', unsure: 'no clear match' };

/** The map with one column's choice made: our column, `@ignore`, or `@self` (a self-reported answer). */
function withChoice(map, column, choice) {
  const next = structuredClone(map);
  const other = (name) => loose(name) !== loose(column.header);
  const keep = (table) => Object.fromEntries(Object.entries(table ?? {}).filter(([name]) => other(name)));
  next.columns = keep(next.columns);
  next.selfReported = keep(next.selfReported);
  next.ignore = (next.ignore ?? []).filter(other);
  if (choice === '@ignore') next.ignore.push(column.header);
  else if (choice === '@self') next.selfReported[column.header] = column.selfReported;
  else if (choice) next.columns[column.header] = choice;
  return next;
}

const choiceOf = (c) => (c.read === 'ignored' ? '@ignore' : c.read === 'self-reported' ? '@self' : c.as ?? '');

function describeProfile(p) {
  const education = (p.education ?? []).map((d) => `${d.level ?? '?'}${d.field ? ` in ${d.field}` : ''}${d.completed ? ` (${d.completed})` : ''}`);
  const experience = (p.experience ?? []).map((j) => `${j.selfReported ? 'self-reported' : j.title ?? 'a job'}: ${j.start ?? '?'} – ${j.end ?? 'present'}${j.supervisory ? ', supervisory' : ''}`);
  const certifications = (p.certifications ?? []).map((c) => (typeof c === 'string' ? c : c.name));
  return [education, experience, certifications].map((list) => (list.length ? list.join('; ') : '—'));
}

function renderMapping() {
  const { columns, targets, problems, rows, mapYaml } = mapping;
  document.getElementById('columns').replaceChildren(...columns.map((c, i) => {
    const select = el('select', { id: `column-${i}`, 'data-header': c.header, onchange: (e) => preview(JSON.stringify(withChoice(mapping.map, c, e.target.value))) },
      c.read === 'unknown' ? el('option', { value: '' }, 'Choose…') : null,
      el('option', { value: '@ignore' }, 'Not read'),
      el('option', { value: '@self' }, 'Self-reported years of experience'),
      targets.map((t) => el('option', { value: t }, t)));
    select.value = choiceOf(c);
    const note = [READ_WORDS[c.read], c.read !== 'read' && GUESS_WORDS[c.guess] ? GUESS_WORDS[c.guess] : null, c.nearest.length ? `nearest: ${c.nearest.join(', ')}` : null].filter(Boolean).join('; ');
    return el('tr', { 'data-read': c.read }, el('th', { scope: 'row' }, c.header),
      el('td', { id: `column-${i}-field`, class: c.read === 'unknown' ? 'has-error' : null }, el('label', { for: `column-${i}`, class: 'visually-hidden' }, `Read “${c.header}” as`), select),
      el('td', { class: c.read === 'unknown' ? 'problem' : null }, note));
  }));
  document.getElementById('map-problems').replaceChildren(problems.length === 0
    ? el('p', { class: 'hint' }, 'Every column is read or left out as shown: nothing stops scoring.')
    : el('p', { class: 'problem' }, `${problems.length} ${problems.length === 1 ? 'problem stops' : 'problems stop'} scoring: ${problems.map((p) => p.path).join(', ')}.`));
  document.getElementById('map-yaml').value = mapYaml;
  document.getElementById('preview').replaceChildren(...rows.map((r) => el('tr', {},
    el('td', {}, r.line), el('td', {}, r.id || '—'), ...describeProfile(r.profile).map((text) => el('td', {}, text)),
    el('td', { class: r.problems.length ? 'problem' : null }, r.problems.length ? r.problems.map((p) => `${p.path}: ${p.message}`).join('; ') : '—'))));
}

/** How the file will be read under `map` (JSON or YAML text; the suggested map when undefined). */
async function preview(map) {
  clearErrors();
  const section = document.getElementById('mapping');
  section.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch('/v1/exports/preview', { method: 'POST', headers: key(), body: form(map, upload.slice(0, HEAD)) });
    if (!res.ok) return await showProblem(res, (problem) => (problem.code === 'QUAL_ERR_INVALID_OPTION' && map !== undefined ? 'map-yaml' : 'file'));
    mapping = await res.json();
    const first = section.hidden;
    section.hidden = false;
    renderMapping();
    if (first) document.getElementById('mapping-heading').focus();
  } finally {
    section.removeAttribute('aria-busy');
  }
}

function render() {
  const shown = records
    .filter((r) => !value('filter') || r.status === value('filter'))
    .sort((a, b) => {
      const [x, y] = [a[sort.key], b[sort.key]];
      const order = sort.key === 'status' ? RANK[x] - RANK[y] : typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return sort.up ? order : -order;
    });
  document.getElementById('rows').replaceChildren(...shown.map((r) => el('tr', { tabindex: '0', 'data-status': r.status, onclick: () => detail(r), onkeydown: (e) => e.key === 'Enter' && detail(r) },
    el('td', {}, r.line), el('td', {}, r.id || '—'), el('td', {}, r.status.replace('_', ' ')), el('td', {}, r.status === 'error' ? '' : r.score), el('td', {}, r.status === 'error' ? r.error : (r.gaps[0]?.message ?? '')))));
}

function detail(r) {
  const box = document.getElementById('detail');
  box.replaceChildren(el('h2', { tabindex: '-1', id: 'detail-heading' }, `Applicant ${r.id || `on line ${r.line}`}`), r.status === 'error' ? el('p', { class: 'field-error' }, r.error) : renderDecision(r, titles.get(r.class)));
  document.getElementById('detail-heading').focus();
}

function download(name, type, content) {
  const a = el('a', { href: URL.createObjectURL(new Blob([content], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

function summary() {
  const counts = {};
  const gaps = {};
  for (const r of records) {
    counts[r.status] = (counts[r.status] ?? 0) + 1;
    for (const g of r.gaps ?? []) gaps[g.message] = (gaps[g.message] ?? 0) + 1;
  }
  const topGaps = Object.entries(gaps).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([gap, count]) => ({ gap, count }));
  return { class: value('class'), applicants: records.length, counts, topGaps };
}

document.getElementById('screen').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  upload = document.getElementById('file').files[0];
  if (!upload) return showError('Choose the applicant CSV to score', 'file');
  const saved = document.getElementById('mapfile').files[0];
  await preview(saved ? await saved.text() : undefined);
});

document.getElementById('apply-map').addEventListener('click', () => preview(document.getElementById('map-yaml').value));

document.getElementById('score').addEventListener('click', async () => {
  clearErrors();
  const stops = mapping.problems.map((p) => {
    const i = mapping.columns.findIndex((c) => c.header === p.path);
    return { message: `${p.path}: ${p.message}`, field: i >= 0 ? `column-${i}` : undefined };
  });
  if (stops.length > 0) return showErrors(stops);
  records = [];
  const progress = document.getElementById('progress');
  progress.textContent = 'Scoring…';
  const res = await fetch(url(), { method: 'POST', headers: { accept: 'application/x-ndjson', ...key() }, body: form(mapping.mapYaml, upload) });
  if (!res.ok) {
    progress.textContent = '';
    return showProblem(res, (problem) => (problem.code === 'QUAL_ERR_INVALID_OPTION' && /asOf/i.test(problem.detail) ? 'asOf' : undefined));
  }
  // Read the stream as it comes, so a large file shows progress.
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop();
    records.push(...lines.filter(Boolean).map((l) => JSON.parse(l)));
    progress.textContent = `Scored ${records.length} applicants…`;
  }
  const counts = summary().counts;
  const errors = counts.error ?? 0;
  progress.textContent = `Scored ${records.length} applicants: ${counts.qualified ?? 0} qualified, ${counts.review ?? 0} to review, ${counts.not_qualified ?? 0} not qualified, ${errors} ${errors === 1 ? 'row' : 'rows'} with errors.`;
  document.getElementById('table').hidden = false;
  render();
});

document.getElementById('filter').addEventListener('change', render);
document.querySelectorAll('[data-sort]').forEach((b) => b.addEventListener('click', () => {
  sort = { key: b.dataset.sort, up: sort.key === b.dataset.sort ? !sort.up : true };
  render();
}));
document.getElementById('download-csv').addEventListener('click', async () => {
  const res = await fetch(url(), { method: 'POST', headers: { accept: 'text/csv', ...key() }, body: form(mapping.mapYaml, upload) });
  download(`scored-${value('class')}.csv`, 'text/csv', await res.text());
});
document.getElementById('download-map').addEventListener('click', () => download(`${upload.name.replace(/\.[^.]*$/, '')}.map.yaml`, 'application/yaml', mapping.mapYaml));
document.getElementById('download-report').addEventListener('click', () => download(`report-${value('class')}.json`, 'application/json', JSON.stringify(summary(), null, 2)));

for (const c of await classes()) {
  titles.set(c.id, `${c.title} (${c.jurisdiction})`);
  document.getElementById('class').append(el('option', { value: c.id }, `${c.title} — ${c.jurisdiction}`));
}
