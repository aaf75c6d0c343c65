import type { Vocabulary } from '../vocab/vocabulary.ts';
import { LIMITS } from '../profile/schema.ts';
import { certificationParts, readCertificationPart, type CertificationDates } from './certification-lines.ts';
import { readingOrder } from './columns.ts';
import { experienceReader } from './jobs.ts';
import { bullet, oneSpace, SPACE, strip } from './layout.ts';
import { unreadList, type Unread, type UnreadList } from './unread.ts';

/** A best-effort reading of a pasted plain-text résumé into a profile (docs/profile.md). Everything it
 * extracts is marked `extracted: true` for a person to confirm; what it cannot read is listed. */

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
  [/^(certifi(cations?|cates?)|licen[cs]es( (and|&) certifi(cations?|cates?))?|certifi(cations?|cates?) (and|&) licen[cs]es|professional certifi(cations?|cates?)|credentials)$/i, 'certifications'],
  [/^(summary|profile|skills|technical skills|key skills|objective|references|interests|languages|projects|volunteering|awards|contact|contact details|personal details)$/i, 'other'],
];

function heading(line: string): Section | null {
  // Underlines and marks around a heading ("SKILLS:", "## Education", "Experience ----").
  const t = strip(strip(line, ':#*=_-', 'end'), `#*=_-${SPACE}`, 'start').trim();
  if (t.length > 40) return null;
  for (const [re, section] of HEADINGS) if (re.test(t)) return section;
  return null;
}

type Entry = Record<string, unknown>;

/** Whether a name may still be looked up in the vocabularies (fuzzy matching costs by the character); counts it once. */
function lookupBudget(characters: number): (name: string) => boolean {
  const looked = new Set<string>();
  let used = 0;
  return (name) => {
    if (looked.has(name)) return true;
    if (used + name.length > characters) return false;
    looked.add(name);
    used += name.length;
    return true;
  };
}

/** Certifications: names with their dates; dates alone belong to the name before them, on the line
 * or the line above ("Issued Mar 2020 · Expires Mar 2026" under a LinkedIn entry). */
function certificationReader(B: ResumeBounds, log: UnreadList, vocab: Vocabulary, lookup: (name: string) => boolean) {
  const certifications: Entry[] = [];
  let last: Entry | null = null;
  const date = (entry: Entry, dates: CertificationDates): void => {
    for (const k of ['issued', 'expires'] as const) if (dates[k] && entry[k] === undefined) entry[k] = dates[k];
  };
  return {
    certifications,
    line(line: string, n: number): void {
      // An application form's label before the name ("Certificate: ITIL Foundation").
      const named = bullet(line).replace(/^(?:certificate|certification|licen[cs]e)(?: name)?\s*:\s*/i, '');
      for (const text of certificationParts(named.replace(/ · /g, ', '))) {
        if (text.length > B.name) {
          log.note(n, text, `longer than ${B.name} characters for a certification name: not read`);
          continue;
        }
        const { name, dates } = readCertificationPart(text);
        // The issuer beside a name ("CISSP, (ISC)², 2021 - 2027") names nothing more.
        if (name && vocab.isIssuer(name)) continue;
        if (!name) {
          if (last) date(last, dates);
          else log.note(n, text, 'dates without a certification name: not read');
          continue;
        }
        if (certifications.length >= B.entries) {
          log.leave('certifications', n, text);
          continue;
        }
        if (!lookup(name)) {
          log.leave('lookups', n, text);
          continue;
        }
        last = { name, ...dates, extracted: true };
        certifications.push(last);
        if (!vocab.matchCertification(name)) log.note(n, text, 'certification not in the catalogue: kept, to confirm');
      }
    },
    reset(): void {
      last = null;
    },
  };
}

/** `bounds` replaces some of RESUME_BOUNDS (tests lift the line limit to read the patterns on long lines). */
export function extractResume(text: string, vocab: Vocabulary, bounds: Partial<ResumeBounds> = {}): { profile: Record<string, unknown>; unread: Unread[] } {
  const B: ResumeBounds = { ...RESUME_BOUNDS, ...bounds };
  const log = unreadList(B);
  const lookup = lookupBudget(B.lookups);
  const experience = experienceReader(B.entries, log);
  const certifications = certificationReader(B, log, vocab, lookup);
  const education: Entry[] = [];
  // A line too long to read is set aside before the columns are found, so no pattern reads it.
  const lines = text.split(/\r?\n/).map((line, i) => {
    if (line.length <= B.line) return line;
    log.note(i + 1, line.trim(), `a line of ${line.trim().length} characters, longer than ${B.line}: not read`);
    return '';
  });
  for (const column of readingOrder(lines, (t) => heading(t) !== null)) {
    let section: Section = 'other';
    experience.reset();
    certifications.reset();
    for (const { n, text: raw } of column) {
      const line = raw.trim();
      if (!line) {
        experience.close();
        continue;
      }
      // A heading alone on its line; or before what it heads ("Certifications: CCNA, PMP"), starting its
      // section there, but for "Skills: …" and the like under a job, which stay part of the job.
      const h = heading(line);
      const [, named, rest] = h ? [] : (/^([^:]{3,40}):\s*(\S.*)$/.exec(line) ?? []);
      const inline = named === undefined ? null : heading(named);
      const opens = inline !== null && inline !== 'other' && inline !== section;
      if (h || opens) {
        section = (h ?? inline)!;
        experience.reset();
        certifications.reset();
      }
      if (h) continue;
      if (section === 'experience') experience.line(opens ? rest! : raw, n);
      else if (section === 'education') readEducation(opens ? rest! : line, n, education, { B, log, vocab, lookup });
      else if (section === 'certifications') certifications.line(opens ? rest! : line, n);
    }
  }
  experience.end();
  return {
    profile: { id: 'resume', education, experience: experience.jobs, certifications: certifications.certifications, extracted: { from: 'text', confirm: 'every entry marked extracted: true' } },
    unread: log.list(),
  };
}

