import { el } from './common.js';
import { api, attempt, session, showErrors, signIn, STATUS_LABEL } from './recruiter.js';

const id = decodeURIComponent(location.pathname.split('/')[2]);
const base = `/v1/openings/${encodeURIComponent(id)}`;
const applicantUrl = (applicantId) => `/openings/${encodeURIComponent(id)}/applicants/${encodeURIComponent(applicantId)}`;
/** Outcomes shown a page at a time: an opening may hold tens of thousands. */
const PAGE = 200;
let listing = { counts: {}, total: 0, outcomes: [] };

function renderApplicants() {
  document.getElementById('applicants').replaceChildren(...listing.outcomes.map((r) => el('tr', { 'data-status': r.status },
    el('td', {}, el('a', { href: applicantUrl(r.applicant.id) }, r.applicant.ref || r.applicant.id)), el('td', {}, r.class), el('td', {}, STATUS_LABEL[r.status] ?? r.status), el('td', {}, r.score), el('td', {}, r.gap ?? ''))));
  const count = (status) => listing.counts[status] ?? 0;
  document.getElementById('counts').textContent = `Outcomes (one per applicant and class): ${count('qualified')} qualified, ${count('review')} to review, ${count('not_qualified')} not qualified. Showing ${listing.outcomes.length} of ${listing.total}.`;
  document.getElementById('more').hidden = listing.outcomes.length >= listing.total;
}

/** The outcomes of the status chosen, from the first (or, with `more`, the next page). */
async function loadOutcomes(more = false) {
  const status = document.getElementById('filter').value;
  const offset = more ? listing.outcomes.length : 0;
  const page = await attempt(() => api(`${base}/applicants?offset=${offset}&limit=${PAGE}${status ? `&status=${status}` : ''}`));
  if (!page) return;
  listing = { ...page, outcomes: more ? [...listing.outcomes, ...page.outcomes] : page.outcomes };
  renderApplicants();
}

function renderQueue(queue) {
  const box = document.getElementById('queue');
  if (queue.length === 0) return box.replaceChildren(el('p', {}, 'Nothing to review.'));
  box.replaceChildren(el('ul', { class: 'queue' }, queue.map((q) => el('li', {},
    el('a', { href: applicantUrl(q.applicant.id) }, q.applicant.ref || q.applicant.id), ` — ${q.class}: `,
    q.items.length === 1 ? '1 thing to check' : `${q.items.length} things to check`,
    el('ul', {}, q.items.map((item) => el('li', {}, item.messages[0])))))));
}

async function load() {
  if (!session()) return;
  const [opening, queue] = await Promise.all([api(base), api(`${base}/review`)]).catch((error) => (showErrors([{ message: error.message }]), []));
  if (!opening) return;
  document.getElementById('title').textContent = opening.title;
  document.title = `${opening.title} – qualify`;
  document.getElementById('facts').textContent = `Classes ${opening.classes.join(', ')}; closing date ${opening.asOf}; created by ${opening.createdBy}.`;
  renderQueue(queue.queue);
  await loadOutcomes();
}

async function download(path, accept, name) {
  const text = await attempt(() => api(path, { accept }));
  if (text === undefined) return;
  const a = el('a', { href: URL.createObjectURL(new Blob([text], { type: accept })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

document.getElementById('upload').addEventListener('submit', async (event) => {
  event.preventDefault();
  const csv = document.getElementById('csv').files[0];
  if (!csv) return showErrors([{ message: 'Choose the applicant CSV to add', field: 'csv' }]);
  const map = document.getElementById('map').files[0];
  const added = await attempt(async () => api(`${base}/uploads`, { method: 'POST', body: { csv: await csv.text(), ...(map ? { map: await map.text() } : {}) } }), 'csv');
  if (!added) return;
  document.getElementById('counts').textContent = `Added ${added.added} applicants.`;
  await load();
});

document.getElementById('rerate').addEventListener('click', async () => {
  const result = await attempt(() => api(`${base}/rerate`, { method: 'POST', body: { accept: false } }));
  if (result) showRerating(result);
});

function showRerating(r) {
  const box = document.getElementById('rerating');
  const changed = r.versions.filter((v) => v.before.some((b) => b !== v.now));
  const summary = el('p', {}, r.accepted ? `Recorded: ${r.changes.length} outcomes changed.` : `${r.evaluated} outcomes re-evaluated under ${changed.length ? changed.map((v) => `${v.class} ${v.now}`).join(', ') : 'the same rules'}: ${r.changes.length} would change.`);
  const list = el('ul', {}, r.changes.map((c) => el('li', {}, el('a', { href: applicantUrl(c.applicant.id) }, c.applicant.ref || c.applicant.id), ` — ${c.class}: ${STATUS_LABEL[c.from.status]} → ${STATUS_LABEL[c.to.status]}`,
    el('ul', {}, [...c.added.map((f) => el('li', {}, `now: ${f}`)), ...c.removed.map((f) => el('li', {}, `no longer: ${f}`))]))));
  const accept = r.accepted || r.changes.length === 0 ? null : el('button', { type: 'button', id: 'accept-rerate', onclick: async () => {
    const done = await attempt(() => api(`${base}/rerate`, { method: 'POST', body: { accept: true } }));
    if (done) {
      showRerating(done);
      await load();
    }
  } }, 'Accept the re-rating');
  box.replaceChildren(summary, list, accept ?? '');
}

document.getElementById('filter').addEventListener('change', () => loadOutcomes());
document.getElementById('more').addEventListener('click', () => loadOutcomes(true));
document.getElementById('records-json').addEventListener('click', (e) => (e.preventDefault(), download(`${base}/records`, 'application/json', `records-${id}.json`)));
document.getElementById('records-csv').addEventListener('click', (e) => (e.preventDefault(), download(`${base}/records`, 'text/csv', `records-${id}.csv`)));
document.getElementById('report').addEventListener('click', (e) => (e.preventDefault(), download(`${base}/report`, 'text/html', `report-${id}.html`)));
document.getElementById('session').replaceChildren(signIn(load));
await load();
