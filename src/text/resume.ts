import type { Vocabulary } from '../vocab/vocabulary.ts';
import { LIMITS } from '../profile/schema.ts';
import { findRange } from './dates.ts';

/** A best-effort reading of a pasted plain-text résumé into a profile (docs/profile.md). Everything it
 * extracts is marked `extracted: true` for a person to confirm; what it cannot read is listed. */

export interface Unread {
  line: number;
  text: string;
  why: string;
}

type Section = 'experience' | 'education' | 'certifications' | 'other';

/** What extraction reads and returns is bounded, so its cost and its answer grow at most linearly
 * with the text and a profile it returns passes the profile schema's limits (src/profile/schema.ts). */
export interface ResumeBounds {
  line: number;
  entries: number;
  shown: number;
  name: number;
  lookups: number;
}

export const RESUME_BOUNDS: Readonly<ResumeBounds> = {
  /** A longer line is not read (no heading, date, degree or certification in it): listed as unread. */
  line: 2_000,
  /** Entries per list of the profile, and lines listed as unread (the last saying how many more). */
  entries: LIMITS.listEntries,
  /** Characters of a line quoted in `unread`. */
  shown: 200,
  /** A degree part or certification name longer than this names nothing in the vocabularies. */
  name: 120,
  /** Characters of names looked up in the vocabularies (fuzzy matching costs tens of µs a character):
   * past it, further degree and certification lines are listed as left out. Repeats are free. */
  lookups: 6_000,
};

const HEADINGS: Array<[RegExp, Section]> = [
  [/^(work |professional |employment |career )?(experience|history|employment)( history)?$/i, 'experience'],
  [/^(education|academic background|qualifications|education and training)$/i, 'education'],
  [/^(certifications?|licen[cs]es( (and|&) certifications?)?|certifications? (and|&) licen[cs]es|professional certifications?|credentials)$/i, 'certifications'],
  [/^(summary|profile|skills|technical skills|key skills|objective|references|interests|languages|projects|volunteering|awards)$/i, 'other'],
];

/** `text` without the characters of `chars` at its start and end, by hand: a pattern such as
 * `[-:]+$` reads a run of them again from each of its characters. */
function strip(text: string, chars: string, where: 'both' | 'start' | 'end' = 'both'): string {
  let from = 0;
  let to = text.length;
  if (where !== 'end') while (from < to && chars.includes(text[from]!)) from++;
  if (where !== 'start') while (to > from && chars.includes(text[to - 1]!)) to--;
  return text.slice(from, to);
}
/** The characters `\s` matches. */
const SPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** Runs of spaces as one space, which keeps every `\s+` and `\s*` of the patterns below to one character. */
const oneSpace = (text: string): string => text.replace(/\s+/g, ' ');
const cut = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

function heading(line: string): Section | null {
  // Underlines and marks around a heading ("SKILLS:", "## Education", "Experience ----").
  const t = strip(strip(line, ':#*=_-', 'end'), `#*=_-${SPACE}`, 'start').trim();
  if (t.length > 40) return null;
  for (const [re, section] of HEADINGS) if (re.test(t)) return section;
  return null;
}

// Anchored, one character class repeated on each side of one mark: linear.
const bullet = (line: string): string => line.replace(/^\s*([-•*·▪◦–]|\d+\.)\s*/, '').trim();
const isBullet = (line: string): boolean => /^\s*([-•*·▪◦–]|\d+\.)\s+/.test(line);

