import { classes, el, renderDecision, sentence, vocabularies } from './common.js';

// The kinds of work and capacities offered are the service's own vocabularies (data/*.yaml), so a
// category or capacity added there is a choice here with no change to this page.
const vocab = await vocabularies();

const form = document.getElementById('selfcheck');
const counters = { degree: 0, job: 0, certification: 0 };
const titles = new Map();

function text(id, label, hint, attrs = {}) {
  return el('div', { class: 'field', id: `${id}-field` },
    el('label', { for: id }, label),
    hint ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    el('input', { type: 'text', id, name: id, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}), ...attrs }));
}

function removeButton(fieldset, what) {
  return el('button', { type: 'button', class: 'secondary', onclick: () => fieldset.remove() }, `Remove this ${what}`);
}

function addDegree() {
  const i = counters.degree++;
  const fs = el('fieldset', { 'data-degree': i }, el('legend', {}, `Degree ${i + 1}`),
    text(`education-${i}-level`, 'Level', 'For example B.S., Bachelor of Arts, MBA, Ph.D., Associate'),
    text(`education-${i}-field`, 'Field of study', 'For example Computer Science, History'),
    el('div', { class: 'inline' },
      el('label', {}, el('input', { type: 'checkbox', id: `education-${i}-foreign` }), 'From outside the country'),
      el('label', {}, el('input', { type: 'checkbox', id: `education-${i}-evaluated` }), 'A credential evaluation confirms it')));
  fs.append(removeButton(fs, 'degree'));
  document.getElementById('degrees').append(fs);
}

/** A group of checkboxes, one per vocabulary term; the first box carries the group's id, so an
 * error summary's link lands on it. `extra` choices follow the terms. */
function choices(name, legend, hint, terms, extra = []) {
  if (terms.length === 0) return null;
  const boxes = [...terms.map((t) => ({ value: t.id, label: sentence(t.label) })), ...extra].map((c, k) =>
    el('label', {}, el('input', { type: 'checkbox', name, value: c.value, ...(k === 0 ? { id: name } : {}), ...(c.attrs ?? {}) }), c.label));
  return el('fieldset', { class: 'choices', id: `${name}-field`, ...(hint ? { 'aria-describedby': `${name}-hint` } : {}) },
    el('legend', {}, legend), hint ? el('p', { class: 'hint', id: `${name}-hint` }, hint) : null, ...boxes);
}

/** The capacities a job was held in. The yes/no/"read it from the duties" supervision question is
 * replaced by this control, of which `supervisory` is one choice among the vocabulary's capacities:
 * "yes" is ticking it (sent as `capacities: ["supervisory"]`, what `supervisory: true` means),
 * "no" is "None of these" (sent as `capacities: []`, what `supervisory: false` with no other
 * capacity means), and nothing ticked leaves `capacities` out so qualify reads them from the title
 * and duties, as the third answer did. "None of these" excludes the other boxes, and they it. */
function capacityChoices(i) {
  const name = `experience-${i}-capacities`;
  const fieldset = choices(name, 'In what capacity did you do this job? For example, did you supervise or manage staff?',
    'Tick each that applies, or “None of these”. Leave them all empty to let qualify read it from the title and duties.',
    vocab.capacities, [{ value: '', label: 'None of these', attrs: { 'data-none': true } }]);
  fieldset?.addEventListener('change', (event) => {
    if (!event.target.checked) return;
    const none = event.target.hasAttribute('data-none');
    fieldset.querySelectorAll(`input[name="${name}"]`).forEach((box) => { if (box !== event.target && box.hasAttribute('data-none') !== none) box.checked = false; });
  });
  return fieldset;
}

function addJob() {
  const i = counters.job++;
  const fs = el('fieldset', { 'data-job': i }, el('legend', {}, `Job ${i + 1}`),
    text(`experience-${i}-title`, 'Job title'),
    text(`experience-${i}-employer`, 'Employer'),
    text(`experience-${i}-start`, 'Start', 'For example 2015-01', { class: 'short' }),
    text(`experience-${i}-end`, 'End', 'Empty if you still work here', { class: 'short' }),
    text(`experience-${i}-hoursPerWeek`, 'Hours per week', '40 when empty', { class: 'short', inputmode: 'numeric' }),
    capacityChoices(i),
    choices(`experience-${i}-categories`, 'Kind of work', 'Tick each that applies. Leave them all empty to let qualify read it from the title and duties.', vocab.categories),
    el('div', { class: 'field', id: `experience-${i}-description-field` }, el('label', { for: `experience-${i}-description` }, 'Duties'), el('textarea', { id: `experience-${i}-description` })));
  fs.append(removeButton(fs, 'job'));
  document.getElementById('jobs').append(fs);
}

