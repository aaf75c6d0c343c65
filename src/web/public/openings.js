import { classes, el } from './common.js';
import { api, attempt, session, showErrors, signIn } from './recruiter.js';

async function list() {
  if (!session()) return;
  const result = await attempt(() => api('/v1/openings'));
  if (!result) return;
  const box = document.getElementById('openings');
  if (result.openings.length === 0) return box.replaceChildren(el('p', {}, 'No opening yet: create one below.'));
  box.replaceChildren(el('table', {}, el('caption', { class: 'visually-hidden' }, 'Openings, newest first'),
    el('thead', {}, el('tr', {}, ['Opening', 'Classes', 'Closing date', 'Applicants'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, result.openings.map((o) => el('tr', {},
      el('td', {}, el('a', { href: `/openings/${encodeURIComponent(o.id)}` }, o.title)), el('td', {}, o.classes.join(', ')), el('td', {}, o.asOf), el('td', {}, o.applicants))))));
}

document.getElementById('create').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value.trim();
  const chosen = [...document.querySelectorAll('#classes input:checked')].map((c) => c.value);
  const problems = [
    ...(value('title') ? [] : [{ message: 'Enter the title of the opening', field: 'title' }]),
    ...(chosen.length ? [] : [{ message: 'Choose at least one class', field: 'classes' }]),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(value('asOf')) ? [] : [{ message: 'Enter the closing date as YYYY-MM-DD, for example 2026-03-31', field: 'asOf' }]),
    ...(session() ? [] : [{ message: 'Sign in first: the record keeps who created the opening', field: 'reviewer' }]),
  ];
  if (problems.length) return showErrors(problems);
  const opening = await attempt(() => api('/v1/openings', { method: 'POST', body: { title: value('title'), classes: chosen, asOf: value('asOf'), ...(value('groupBy') ? { groupBy: value('groupBy') } : {}) } }));
  if (opening) location.assign(`/openings/${encodeURIComponent(opening.id)}`);
});

document.getElementById('session').replaceChildren(signIn(() => location.reload()));
for (const c of await classes()) {
  document.getElementById('classes').append(el('label', {}, el('input', { type: 'checkbox', value: c.id }), `${c.title} — ${c.jurisdiction}`));
}
await list();
