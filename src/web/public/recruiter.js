// The recruiter pages' session: who acts and the API key, kept for this browser tab only
// (sessionStorage), sent with every call to the screening-record routes.
import { el } from './common.js';

const KEY = 'qualify.recruiter';

export const session = () => JSON.parse(sessionStorage.getItem(KEY) ?? 'null');

/** A problem answer from the service, as an Error whose message is its detail. */
export class ProblemError extends Error {
  constructor(problem) {
    super(problem.detail ?? problem.title ?? 'the request failed');
    this.problem = problem;
  }
}

/** A call to a recruiter route, as the signed-in reviewer; JSON in and out unless `accept` says otherwise. */
export async function api(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const { reviewer, key } = session() ?? {};
  const headers = { accept, ...(reviewer ? { 'x-reviewer': reviewer } : {}), ...(key ? { 'x-api-key': key } : {}) };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!res.ok) throw new ProblemError(await res.json().catch(() => ({ detail: `${res.status} ${res.statusText}` })));
  return accept === 'application/json' ? res.json() : res.text();
}

/** The error summary at the top of the page, each message linked to its field when it has one. */
export function showErrors(problems) {
  document.querySelectorAll('.field-error').forEach((e) => e.remove());
  document.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
  const box = document.getElementById('errors');
  if (problems.length === 0) return box.replaceChildren();
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, el('h2', {}, 'There is a problem'),
    el('ul', {}, problems.map(({ message, field }) => el('li', {}, field ? el('a', { href: `#${field}` }, message) : message))));
  box.replaceChildren(summary);
  for (const { message, field } of problems) {
    const wrap = field && document.getElementById(`${field}-field`);
    if (!wrap) continue;
    wrap.classList.add('has-error');
    wrap.querySelector('label, legend')?.after(el('p', { class: 'field-error' }, el('span', { class: 'visually-hidden' }, 'Error: '), message));
  }
  summary.focus();
}

/** The most of a problem's own errors listed under its summary (an upload may name hundreds of lines). */
const SHOWN_ERRORS = 20;

/** Runs `work`, showing a failure in the error summary (linked to `field` when given), with each
 * error the answer names (`line 3: job1_start: …`) under it. */
export async function attempt(work, field) {
  try {
    showErrors([]);
    return await work();
  } catch (error) {
    const errors = error.problem?.errors ?? [];
    const each = errors.slice(0, SHOWN_ERRORS).map(({ path, message }) => ({ message: message.startsWith(path) ? message : `${path}: ${message}` }));
    const more = errors.length > SHOWN_ERRORS ? [{ message: `and ${errors.length - SHOWN_ERRORS} more` }] : [];
    showErrors([{ message: error.message, field: error.problem?.code === 'QUAL_ERR_UNAUTHORIZED' ? 'key' : field }, ...each, ...more]);
    return undefined;
  }
}

/** The sign-in box: who acts (kept in every record they write) and the API key, if the service has keys. */
export function signIn(then) {
  const current = session();
  const form = el('form', { id: 'sign-in', novalidate: true, onsubmit: (event) => {
    event.preventDefault();
    const reviewer = document.getElementById('reviewer').value.trim();
    if (!reviewer) return showErrors([{ message: 'Enter your name or staff id: every record you write keeps it', field: 'reviewer' }]);
    sessionStorage.setItem(KEY, JSON.stringify({ reviewer, key: document.getElementById('key').value.trim() }));
    showErrors([]);
    then();
  } },
  el('div', { class: 'field', id: 'reviewer-field' }, el('label', { for: 'reviewer' }, 'Your name or staff id'), el('p', { class: 'hint', id: 'reviewer-hint' }, 'Kept with every action you take, in the applicants’ records.'),
    el('input', { type: 'text', id: 'reviewer', autocomplete: 'name', 'aria-describedby': 'reviewer-hint', value: current?.reviewer ?? '' })),
  el('div', { class: 'field', id: 'key-field' }, el('label', { for: 'key' }, 'API key (if your service needs one)'), el('input', { type: 'text', id: 'key', autocomplete: 'off', value: current?.key ?? '' })),
  el('button', { type: 'submit' }, current ? 'Change' : 'Sign in'));
  return el('details', { class: 'session', open: !current }, el('summary', {}, current ? `Signed in as ${current.reviewer}` : 'Sign in to the screening records'), form);
}

export const STATUS_LABEL = { qualified: 'Qualified', review: 'Review', not_qualified: 'Not qualified' };
export const when = (iso) => iso.replace('T', ' ').slice(0, 16);
