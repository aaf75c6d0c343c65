import { classes, el, renderDecision } from './common.js';

const RANK = { qualified: 0, review: 1, not_qualified: 2, error: 3 };
let records = [];
let sort = { key: 'line', up: true };
let upload = null;
const titles = new Map();

const value = (id) => document.getElementById(id).value.trim();
const headers = (accept) => ({ 'content-type': 'text/csv', accept, ...(value('key') ? { 'x-api-key': value('key') } : {}) });
const url = () => `/v1/classes/${encodeURIComponent(value('class'))}/score${value('asOf') ? `?asOf=${encodeURIComponent(value('asOf'))}` : ''}`;

function showError(message, field) {
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, el('h2', {}, 'There is a problem'), el('ul', {}, el('li', {}, field ? el('a', { href: `#${field}` }, message) : message)));
  document.getElementById('errors').replaceChildren(summary);
  if (field) {
    document.getElementById(`${field}-field`)?.classList.add('has-error');
    document.getElementById(`${field}-field`)?.querySelector('label')?.after(el('p', { class: 'field-error' }, el('span', { class: 'visually-hidden' }, 'Error: '), message));
  }
  summary.focus();
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
  document.getElementById('errors').replaceChildren();
  document.querySelectorAll('.field-error').forEach((e) => e.remove());
  document.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
  upload = document.getElementById('file').files[0];
  if (!upload) return showError('Choose the applicant CSV to score', 'file');
  records = [];
  const progress = document.getElementById('progress');
  progress.textContent = 'Scoring…';
  const res = await fetch(url(), { method: 'POST', headers: headers('application/x-ndjson'), body: upload });
  if (!res.ok) {
    const problem = await res.json();
    progress.textContent = '';
    return showError(problem.detail, problem.code === 'QUAL_ERR_INVALID_OPTION' ? 'asOf' : problem.code === 'QUAL_ERR_UNAUTHORIZED' ? 'key' : undefined);
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
  const res = await fetch(url(), { method: 'POST', headers: headers('text/csv'), body: upload });
  download(`scored-${value('class')}.csv`, 'text/csv', await res.text());
});
document.getElementById('download-report').addEventListener('click', () => download(`report-${value('class')}.json`, 'application/json', JSON.stringify(summary(), null, 2)));

for (const c of await classes()) {
  titles.set(c.id, `${c.title} (${c.jurisdiction})`);
  document.getElementById('class').append(el('option', { value: c.id }, `${c.title} — ${c.jurisdiction}`));
}