function addCertification() {
  const i = counters.certification++;
  const fs = el('fieldset', { 'data-certification': i }, el('legend', {}, `Certification ${i + 1}`),
    text(`certifications-${i}-name`, 'Name', 'For example CCNA, PMP, AWS Certified Solutions Architect – Associate'),
    text(`certifications-${i}-issued`, 'Issued (optional)', 'For example 2021-06', { class: 'short' }),
    text(`certifications-${i}-expires`, 'Expires (optional)', 'For example 2028-06', { class: 'short' }));
  fs.append(removeButton(fs, 'certification'));
  document.getElementById('certifications').append(fs);
}

const value = (id) => document.getElementById(id)?.value.trim() ?? '';

/** The form as a profile; indices follow the fieldsets on the page, so errors map back. */
function profileOf() {
  const profile = { id: 'self-check', education: [], experience: [], certifications: [] };
  const fieldIds = new Map();
  document.querySelectorAll('[data-degree]').forEach((fs) => {
    const i = fs.dataset.degree;
    if (!value(`education-${i}-level`) && !value(`education-${i}-field`)) return;
    fieldIds.set(`education[${profile.education.length}]`, `education-${i}`);
    profile.education.push({ level: value(`education-${i}-level`), ...(value(`education-${i}-field`) ? { field: value(`education-${i}-field`) } : {}), foreign: document.getElementById(`education-${i}-foreign`).checked, evaluated: document.getElementById(`education-${i}-evaluated`).checked });
  });
  document.querySelectorAll('[data-job]').forEach((fs) => {
    const i = fs.dataset.job;
    if (!value(`experience-${i}-title`) && !value(`experience-${i}-start`)) return;
    fieldIds.set(`experience[${profile.experience.length}]`, `experience-${i}`);
    const ticked = (name) => [...fs.querySelectorAll(`input[name="experience-${i}-${name}"]:checked`)];
    const categories = ticked('categories').map((c) => c.value);
    const capacities = ticked('capacities');
    const hours = value(`experience-${i}-hoursPerWeek`);
    profile.experience.push({
      title: value(`experience-${i}-title`), employer: value(`experience-${i}-employer`) || undefined, start: value(`experience-${i}-start`), end: value(`experience-${i}-end`) || null,
      ...(hours ? { hoursPerWeek: Number(hours) } : {}),
      // Stated only when the applicant said so; otherwise qualify infers them and shows how.
      ...(capacities.length ? { capacities: capacities.filter((c) => !c.hasAttribute('data-none')).map((c) => c.value) } : {}),
      ...(categories.length ? { categories } : {}),
      description: value(`experience-${i}-description`) || undefined,
    });
  });
  document.querySelectorAll('[data-certification]').forEach((fs) => {
    const i = fs.dataset.certification;
    if (!value(`certifications-${i}-name`)) return;
    fieldIds.set(`certifications[${profile.certifications.length}]`, `certifications-${i}`);
    const dates = Object.fromEntries(['issued', 'expires'].map((d) => [d, value(`certifications-${i}-${d}`)]).filter(([, v]) => v));
    profile.certifications.push({ name: value(`certifications-${i}-name`), ...dates });
  });
  if (value('statement')) profile.statement = value('statement');
  return { profile, fieldIds };
}

function clearErrors() {
  document.getElementById('errors').replaceChildren();
  document.querySelectorAll('.field-error').forEach((e) => e.remove());
  document.querySelectorAll('.has-error').forEach((e) => e.classList.remove('has-error'));
}

/** `profile.experience[0].end` → the input `experience-<n>-end` of that job on the page. */
function inputFor(path, fieldIds) {
  const m = /^profile\.(education|experience|certifications)\[(\d+)\]\.?(\w*)/.exec(path);
  if (m) return `${fieldIds.get(`${m[1]}[${m[2]}]`)}-${m[3] || (m[1] === 'certifications' ? 'name' : m[1] === 'education' ? 'level' : 'start')}`;
  return path === 'asOf' ? 'asOf' : path.replace(/^profile\./, '');
}

