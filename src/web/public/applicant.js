import { el, renderDecision } from './common.js';
import { api, attempt, session, showErrors, signIn, STATUS_LABEL, when } from './recruiter.js';

const [, , openingId, , applicantId] = location.pathname.split('/').map(decodeURIComponent);
const base = `/v1/openings/${encodeURIComponent(openingId)}`;
const url = `${base}/applicants/${encodeURIComponent(applicantId)}`;
document.getElementById('back').href = `/openings/${encodeURIComponent(openingId)}`;

/** The latest evaluation of each class: the outcome now. */
function outcomes(events) {
  const latest = new Map();
  for (const e of events) if (e.type === 'evaluation' && (latest.get(e.class)?.seq ?? -1) < e.seq) latest.set(e.class, e);
  return [...latest.values()];
}

function historyLine(e) {
  if (e.type === 'review') return el('li', {}, `${when(e.at)} — ${e.by} ${e.action === 'confirm' ? 'confirmed' : 'rejected'} “${e.item}” for ${e.class}: `, el('q', {}, e.reason));
  const cause = { upload: 'decided on upload', review: 'decided again after the review', rerate: 're-rated' }[e.cause] ?? e.cause;
  return el('li', {}, `${when(e.at)} — ${e.class}: ${cause}, rules ${e.rulesVersion}, as of ${e.asOf}: ${STATUS_LABEL[e.status] ?? e.status} (score ${e.score}), by ${e.by}`);
}

/** One item to check, with a reason and the two verdicts. */
function itemForm(entry, item, n) {
  const reasonId = `reason-${n}`;
  const verdict = (action) => async () => {
    const reason = document.getElementById(reasonId).value.trim();
    if (!reason) return showErrors([{ message: 'Say why, in a sentence: the record keeps it', field: reasonId }]);
    const done = await attempt(() => api(`${url}/review`, { method: 'POST', body: { class: entry.class, item: item.key, action, reason } }), reasonId);
    if (done) await load();
  };
  return el('li', { class: 'review-item', 'data-item': item.key },
    el('p', {}, `${entry.class}: `, item.messages.join(' ')), item.clause ? el('blockquote', {}, `“${item.clause}”`) : null,
    el('div', { class: 'field', id: `${reasonId}-field` }, el('label', { for: reasonId }, 'Why (kept in the record)'), el('textarea', { id: reasonId, rows: 2 })),
    el('button', { type: 'button', onclick: verdict('confirm') }, 'Confirm'), el('button', { type: 'button', class: 'secondary', onclick: verdict('reject') }, 'Reject'));
}

async function load() {
  if (!session()) return;
  const [record, queue] = await Promise.all([api(url), api(`${base}/review`)]).catch((error) => (showErrors([{ message: error.message }]), []));
  if (!record) return;
  const name = record.applicant.ref ?? `an erased applicant (${record.applicant.id})`;
  document.getElementById('title').textContent = `Applicant ${name}`;
  document.title = `Applicant ${name} – qualify`;
  const mine = queue.queue.filter((q) => q.applicant.id === applicantId);
  let n = 0;
  document.getElementById('review').replaceChildren(mine.length === 0
    ? el('p', {}, 'Nothing to review.')
    : el('ul', { class: 'queue' }, mine.flatMap((entry) => entry.items.map((item) => itemForm(entry, item, n++)))));
  document.getElementById('outcomes').replaceChildren(...(record.applicant.erasedAt
    ? [el('p', {}, `Erased on ${when(record.applicant.erasedAt)} by ${record.applicant.erasedBy}.`)]
    : outcomes(record.events).map((e) => renderDecision(e.decision))));
  document.getElementById('history').replaceChildren(...record.events.map(historyLine));
  document.getElementById('erase').hidden = record.applicant.erasedAt !== null;
}

document.getElementById('erase').addEventListener('click', async () => {
  if (!confirm('Erase this applicant’s profile and findings? This cannot be undone.')) return;
  if (await attempt(() => api(url, { method: 'DELETE' }))) await load();
});
document.getElementById('session').replaceChildren(signIn(load));
await load();
