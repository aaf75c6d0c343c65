import { el, vocabularies } from './common.js';

const months = (m) => (m % 12 === 0 ? `${m / 12} year${m === 12 ? '' : 's'}` : `${m} months`);
const id = decodeURIComponent(location.pathname.split('/').pop());

const vocab = await vocabularies();
/** Vocabulary ids as people read them, from the service's own vocabularies. */
const names = (list, ids) => ids.map((id) => list.find((x) => x.id === id)?.label ?? list.find((x) => x.id === id)?.name ?? id);
const fieldNames = (ids) => names([...vocab.fieldFamilies, ...vocab.fields], ids).join(', ');
const hours = (h, system = 'semester') => `${h} ${system} credit hour${h === 1 ? '' : 's'}`;

function experience(r) {
  const kind = r.categories.length ? ` (${names(vocab.categories, r.categories).join(' and ')})` : ' in any field';
  const capacity = r.capacities.length ? `, in a ${names(vocab.capacities, r.capacities).join(', ')} capacity` : '';
  const excluded = r.exclude.length ? `, not counting ${names(vocab.categories, r.exclude).join(' or ')}` : '';
  return `${months(r.months)} of${r.fullTimeOnly ? ' full-time' : ''} experience${kind}${capacity}${excluded}`;
}

function requirement(r) {
  const subjects = (x) => `${x.fields ? ` in ${fieldNames(x.fields)}` : ''}${x.exclude?.length ? ` (not counting ${fieldNames(x.exclude)})` : ''}`;
  const what = {
    education: () => `${months(r.months)} of post-secondary education${r.fields ? ` in ${fieldNames(r.fields)}` : ', any field'}`,
    experience: () => `${experience(r)}${r.including.map((p) => `, of which ${experience(p)}`).join('')}${r.minimumActualMonths ? `; at least ${months(r.minimumActualMonths)} must be actual experience` : ''}`,
    credential: () => `Holds: ${names(vocab.degreeLevels, [r.level])[0]}${r.orHigher ? ' or higher' : ''}${r.fields ? ` in ${fieldNames(r.fields)}` : ''}`,
    credits: () => `${hours(r.hours, r.system)}${subjects(r)}${r.including.map((p) => `, including ${hours(p.hours, r.system)}${subjects(p)}`).join('')}`,
    training: () => `${r.hours} hours of training${subjects(r)}`,
    certification: () => `${r.count} current certification${r.count > 1 ? 's' : ''}: ${[...names(vocab.certificationCategories, r.categories), ...r.certifications].join(' or ')}`,
    condition: () => 'A condition a person decides: a profile that meets everything else goes to review.',
    criteria: () => `${r.criteria.length} criteria assessed from the application`,
  }[r.kind]?.() ?? r.kind;
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
  const rate = s.from.kind === 'certification' ? `${months(s.monthsEach)} per certification`
    : s.rate ? `${months(s.rate.months)} for every ${s.rate.hours} ${s.from.kind === 'credits' ? 'credit' : 'training'} hours`
    : s.step === 12 ? 'year-for-year' : 'month-for-month';
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
