import { el } from './common.js';

const months = (m) => (m % 12 === 0 ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} months`);
const id = decodeURIComponent(location.pathname.split('/').pop());

function requirement(r) {
  const what = {
    education: () => `${months(r.months)} of post-secondary education${r.fields ? ` in ${r.fields.join(', ')}` : ', any field'}`,
    experience: () => `${months(r.months)} of experience${r.categories.length ? ` (${r.categories.join(' and ')})` : ''}${r.supervisory ? ', supervisory' : ''}${r.including.map((p) => `, of which ${months(p.months)} ${p.label}`).join('')}${r.minimumActualMonths ? `; at least ${months(r.minimumActualMonths)} must be actual experience` : ''}`,
    certification: () => `${r.count} current certification${r.count > 1 ? 's' : ''}: ${r.categories.join(' or ')}`,
    criteria: () => `${r.criteria.length} criteria assessed from the application`,
  }[r.kind]();
  const items = [el('h3', {}, r.label), el('p', {}, what), el('blockquote', {}, `“${r.clause}”`)];
  if (r.kind === 'criteria') {
    const sections = [...new Set(r.criteria.map((c) => c.section))];
    for (const s of sections) {
      items.push(el('h4', {}, s), el('ul', {}, r.criteria.filter((c) => c.section === s).map((c) => el('li', {}, el('strong', {}, c.importance === 'essential' ? 'Essential: ' : 'Desirable: '), c.text))));
    }
  }
  return el('section', {}, items);
}

function substitution(s) {
  const rate = s.from.kind === 'certification' ? `${months(s.monthsEach)} per certification` : s.step === 12 ? 'year-for-year' : 'month-for-month';
  return el('section', {}, el('h3', {}, s.label),
    el('p', {}, `Stands in for: ${s.to.join(' or ')}; ${rate}${s.maxMonths ? `, up to ${months(s.maxMonths)}` : ''}.${s.discretionary ? ' Discretionary: a person must accept it, so a profile that needs it goes to review.' : ''}`),
    el('blockquote', {}, `“${s.clause}”`));
}

const res = await fetch(`/v1/classes/${encodeURIComponent(id)}`);
const body = await res.json();
if (!res.ok) {
  document.getElementById('title').textContent = 'Class not found';
  document.getElementById('class').replaceChildren(el('p', {}, body.detail));
} else {
  document.title = `${body.title} – qualify`;
  document.getElementById('title').textContent = `${body.title}`;
  document.getElementById('class').replaceChildren(
    el('p', {}, `${body.jurisdiction}. Effective ${body.effective}. Source: ${body.source.document}. Rules version ${body.rulesVersion}.`),
    ...body.paths.flatMap((p) => [
      body.paths.length > 1 ? el('h2', {}, `Either: ${p.label}`) : el('h2', {}, 'Minimum qualifications'),
      ...p.requirements.map(requirement),
      ...(p.substitutions.length ? [el('h2', {}, 'Substitutions'), ...p.substitutions.map(substitution)] : []),
    ]),
    ...(body.preferred.length ? [el('h2', {}, 'Preferred (raise the score only)'), el('ul', {}, body.preferred.map((p) => el('li', {}, p.label, el('blockquote', {}, `“${p.clause}”`))))] : []),
  );
}
