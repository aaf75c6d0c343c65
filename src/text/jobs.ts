import { endsBeforeStart, parsePartialDate } from '../profile/dates.ts';
import { LIMITS } from '../profile/schema.ts';
import type { NumberedLine } from './columns.ts';
import { findRange, readDate } from './dates.ts';
import { bullet, indentOf, isBullet, oneSpace, SPACE, strip } from './layout.ts';
import type { UnreadList } from './unread.ts';

/** What LinkedIn writes beside an employer and a date range ("Acme · Full-time", "· 5 yrs 9 mos"),
 * the label before dates on an application form ("Dates: 01/2018 - Present", "From: 07/2019 To: …"),
 * and a federal pay plan, series and grade ("GS-2210-12"). */
const NOT_A_NAME = /^(full[- ]time|part[- ]time|contract|contractor|self[- ]employed|freelance|internship|seasonal|temporary|apprenticeship|\d+ (yrs?|mos?)( \d+ mos?)?|from|dates?(?: of employment| employed)?|employment dates|(?:GS|GG|GM|WG|WS|NH|NT|ZP|ZA)[- ]?\d{1,4}(?:[- ]\d{1,2})?)$/i;

/** The state or province after a place ("City of Springfield, IL"): where, not who. */
const REGION = /^(A[BKLRZ]|BC|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ABDEINOST]|N[BCDEHJLMSTUVY]|O[HKNR]|P[AE]|QC|RI|S[CDK]|T[NX]|UT|V[AT]|W[AIVY]|YT)$/;

/** The title and employer pieces of lines: split at tabs and wide gaps (word-processor columns),
 * "·", "at", "@", "|", ",", ";" and spaced dashes; emphasis marks and stray separators
 * ("**Cloud Engineer**", ": IT Manager") are layout, not words, and a state after a place (", IL"),
 * or a city and its state after a dash, names neither. */
