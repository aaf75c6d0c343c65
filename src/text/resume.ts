import type { Vocabulary } from '../vocab/vocabulary.ts';
import { findRange } from './dates.ts';

/** A best-effort reading of a pasted plain-text résumé into a profile (docs/profile.md). Everything it
 * extracts is marked `extracted: true` for a person to confirm; what it cannot read is listed. */

export interface Unread {
  line: number;
  text: string;
  why: string;
}

type Section = 'experience' | 'education' | 'certifications' | 'other';

const HEADINGS: Array<[RegExp, Section]> = [
  [/^(work |professional |employment |career )?(experience|history|employment)( history)?$/i, 'experience'],
  [/^(education|academic background|qualifications|education and training)$/i, 'education'],
  [/^(certifications?|licen[cs]es( (and|&) certifications?)?|certifications? (and|&) licen[cs]es|professional certifications?|credentials)$/i, 'certifications'],
  [/^(summary|profile|skills|technical skills|key skills|objective|references|interests|languages|projects|volunteering|awards)$/i, 'other'],
];

function heading(line: string): Section | null {
  const t = line.replace(/[:#*=_-]+$/g, '').replace(/^[#*=_\s-]+/, '').trim();
  if (t.length > 40) return null;
  for (const [re, section] of HEADINGS) if (re.test(t)) return section;
  return null;
}

const bullet = (line: string): string => line.replace(/^\s*([-•*·▪◦–]|\d+\.)\s*/, '').trim();
const isBullet = (line: string): boolean => /^\s*([-•*·▪◦–]|\d+\.)\s+/.test(line);

/** "Network Administrator, Metro Transit", "Metro Transit | Network Administrator", "Engineer at Acme". */
function titleAndEmployer(parts: string[]): { title: string; employer?: string } {
  // Markdown emphasis and stray separators ("**Cloud Engineer**", ": IT Manager") are layout, not words.
  const clean = (p: string) => p.replace(/[*_`]+/g, '').replace(/^[\s:,;|–—-]+|[\s:,;|–—-]+$/g, '').trim();
  const pieces = parts.flatMap((p) => p.split(/\s+(?:at|@)\s+|\s*[|,;]\s*|\s+[–—-]\s+/)).map(clean).filter((p) => p.length > 1);
  if (pieces.length === 0) return { title: '' };
  const [a, b] = pieces as [string, string | undefined];
  // An employer usually names an organisation; a title a role. Swap when the first looks like the employer.
  const org = /\b(inc|llc|ltd|corp|company|co|university|college|council|county|city|department|agency|bank|hospital|school|district|authority|services|group|plc|transit|board)\b/i;
  if (b && org.test(a) && !org.test(b)) return { title: b, employer: a };
  return b ? { title: a, employer: b } : { title: a };
}

export function extractResume(text: string, vocab: Vocabulary): { profile: Record<string, unknown>; unread: Unread[] } {
  const lines = text.split(/\r?\n/);
  const experience: Array<Record<string, unknown>> = [];
  const education: Array<Record<string, unknown>> = [];
  const certifications: Array<Record<string, unknown>> = [];
  const unread: Unread[] = [];
  let section: Section = 'other';
  let job: Record<string, unknown> | null = null;
  let pending: string[] = []; // lines above a date line: its title and employer

  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (!line) {
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
        if (!named.title) unread.push({ line: n, text: line, why: 'a date range without a job title' });
        experience.push(job);
        pending = [];
      } else if (job && (isBullet(raw) || pending.length >= 2)) {
        job.description = [job.description, bullet(line)].filter(Boolean).join('\n');
      } else {
        pending.push(line);
        if (pending.length > 2) {
          const dropped = pending.shift()!;
          if (!job) unread.push({ line: n - 2, text: dropped, why: 'not part of a job with dates' });
        }
      }
      return;
    }
    if (section === 'education') {
      const degree = readDegree(line, vocab);
      if (degree) education.push({ ...degree, extracted: true });
      else if (!/^\s*(gpa|honou?rs|coursework|thesis|dean)/i.test(line)) unread.push({ line: n, text: line, why: 'no degree level recognised' });
      return;
    }
    if (section === 'certifications') {
      for (const name of bullet(line).split(/\s*[;,]\s*(?![^()]*\))/).filter(Boolean)) {
        const clean = name.replace(/\((?:[^)]*)\)|\b(19|20)\d{2}\b|[-–—]\s*$/g, '').trim();
        const years = name.match(/\b(19|20)\d{2}\b/g);
        certifications.push({ name: clean, ...(years?.[0] ? { issued: years[0] } : {}), extracted: true });
        if (!vocab.matchCertification(clean)) unread.push({ line: n, text: name, why: 'certification not in the catalogue: kept, to confirm' });
      }
    }
  });
  return {
    profile: { id: 'resume', education, experience, certifications, extracted: { from: 'text', confirm: 'every entry marked extracted: true' } },
    unread,
  };
}

/** "B.S. in Computer Science, State University, 2012" → level, field and completed year. */
function readDegree(line: string, vocab: Vocabulary): Record<string, unknown> | null {
  const text = bullet(line);
  const parts = text.split(/\s*[|,;]\s*|\s+[–—-]\s+/).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const parsed = vocab.parseDegree(parts[i]!);
    if (!parsed.level || parsed.confidence < 1) continue;
    const field = parsed.field ?? (parts[i + 1] && !/\b(university|college|institute|school)\b/i.test(parts[i + 1]!) ? parts[i + 1] : undefined);
    const year = text.match(/\b(19|20)\d{2}\b(?!.*\b(19|20)\d{2}\b)/)?.[0];
    // Keep the level as written, without the field it names ("B.S. in Computer Science" → "B.S.").
    const part = parts[i]!;
    const level = parsed.field && part.endsWith(parsed.field) ? part.slice(0, -parsed.field.length).replace(/\s+(in|of)\s*$/i, '').replace(/[\s(,]+$/, '') : part;
    return { level, ...(field ? { field } : {}), ...(year ? { completed: year } : {}) };
  }
  return null;
}
