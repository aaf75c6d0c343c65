import { readDate } from './dates.ts';

/** A certification line of a résumé, read into names with their dates: "Cisco Certified Network
 * Associate (CCNA), 2016 - 2026", "CompTIA Security+ (exp. 2027)", "PMP (issued 2018, expires 2027)",
 * "CISSP, (ISC)², 2021 - 2027", and an application form's "Issue Date: 03/2020" and "Expiration
 * Date: 03/2026" under a name. A date range gives when it was issued and when it expires; a date
 * after "exp.", "expires", "expiration date" or "valid until" is the expiry; any other date is the
 * issue date. */

export interface CertificationDates {
  issued?: string;
  expires?: string;
}

/** One part of a line between separators: a name with its dates, or dates alone (which belong to
 * the name before them), or nothing readable. */
export interface CertificationPart {
  /** The name without its dates, or '' when the part holds dates alone. */
  name: string;
  dates: CertificationDates;
}

/** Certification names of a line: split at commas and semicolons, except inside parentheses
 * ("CCNA (Routing, Switching)"). A separator splits unless the next parenthesis after it closes one;
 * found by one pass from the end instead of a look-ahead read again from every separator. */
export function certificationParts(text: string): string[] {
  const closes: boolean[] = new Array(text.length + 1);
  closes[text.length] = false;
  for (let i = text.length - 1; i >= 0; i--) closes[i] = text[i] === ')' ? true : text[i] === '(' ? false : closes[i + 1]!;
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if ((text[i] === ';' || text[i] === ',') && !closes[i + 1]) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean);
}

// A date as certification lines write it: a year of 19xx or 20xx standing alone (so "220-1101" and
// "SY0-701" are codes, not dates), a month and year, MM/YYYY or YYYY-MM. Each part is bounded.
const YEAR = '(?:19|20)\\d\\d';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\\.?';
const DATE = `(?:${MONTH} ${YEAR}|\\d{1,2}/${YEAR}|${YEAR}-\\d\\d|${YEAR})(?![\\w/])`;
const EXPIRY = `(?:exp(?:ires|ired|iry|iration)?\\.?(?: date)?|valid (?:until|through|thru|to)|renew(?:s|al)? (?:by|due|date)|good through)`;
const ISSUE = `(?:issued|issue date|date (?:issued|earned|obtained|awarded|certified)|earned|obtained|awarded|achieved|passed|certified|since)`;
/** In order of strength: a range, a date said to be the expiry, one said to be the issue, any date. */
const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => CertificationDates]> = [
  [new RegExp(`(?<![\\w/-])(${DATE}) ?(?:-|–|—|to|until) ?(${DATE}|present|current)`, 'i'), (m) => ({ issued: m[1]!, expires: m[2]! })],
  [new RegExp(`\\b${EXPIRY}:? ?(?:on |in )?(${DATE})`, 'i'), (m) => ({ expires: m[1]! })],
  [new RegExp(`\\b${ISSUE}:? ?(?:on |in )?(${DATE})`, 'i'), (m) => ({ issued: m[1]! })],
  [new RegExp(`(?<![\\w/-])(${DATE})`, 'i'), (m) => ({ issued: m[1]! })],
];

/** Brackets holding nothing but separators once the dates are out, and the separators around a name. */
const EMPTY_BRACKETS = /\([\s,;:·|–—-]*\)/g;
const EDGES = /^[\s,;:·|–—-]+|[\s,;:·|–—-]+$/g;

/** The dates of one part and its name without them. Parts are short (a résumé reads names of up to
 * 120 characters), and each pattern is tried once per date found. */
export function readCertificationPart(text: string): CertificationPart {
  let rest = text.replace(/\s+/g, ' ');
  const dates: CertificationDates = {};
  for (const [pattern, read] of PATTERNS) {
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) {
      const found = read(m);
      const issued = found.issued && readDate(found.issued, 'start');
      const expires = found.expires && readDate(found.expires, 'end');
      if (issued && issued !== 'present' && !dates.issued) dates.issued = issued;
      if (expires && expires !== 'present' && !dates.expires) dates.expires = expires;
      rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    }
  }
  const name = rest.replace(EMPTY_BRACKETS, ' ').replace(EDGES, '').replace(/\s+/g, ' ');
  return { name: /[\p{L}\p{N}]/u.test(name) ? name : '', dates };
}