function readEducation(line: string, n: number, education: Entry[], { B, log, vocab, lookup }: { B: ResumeBounds; log: UnreadList; vocab: Vocabulary; lookup: (name: string) => boolean }): void {
  // Years alone under a degree ("2012 - 2016", "2011 to 2013", as LinkedIn and Indeed write them): when it was completed.
  const last = education.at(-1);
  if (/^(?:\d|\s|[–—/.-]|to\b)+$/i.test(line) && last && last.completed === undefined) {
    const year = line.match(YEARS)?.at(-1);
    if (year) {
      last.completed = year;
      return;
    }
  }
  // The field on a line of its own under a degree that names none ("Major: Computer Information Systems", as USAJOBS writes it).
  const major = /^(?:major|field of study)\s*:\s*(\S.*)$/i.exec(line)?.[1];
  if (major && last && last.field === undefined && major.length <= LIMITS.shortText) {
    last.field = major;
    return;
  }
  if (education.length >= B.entries) return log.leave('education', n, line);
  // An application form's label before the degree ("Degree: Bachelor's Degree").
  const degree = readDegree(line.replace(/^degree(?: earned| type| level)?\s*:\s*/i, ''), vocab, B.name, lookup);
  if (degree === 'left out') log.leave('lookups', n, line);
  else if (degree) education.push({ ...degree, extracted: true });
  else if (!/^\s*(gpa|honou?rs|coursework|thesis|dean)/i.test(line)) log.note(n, line, 'no degree level recognised');
}

const YEARS = /\b(?:19|20)\d{2}\b/g;
const TRAILING_DATES = /(?:\s*[(–—-]?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+|\d{1,2}\/)?(?:19|20)\d\d\)?)+$/i;
/** A part that is a place of study or a date, not a field ("State University", "2014", "May 2014"). */
const NOT_A_FIELD = /\b(university|college|institute|school|academy|polytechnic)\b|^[\W\d]*(?:[a-z]{3,9}\.? )?(?:19|20)\d\d[\W\d]*$/i;

/** "B.S. in Computer Science, State University, 2012" → level, field and completed year; 'left out'
 * when a part would have been looked up past the budget. */
function readDegree(line: string, vocab: Vocabulary, longest: number, lookup: (name: string) => boolean): Entry | null | 'left out' {
  const text = oneSpace(bullet(line));
  const parts = text.split(/ ?[|,;] ?| [–—-] /).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    // A date after the degree ("MBA 2018", "MBA (May 2018)") is the year read below, not its field.
    const part = parts[i]!.replace(TRAILING_DATES, '');
    if (!part || part.length > longest) continue;
    if (!lookup(part)) return 'left out';
    const parsed = vocab.parseDegree(part);
    if (!parsed.level || parsed.confidence < 1) continue;
    // A field written in the part ("B.S. in Computer Science") wins; then one written after it
    // ("BBA, Accounting"); then the field the level implies (an MBA's Business Administration).
    const written = parsed.field && part.endsWith(parsed.field) ? parsed.field : null;
    // The level again, abbreviated, before the field ("Bachelor of Science - BS, Informatics") names no field.
    const again = parts[i + 1] !== undefined && parts[i + 1]!.length <= 12 && vocab.parseDegree(parts[i + 1]!).level === parsed.level;
    const next = parts[i + (again ? 2 : 1)];
    const after = next && next.length <= LIMITS.shortText && !NOT_A_FIELD.test(next) ? next : null;
    const field = written ?? after ?? parsed.field;
    const year = text.match(YEARS)?.at(-1); // the last year of the line
    // Keep the level as written, without the field it names ("B.S. in Computer Science" → "B.S.").
    const level = written ? strip(part.slice(0, -written.length).replace(/ (in|of) ?$/i, ''), ` (,${SPACE}`, 'end') : part;
    return { level, ...(field ? { field } : {}), ...(year ? { completed: year } : {}) };
  }
  return null;
}