function showErrors(problem, fieldIds) {
  const items = (problem.errors?.length ? problem.errors : [{ path: '', message: problem.detail }]).map((e) => {
    const id = inputFor(e.path, fieldIds);
    const field = document.getElementById(`${id}-field`) ?? document.getElementById(id)?.closest('.field');
    if (field) {
      field.classList.add('has-error');
      field.querySelector('label, legend')?.after(el('p', { class: 'field-error', id: `${id}-error` }, el('span', { class: 'visually-hidden' }, 'Error: '), e.message));
    }
    return el('li', {}, field ? el('a', { href: `#${id}` }, `${field.querySelector('label, legend')?.textContent ?? e.path}: ${e.message}`) : e.message);
  });
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' }, el('h2', {}, 'There is a problem'), el('ul', {}, items));
  document.getElementById('errors').replaceChildren(summary);
  summary.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const { profile, fieldIds } = profileOf();
  const body = { profile, ...(value('asOf') ? { asOf: value('asOf') } : {}), ...(value('class') ? { classes: [value('class')] } : {}) };
  const res = await fetch('/v1/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const results = document.getElementById('results');
  if (!res.ok) {
    results.replaceChildren();
    showErrors(await res.json(), fieldIds);
    return;
  }
  const { decisions } = await res.json();
  results.replaceChildren(el('h2', { tabindex: '-1', id: 'results-heading' }, 'Your results'), ...decisions.map((d) => renderDecision(d, titles.get(d.class))));
  document.getElementById('results-heading').focus();
});

/** Fills the form from a pasted résumé (POST /v1/profiles/extract); the applicant checks each entry. */
async function prefill() {
  const status = document.getElementById('prefill-status');
  const res = await fetch('/v1/profiles/extract', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: value('resume') });
  const body = await res.json();
  if (!res.ok) {
    status.textContent = body.detail;
    return;
  }
  const { profile, unread } = body;
  // Start the numbering again, so the filled-in entries read "Job 1", "Job 2"…
  counters.degree = counters.job = counters.certification = 0;
  for (const [list, add, container] of [[profile.education, addDegree, 'degrees'], [profile.experience, addJob, 'jobs'], [profile.certifications, addCertification, 'certifications']]) {
    document.getElementById(container).replaceChildren();
    for (let k = 0; k < Math.max(1, list.length); k++) add();
  }
  const set = (id, v) => { if (v !== undefined && v !== null) document.getElementById(id).value = v; };
  const first = (attr) => [...document.querySelectorAll(`[${attr}]`)].map((fs) => fs.getAttribute(attr));
  profile.education.forEach((d, k) => { const i = first('data-degree')[k]; set(`education-${i}-level`, d.level); set(`education-${i}-field`, d.field); });
  profile.experience.forEach((j, k) => {
    const i = first('data-job')[k];
    set(`experience-${i}-title`, j.title); set(`experience-${i}-employer`, j.employer); set(`experience-${i}-start`, j.start);
    set(`experience-${i}-end`, j.end === 'present' ? '' : j.end); set(`experience-${i}-hoursPerWeek`, j.hoursPerWeek); set(`experience-${i}-description`, j.description);
  });
  profile.certifications.forEach((c, k) => {
    const i = first('data-certification')[k];
    set(`certifications-${i}-name`, c.name); set(`certifications-${i}-issued`, c.issued); set(`certifications-${i}-expires`, c.expires);
  });
  const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const filled = [count(profile.experience.length, 'job', 'jobs'), count(profile.education.length, 'degree', 'degrees'), count(profile.certifications.length, 'certification', 'certifications')];
  status.textContent = `Filled in ${filled[0]}, ${filled[1]} and ${filled[2]}. Please check them.${unread.length ? ` Not read: ${unread.map((u) => u.text).join('; ')}.` : ''}`;
}

document.getElementById('prefill-button').addEventListener('click', prefill);
document.getElementById('add-degree').addEventListener('click', addDegree);
document.getElementById('add-job').addEventListener('click', addJob);
document.getElementById('add-certification').addEventListener('click', addCertification);
addDegree();
addJob();
addCertification();
for (const c of await classes()) {
  titles.set(c.id, `${c.title} (${c.jurisdiction})`);
  document.getElementById('class').append(el('option', { value: c.id }, `${c.title} — ${c.jurisdiction}`));
}
