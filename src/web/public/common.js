// Shared by the pages: building DOM safely (text, never HTML) and rendering decisions.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

export const STATUS_WORDS = {
  qualified: 'You meet the minimum qualifications',
  review: 'A person needs to check something before you can be confirmed',
  not_qualified: 'You do not meet the minimum qualifications yet',
};

/** One class's decision: status in plain words, each reason with the clause it applies, and gaps. */
export function renderDecision(decision, title) {
  const reasons = el('ul', {}, decision.reasons.map((r) => el('li', {}, r.message, r.clause ? el('blockquote', {}, `“${r.clause}”`) : null)));
  const gaps = decision.gaps.length
    ? [el('h4', {}, decision.status === 'review' ? 'What to check, or what would settle it' : `What you still need${decision.gaps.length > 1 ? ' (any one of these)' : ''}`), el('ul', { class: 'gaps' }, decision.gaps.map((g) => el('li', {}, g.message, g.clause ? el('blockquote', {}, `“${g.clause}”`) : null)))]
    : [];
  return el('section', { class: 'decision', 'data-class': decision.class, 'data-status': decision.status, 'aria-labelledby': `h-${decision.class}` },
    el('h3', { id: `h-${decision.class}` }, title ?? decision.class, ' ', el('a', { href: `/classes/${encodeURIComponent(decision.class)}` }, '(the class)')),
    el('p', { class: `status ${decision.status}` }, STATUS_WORDS[decision.status] ?? decision.status, ` — score ${decision.score} of 100`),
    el('h4', {}, 'Why'), reasons, ...gaps,
    el('p', { class: 'hint' }, `Rules version ${decision.rulesVersion}, as of ${decision.asOf}.`));
}

export async function classes() {
  const res = await fetch('/v1/classes');
  return (await res.json()).classes;
}

/** The ids and labels of the service's vocabularies (GET /v1/vocabularies), for building choices;
 * empty lists when they cannot be had, so a form falls back to letting qualify read the text. */
export async function vocabularies() {
  const empty = { categories: [], capacities: [], fieldFamilies: [], fields: [], degreeLevels: [], certificationCategories: [] };
  try {
    const res = await fetch('/v1/vocabularies');
    return res.ok ? { ...empty, ...(await res.json()) } : empty;
  } catch {
    return empty;
  }
}

/** `information technology` → `Information technology`: a data label as a choice reads. */
export const sentence = (label) => label.charAt(0).toUpperCase() + label.slice(1);