/** "Network Administrator, Metro Transit", "Metro Transit | Network Administrator", "Engineer at Acme". */
function titleAndEmployer(parts: string[]): { title: string; employer?: string } {
  // Markdown emphasis and stray separators ("**Cloud Engineer**", ": IT Manager") are layout, not words.
  const clean = (p: string) => strip(p.replace(/[*_`]+/g, ''), `:,;|–—-${SPACE}`).trim();
  const pieces = parts.flatMap((p) => oneSpace(p).split(/ (?:at|@) | ?[|,;] ?| [–—-] /)).map(clean).filter((p) => p.length > 1);
  if (pieces.length === 0) return { title: '' };
  const [a, b] = pieces as [string, string | undefined];
  // An employer usually names an organisation; a title a role. Swap when the first looks like the employer.
  const org = /\b(inc|llc|ltd|corp|company|co|university|college|council|county|city|department|agency|bank|hospital|school|district|authority|services|group|plc|transit|board)\b/i;
  if (b && org.test(a) && !org.test(b)) return { title: b, employer: a };
  return b ? { title: a, employer: b } : { title: a };
}

/** Certification names of a line: split at commas and semicolons, except inside parentheses
 * ("CCNA (Routing, Switching)"). A separator splits unless the next parenthesis after it closes one;
 * found by one pass from the end instead of a look-ahead read again from every separator. */
function certificationNames(text: string): string[] {
  const closes: boolean[] = new Array(text.length + 1);
  closes[text.length] = false;
  for (let i = text.length - 1; i >= 0; i--) closes[i] = text[i] === ')' ? true : text[i] === '(' ? false : closes[i + 1]!;
  const names: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if ((text[i] === ';' || text[i] === ',') && !closes[i + 1]) {
      names.push(text.slice(from, i));
      from = i + 1;
    }
  }
  names.push(text.slice(from));
  return names.map((n, i) => strip(n, SPACE, i === 0 ? 'end' : i === names.length - 1 ? 'start' : 'both')).filter(Boolean);
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /\w/.test(c);
/** At `i` a year 19xx or 20xx standing as a word. */
const yearAt = (text: string, i: number): boolean =>
  /^(19|20)\d\d$/.test(text.slice(i, i + 4)) && !isWordChar(text[i - 1]) && !isWordChar(text[i + 4]);
const YEARS = /\b(?:19|20)\d{2}\b/g;

/** A certification's name without what is in parentheses, years, and a dash at its end: what
 * `\((?:[^)]*)\)|\b(19|20)\d{2}\b|[-–—]\s*$` removes, in one pass (that pattern reads the rest of
 * the text again from every unclosed parenthesis). */
function certificationName(text: string): string {
  const close: number[] = new Array(text.length + 1);
  close[text.length] = -1;
  for (let i = text.length - 1; i >= 0; i--) close[i] = text[i] === ')' ? i : close[i + 1]!;
  const last = text.trimEnd().length - 1;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '(' && close[i + 1]! > 0) i = close[i + 1]! + 1;
    else if (yearAt(text, i)) i += 4;
    else if ((c === '-' || c === '–' || c === '—') && i >= last) break;
    else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** `bounds` replaces some of RESUME_BOUNDS (tests lift the line limit to read the patterns on long lines). */
export function extractResume(text: string, vocab: Vocabulary, bounds: Partial<ResumeBounds> = {}): { profile: Record<string, unknown>; unread: Unread[] } {
  const B: ResumeBounds = { ...RESUME_BOUNDS, ...bounds };
  const lines = text.split(/\r?\n/);
  const experience: Array<Record<string, unknown>> = [];
  const education: Array<Record<string, unknown>> = [];
  const certifications: Array<Record<string, unknown>> = [];
  const unread: Unread[] = [];
  let unreadLeftOut = 0;
  const note = (line: number, text: string, why: string): void => {
    if (unread.length < B.entries) unread.push({ line, text: cut(text, B.shown), why });
    else unreadLeftOut += 1;
  };
  /** What was left out past a limit: how many, and the first one's line and text. */
  const none = () => ({ count: 0, line: 0, text: '' });
  const leftOut = { experience: none(), education: none(), certifications: none(), lookups: none(), duties: none() };
  const leave = (what: keyof typeof leftOut, line: number, text: string): void => {
    const l = leftOut[what];
    if (l.count++ === 0) Object.assign(l, { line, text });
  };
  const looked = new Set<string>();
  let lookedChars = 0;
  /** Whether a name may still be looked up in the vocabularies; counts it once. */
  const lookup = (name: string): boolean => {
    if (looked.has(name)) return true;
    if (lookedChars + name.length > B.lookups) return false;
    looked.add(name);
    lookedChars += name.length;
    return true;
  };
  let section: Section = 'other';
  let job: Record<string, unknown> | null = null;
  let listed = false; // whether the job is in the list (not left out past its limit)
  const duties = new Map<Record<string, unknown>, { lines: string[]; length: number }>();
  let pending: string[] = []; // lines above a date line: its title and employer

  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (!line) {
      pending = [];
      return;
    }
    if (line.length > B.line) {
      note(n, line, `a line of ${line.length} characters, longer than ${B.line}: not read`);
      pending = [];
      return;
    }
    const h = heading(line);
    if (h) {
      section = h;
      job = null;
      pending = [];
      return;
    }
    if (section === 'experience') {
      const range = isBullet(raw) ? null : findRange(line);
      if (range) {
        const named = titleAndEmployer([...pending, range.rest].filter((p) => p.trim()));
        job = { ...named, start: range.start, end: range.end, extracted: true };
        pending = [];
        listed = experience.length < B.entries;
        if (!listed) return leave('experience', n, line); // its duties go with it
        for (const key of ['title', 'employer'] as const) {
          const value = named[key];
          if (value && value.length > LIMITS.shortText) {
            job[key] = value.slice(0, LIMITS.shortText);
            note(n, line, `a job ${key} longer than ${LIMITS.shortText} characters: cut`);
          }
        }
        if (!named.title) note(n, line, 'a date range without a job title');
        experience.push(job);
      } else if (job && (isBullet(raw) || pending.length >= 2)) {
        if (!listed) return;
        const duty = bullet(line);
        let d = duties.get(job);
        if (!d) duties.set(job, (d = { lines: [], length: 0 }));
        if (!duty) return;
        // Lines joined by a newline: the description stays within the profile's limit for it.
        if (d.length + duty.length + (d.lines.length > 0 ? 1 : 0) > LIMITS.longText) leave('duties', n, line);
        else {
          d.length += duty.length + (d.lines.length > 0 ? 1 : 0);
          d.lines.push(duty);
        }
      } else {
        pending.push(line);
        if (pending.length > 2) {
          const dropped = pending.shift()!;
          if (!job) note(n - 2, dropped, 'not part of a job with dates');
        }
      }
      return;
    }
    if (section === 'education') {
      if (education.length >= B.entries) return leave('education', n, line);
      const degree = readDegree(line, vocab, B.name, lookup);
      if (degree === 'left out') leave('lookups', n, line);
      else if (degree) education.push({ ...degree, extracted: true });
      else if (!/^\s*(gpa|honou?rs|coursework|thesis|dean)/i.test(line)) note(n, line, 'no degree level recognised');
      return;
    }
    if (section === 'certifications') {
      for (const name of certificationNames(bullet(line))) {
        if (certifications.length >= B.entries) {
          leave('certifications', n, name);
          continue;
        }
        if (name.length > B.name) {
          note(n, name, `longer than ${B.name} characters for a certification name: not read`);
          continue;
        }
        const clean = certificationName(name).trim();
        if (!lookup(clean)) {
          leave('lookups', n, name);
          continue;
        }
        const years = name.match(YEARS);
        certifications.push({ name: clean, ...(years?.[0] ? { issued: years[0] } : {}), extracted: true });
        if (!vocab.matchCertification(clean)) note(n, name, 'certification not in the catalogue: kept, to confirm');
      }
    }
  });
  for (const [entry, d] of duties) entry.description = d.lines.join('\n');
  // What was left out past a limit is said last, in entries of its own, so the cut of the unread list cannot hide it.
  const why = {
    experience: `more jobs than a profile lists (${B.entries}), left out`,
    education: `more degrees than a profile lists (${B.entries}), left out`,
    certifications: `more certifications than a profile lists (${B.entries}), left out`,
    lookups: `degree and certification names are looked up for at most ${B.lookups} characters, not read`,
    duties: `a job's description holds at most ${LIMITS.longText} characters, duties left out`,
  };
  const said = (Object.keys(why) as Array<keyof typeof why>)
    .filter((what) => leftOut[what].count > 0)
    .map((what) => ({ line: leftOut[what].line, text: cut(leftOut[what].text, B.shown), why: `${why[what]}: this and ${leftOut[what].count - 1} more` }));
  const room = B.entries - said.length;
  if (unread.length + unreadLeftOut > room) {
    const hidden = unread.length + unreadLeftOut - room + 1;
    const last = unread[room - 1]!;
    unread.splice(room - 1, unread.length, { ...last, why: `${last.why}; ${hidden - 1} more after this one not listed: the list holds at most ${B.entries}` });
  }
  unread.push(...said);
  return {
    profile: { id: 'resume', education, experience, certifications, extracted: { from: 'text', confirm: 'every entry marked extracted: true' } },
    unread,
  };
}

/** "B.S. in Computer Science, State University, 2012" → level, field and completed year; 'left out'
 * when a part would have been looked up past the budget. */
function readDegree(line: string, vocab: Vocabulary, longest: number, lookup: (name: string) => boolean): Record<string, unknown> | null | 'left out' {
  const text = oneSpace(bullet(line));
  const parts = text.split(/ ?[|,;] ?| [–—-] /).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.length > longest) continue;
    if (!lookup(part)) return 'left out';
    const parsed = vocab.parseDegree(part);
    if (!parsed.level || parsed.confidence < 1) continue;
    const next = parts[i + 1];
    const field = parsed.field ?? (next && next.length <= LIMITS.shortText && !/\b(university|college|institute|school)\b/i.test(next) ? next : undefined);
    const year = text.match(YEARS)?.at(-1); // the last year of the line
    // Keep the level as written, without the field it names ("B.S. in Computer Science" → "B.S.").
    const level = parsed.field && part.endsWith(parsed.field) ? strip(part.slice(0, -parsed.field.length).replace(/ (in|of) ?$/i, ''), ` (,${SPACE}`, 'end') : part;
    return { level, ...(field ? { field } : {}), ...(year ? { completed: year } : {}) };
  }
  return null;
}