function namePieces(parts: readonly string[]): string[] {
  const clean = (p: string) => strip(p.replace(/[*_`]+/g, ''), `:,;|·–—-${SPACE}`).trim();
  return parts
    .map((p) => p.trim().replace(CITY_AFTER_DASH, (city, state: string) => (REGION.test(state) ? '' : city)).replace(CITY_AFTER_ORG, (where, state: string, at: number, line: string) => (REGION.test(state) && isOrg(line.slice(0, at)) ? '' : where)))
    .flatMap((p) => p.split(/\t+| {3,}| · /))
    .flatMap((p) => oneSpace(p).split(/ (?:at|@) | ?[|,;·] ?| [–—-] /))
    .map(clean)
    .filter((p) => p.length > 1 && !NOT_A_NAME.test(p) && !REGION.test(p));
}

/** Words that name an organisation rather than a role; and words that do at the end of a name
 * ("Social Security Administration", "U.S. Census Bureau") but not in a role ("Director of
 * Administration", "Systems Administration Lead"). */
const ORG = /\b(inc|llc|ltd|corp|corporation|company|co|university|college|council|county|city|department|agency|bank|hospital|school|schools|district|authority|services|group|plc|transit|board)\b/i;
const ORG_END = /(?<!\bof )\b(administration|commission|bureau)$/i;
const isOrg = (name: string): boolean => ORG.test(name) || ORG_END.test(name);

/** A city and state after a spaced dash ("Dell Technologies - Round Rock, TX"): where, not who. */
const CITY_AFTER_DASH = / [-–—] [A-Z][\w .'-]*, ?([A-Z]{2})$/;

/** A city and state after an organisation ("Department of Homeland Security, Washington, DC"). */
const CITY_AFTER_ORG = /, [A-Z][\w .'-]*, ?([A-Z]{2})$/;

/** Where a job was, on the line under its dates, as LinkedIn writes it ("Seattle, Washington,
 * United States · Remote"): neither a name nor a duty. */
const PLACE = /^(?:[A-Z][\w .'-]*, )+(?:United States|USA|Canada|United Kingdom|UK|Australia|[A-Z]{2}(?: (?:United States|USA|US))?)(?: · (?:Remote|Hybrid|On-site))?$|^(?:Remote|Hybrid|On-site)$/;

/** The labels that name a job. */
const NAMING = /title|employer|agency|company|organi[sz]ation/;

/** Hours per week written beside a job's dates or title ("40 hours per week", "24 hrs/week"). */
const HOURS = /\b(\d{1,3})\s*(?:hours|hrs)\s*(?:per|a|\/)\s*(?:week|wk)\b/i;
/** Pay written beside a job's dates ("$98,000 per year"): not a name. */
const PAY = /\$\s?[\d,.]+(?:\s*(?:per|a|\/)\s*(?:year|yr|annum|hour|hr))?/gi;
/** Full or part time beside a title ("Program Analyst (part-time, …)"): not part of the name. */
const TIME = /\b(?:full|part)[- ]time\b/gi;
/** A job's dates on two labelled lines ("Start Date: 04/2017", "End Date: Present"). */
const DATE_LABEL = /^(start(?:ing)? date|date started|end(?:ing)? date|date ended)\s*:\s*(\S.*)$/i;
/** A federal pay plan, series and grade alone on a line ("GS-2210-14"): names nothing. */
const GRADE = /^(?:GS|GG|GM|WG|WS|NH|NT|ZP|ZA)[- ]?\d{1,4}(?:[- ]\d{1,2})?$/i;

/** A city and its state alone on a line, as USAJOBS writes where a job was ("San Antonio, TX United States"). */
const CITY = /^[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*, [A-Z]{2}(?: (?:United States|USA|US))?$/;

/** Labelled lines of a job, as USAJOBS and application forms write them ("Job Title: IT Specialist",
 * "Hours per week: 40", "Salary: 72,000 USD Per Year", "Grade Level: GS-12"): the title, employer and
 * hours are read, the rest is set aside (listed as unread), and none is a duty. A duties label heads
 * the duties or holds one. A title or employer before a job's dates, or after its duties, names the
 * job whose dates follow. */
const JOB_FIELD = /^(hours(?: per week)?|(?:job |position )?title|employer|agency(?:\/company)?|company(?: name)?|organi[sz]ation|number of (?:employees|staff|people) supervised|reason for leaving|salary|grade(?: level)?|series|pay plan|supervisor(?:'s)?(?: name| phone)?|(?:okay|may we) to contact (?:this|your) supervisor\??|(?:duties|duties, accomplishments and related skills|duties and accomplishments))\s*:\s*(.*)$/i;

/** The employer on the line under a date line that named only the title ("City of Austin, Austin,
 * TX"): an organisation's name, or a name with its state; a duty written without a bullet is neither. */
function employerBelow(line: string): string | null {
  const pieces = namePieces([line]);
  const state = /,\s*([A-Z]{2})\s*$/.exec(line)?.[1];
  return pieces.length > 0 && pieces.length <= 3 && (isOrg(pieces[0]!) || (state !== undefined && REGION.test(state))) ? pieces[0]! : null;
}

/** A title alone on its line, under an employer's date line: one short name, not an organisation's,
 * not a sentence. */
function titleBelow(line: string): string | null {
  const pieces = namePieces([line]);
  return pieces.length === 1 && pieces[0]!.length <= 60 && !isOrg(pieces[0]!) && !/[.!?]$/.test(line) ? pieces[0]! : null;
}

/** "Network Administrator, Metro Transit", "Metro Transit | Network Administrator", "Engineer at Acme". */
function titleAndEmployer(pieces: readonly string[]): { title: string; employer?: string } {
  if (pieces.length === 0) return { title: '' };
  const [a, b] = pieces as [string, string | undefined];
  // An employer usually names an organisation; a title a role. Swap when the first looks like the employer.
  if (b && isOrg(a) && !isOrg(b)) return { title: b, employer: a };
  return b ? { title: a, employer: b } : { title: a };
}

/** A job named by the lines about its dates and by labels: a labelled title or employer wins, and
 * what the lines named is then the other one. */
function withLabels(named: { title: string; employer?: string }, labels: { title?: string; employer?: string }): { title: string; employer?: string } {
  const { title, employer } = labels;
  if (title && employer) return { title, employer };
  if (title) return named.title && named.title !== title ? { title, employer: named.employer ?? named.title } : { title };
  if (employer) return { title: named.title === employer ? '' : named.title, employer };
  return named;
}

/** Jobs: a line with a date range opens one, named by its own words or by the lines above it;
 * bullets, indented lines and runs of lines under it are its duties. */
export function experienceReader(entries: number, log: UnreadList) {
  const jobs: Array<Record<string, unknown>> = [];
  const duties = new Map<Record<string, unknown>, { lines: string[]; length: number }>();
  let job: Record<string, unknown> | null = null;
  let listed = false; // whether the job is in the list (not left out past its limit)
  let opener = { indent: 0, bullet: false }; // the line that opened the job
  let pending: NumberedLine[] = []; // lines above a date line: its title and employer, or duties of the job above
  let opened = false; // whether the lines read since the job's dates are all its labelled lines
  let labelled = false; // whether the job has labelled lines (an application form's layout)
  let untitled: NumberedLine | null = null; // the date line of the job, while its title may still come from a label
  let started: (NumberedLine & { date: string | null }) | null = null; // a labelled start date, waiting for its end date

  function addDuty(n: number, line: string): void {
    if (!job) return log.note(n, line, 'not part of a job with dates');
    if (!listed) return;
    const duty = bullet(line);
    if (!duty) return;
    let d = duties.get(job);
    if (!d) duties.set(job, (d = { lines: [], length: 0 }));
    // Lines joined by a newline: the description stays within the profile's limit for it.
    const length = d.length + duty.length + (d.lines.length > 0 ? 1 : 0);
    if (length > LIMITS.longText) return log.leave('duties', n, line);
    d.length = length;
    d.lines.push(duty);
  }

  /** Lines no date line took as its title: duties of the job above, or unread. */
  function settle(lines: readonly NumberedLine[]): void {
    for (const l of lines) addDuty(l.n, l.text);
  }

  /** The labelled lines held above a date line, taken out of what is held: the title and employer
   * that name the job, and the others (its hours), read once it is open. */
  function takeLabels(): { title?: string; employer?: string; others: NumberedLine[] } {
    const labels: { title?: string; employer?: string; others: NumberedLine[] } = { others: [] };
    pending = pending.filter((p) => {
      const m = JOB_FIELD.exec(p.text);
      if (!m) return true;
      if (NAMING.test(m[1]!.toLowerCase())) labels[/title$/i.test(m[1]!) ? 'title' : 'employer'] = m[2]!.trim();
      else labels.others.push(p);
      return false;
    });
    return labels;
  }

  /** Whether a held line is a labelled title or employer: the next job is being described. */
  const naming = (p: NumberedLine): boolean => NAMING.test(JOB_FIELD.exec(p.text)?.[1]?.toLowerCase() ?? '');

  /** The job is over: one that no line or label named is listed. */
  function finish(): void {
    if (job && untitled && !job.title) log.note(untitled.n, untitled.text, 'a date range without a job title');
    untitled = null;
    job = null;
  }

  function open(range: NonNullable<ReturnType<typeof findRange>>, n: number, line: string, at: { indent: number; bullet: boolean }): void {
    // Where the job was, above its dates ("Austin, TX United States" under the employer), names nothing.
    pending = pending.filter((p) => !CITY.test(p.text) || isOrg(p.text));
    const labels = takeLabels();
    // Hours and pay beside the dates ("10/2019 – Present | 40 hours per week | $98,000 per year").
    const hours = Number(HOURS.exec(range.rest)?.[1]);
    const rest = range.rest.replace(HOURS, ' ').replace(PAY, ' ').replace(TIME, ' ');
    // A line naming its own title and employer takes nothing from above; otherwise the nearest lines do.
    const own = namePieces([rest]);
    const last = pending.at(-1);
    const used = own.length >= 2 ? [] : own.length === 1 ? pending.slice(-1) : last && namePieces([last.text]).length >= 2 ? [last] : pending.slice(-2);
    settle(pending.slice(0, pending.length - used.length));
    pending = [];
    finish();
    if (range.end !== 'present' && endsBeforeStart(parsePartialDate(range.start)!, parsePartialDate(range.end)!)) {
      return log.note(n, line, 'a date range that ends before it starts: not read');
    }
    // Named by two lines above ("ACME Corporation, Austin" over "Systems Engineer"), each line names
    // one of the two by its first piece; the rest (a city) is where.
    const pieces = used.length === 2 ? used.flatMap((u) => namePieces([u.text]).slice(0, 1)) : namePieces([...used.map((u) => u.text), rest]);
    const named = withLabels(titleAndEmployer(pieces), labels);
    // The employer's place is kept, for one read from the line below (written in this order).
    job = { title: named.title, employer: named.employer, start: range.start, end: range.end, extracted: true };
    if (hours > 0 && hours <= LIMITS.hoursPerWeek) job.hoursPerWeek = hours;
    opener = at;
    listed = jobs.length < entries;
    if (!listed) return log.leave('experience', n, line); // its duties go with it
    for (const key of ['title', 'employer'] as const) {
      const value = named[key];
      if (value && value.length > LIMITS.shortText) {
        job[key] = value.slice(0, LIMITS.shortText);
        log.note(n, line, `a job ${key} longer than ${LIMITS.shortText} characters: cut`);
      }
    }
    if (!named.title) untitled = { n, text: line };
    jobs.push(job);
    opened = true;
    labelled = false;
    for (const other of labels.others) {
      const m = JOB_FIELD.exec(other.text)!;
      readField(m[1]!.toLowerCase(), m[2]!.trim(), other.n, other.text);
    }
  }

  /** "Start Date: 04/2017" is held; the "End Date: Present" after it opens the job, as a date range would. */
  function labelledDate(start: boolean, value: string, n: number, line: string, at: { indent: number; bullet: boolean }): void {
    if (start) {
      unstarted();
      started = { n, text: line, date: readDate(value, 'start') };
      return;
    }
    const from = started;
    started = null;
    const end = readDate(value, 'end');
    if (!from?.date || from.date === 'present' || !end) return log.note(n, line, from ? 'a start or end date that is not a date: not read' : 'an end date without a start date: not read');
    open({ start: from.date, end, rest: '' }, from.n, from.text, at);
  }

  /** A start date no end date followed is listed as unread. */
  function unstarted(): void {
    if (started) log.note(started.n, started.text, 'a start date without an end date: not read');
    started = null;
  }

  /** A labelled line of the job (JOB_FIELD); the lines under its dates go on being read as such. */
  function readField(label: string, value: string, n: number, line: string): void {
    labelled = true;
    // Lines held before it were duties, written first.
    settle(pending);
    pending = [];
    if (label.startsWith('duties')) {
      opened = false;
      return value ? addDuty(n, value) : undefined;
    }
    if (!listed) return;
    // How many people the job supervised is its duty in words, read for its capacity; none is nothing.
    if (label.startsWith('number of')) {
      const people = Number(/^\d+/.exec(value)?.[0]);
      return people > 0 ? addDuty(n, `Supervised ${people} ${people === 1 ? 'person' : 'people'}.`) : log.note(n, line, 'a detail of the job that is not used');
    }
    const hours = label.startsWith('hours') ? Number(/^\d{1,3}(?:\.\d+)?\b/.exec(value)?.[0]) : NaN;
    if (hours > 0 && hours <= LIMITS.hoursPerWeek) job!.hoursPerWeek = hours;
    else if (NAMING.test(label) && !label.endsWith('title') && value) job!.employer = value.slice(0, LIMITS.shortText);
    else if (label.endsWith('title') && value) {
      // The line that opened the job named its employer (an organisation) or nothing.
      if (!job!.employer && job!.title) job!.employer = job!.title;
      job!.title = value.slice(0, LIMITS.shortText);
    } else log.note(n, line, 'a detail of the job that is not used');
  }

  return {
    jobs,
    line(raw: string, n: number): void {
      const line = raw.trim();
      const at = { indent: indentOf(raw), bullet: isBullet(raw) };
      // A bullet with dates opens a job unless it sits under a job opened by a line less indented (a duty with dates).
      const mayOpen = !at.bullet || !job || (opener.bullet && at.indent <= opener.indent);
      const range = mayOpen ? findRange(at.bullet ? bullet(line) : line) : null;
      if (range) return open(range, n, line, at);
      if (GRADE.test(line)) return log.note(n, line, 'a detail of the job that is not used');
      const when = DATE_LABEL.exec(line);
      if (when) return labelledDate(/start/i.test(when[1]!), when[2]!, n, line, at);
      const field = at.bullet ? null : JOB_FIELD.exec(line);
      if (field) {
        const label = field[1]!.toLowerCase();
        // A title or employer that is not under a job's dates names the next job, and the labelled
        // lines after it describe that job: held for its date line.
        if (!(job && opened) && (NAMING.test(label) || pending.some(naming))) {
          pending.push({ n, text: line });
          return;
        }
        if (job) return readField(label, field[2]!.trim(), n, line);
      }
      // The line under a date line (and its labelled lines) may name the employer, or where the job was.
      const under = opened && !at.bullet;
      opened = false;
      const below = under && job && !job.employer ? employerBelow(line) : null;
      if (below) {
        job!.employer = below;
        return;
      }
      // An employer with its dates ("City of Dallas, 2014–2018"), or above them with labelled lines
      // under them (USAJOBS), over the title.
      const title = under && job && !job.employer && (isOrg(String(job.title)) || labelled) ? titleBelow(line) : null;
      if (title) {
        [job!.employer, job!.title] = [job!.title, title];
        return;
      }
      if (under && PLACE.test(line)) return;
      if (job && (at.bullet || at.indent > opener.indent || pending.length >= 2)) {
        // Lines held above it came first: they are duties too, in the order written.
        settle(pending);
        pending = [];
        return addDuty(n, line);
      }
      pending.push({ n, text: line });
      if (pending.length > 2) settle([pending.shift()!]);
    },
    /** A blank line, a heading or another column: what was held above a date line was not a title. */
    close(): void {
      unstarted();
      settle(pending);
      pending = [];
    },
    end(): void {
      this.close();
      finish();
      for (const [entry, d] of duties) entry.description = d.lines.join('\n');
    },
    /** A heading or another column: a new job starts afresh. */
    reset(): void {
      this.close();
      finish();
    },
  };
}
