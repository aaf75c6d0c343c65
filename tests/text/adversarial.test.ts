import { describe, expect, it } from 'vitest';
import { assessCriteria, MAX_QUOTES, MAX_SENTENCE } from '../../src/criteria/evidence.ts';
import { proposeTerms } from '../../src/criteria/terms.ts';
import { normaliseProfile } from '../../src/profile/normalise.ts';
import { bundledRules } from '../../src/rules/load.ts';
import { findRange } from '../../src/text/dates.ts';
import { extractResume, RESUME_BOUNDS } from '../../src/text/resume.ts';
import { tokenize } from '../../src/text/tokens.ts';
import { normaliseName } from '../../src/vocab/normalise.ts';
import { bundledVocabulary } from '../../src/vocab/vocabulary.ts';

/* Every text path costs time linear in its input. Each case builds an input at a size n and 4n
 * (4n is the 100–200 KB of a hostile request: a run of the characters a pattern repeats, with a tail
 * it does not match) and checks that 4n takes at most GROWTH times as long as n (linear is 4,
 * quadratic 16) and stays under CEILING_MS. Times are the best of three, from at least FLOOR_MS, so a
 * busy machine does not fail the test; before the fix many 4n inputs took 10 s to minutes each.
 * Résumé cases lift the line limit (RESUME_BOUNDS.line), so they time the patterns on the whole run,
 * not the limit; the `as served` ones keep it.
 *
 * Patterns that read user text, and the cases that attack them:
 *   tokens.ts    WORD, the "'s" ending, spelling (isation|ise|our), acronym tests, the stemmer  → tokens:, evidence:, inference:
 *   dates.ts     RANGE (month names, separators, spaces), readDate, the rest's brackets           → résumé experience:
 *   jobs.ts      places after an organisation or alone, labelled lines, hours and pay by the dates → résumé experience:
 *   resume.ts    line split, heading marks and HEADINGS, bullet/isBullet, title/employer split
 *                (tabs, wide gaps, "·"), emphasis and separator trim, org, gpa…, degree parts,
 *                years, not-a-field, level trim                                                    → résumé:
 *   certification-lines.ts  certification split (was a look-ahead), date patterns, name trim      → résumé certifications:
 *   columns.ts   the gap finder                                                                    → résumé columns:
 *   evidence.ts  sentences, list split, negation's punctuation                                     → evidence:
 *   terms.ts     phrase punctuation                                                                 → terms:
 *   vocab/normalise.ts  normaliseName                                                              → names:
 */

const GROWTH = 8;
const CEILING_MS = 5_000;
const FLOOR_MS = 20;

const vocab = bundledVocabulary();
const requirement = bundledRules().get('council-infrastructure-manager')!.rule.paths[0]!.requirements[0]!;
const criteria = requirement.kind === 'criteria' ? requirement.criteria : [];

/** `scale` is 1 (n) or 4 (4n); `variant` changes the text so that no cache answers a repeat. */
type Make = (scale: number, variant: number) => () => unknown;

const lines = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('\n');
/** A run of one consonant: no vowel is what makes the Porter stemmer's patterns backtrack. */
const consonants = (length: number, variant: number): string => 'bcdfghjklmnpqrstvwxz'[variant % 20]!.repeat(length);
/** Lines of any length read, to time the patterns themselves; `served` keeps the limits a request meets. */
const resume = (text: string) => () => extractResume(text, vocab, { line: Number.POSITIVE_INFINITY });
const served = (text: string) => () => extractResume(text, vocab);
const evidence = (text: string) => () => assessCriteria(criteria, [{ source: 'statement', text }]);

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const figures: string[] = [];

/** n and 4n timed, in turns so that a burst of load on the machine weighs on both; a large input
 * over the ceiling fails at once rather than being run again. */
function linear(name: string, make: Make): void {
  it(name, () => {
    time(make(1, 0)); // compiled and warmed
    const first = time(make(4, 1));
    expect(first, `${name}: 4n took ${first.toFixed(0)} ms`).toBeLessThan(CEILING_MS);
    let small = Number.POSITIVE_INFINITY;
    let large = first;
    for (let variant = 2; variant < 5; variant++) {
      small = Math.min(small, time(make(1, variant)));
      large = Math.min(large, time(make(4, variant + 10)));
    }
    figures.push(`${name}: n ${small.toFixed(1)} ms, 4n ${large.toFixed(1)} ms`);
    expect(large / Math.max(small, FLOOR_MS), `${name}: n ${small.toFixed(1)} ms, 4n ${large.toFixed(1)} ms`).toBeLessThanOrEqual(GROWTH);
  });
}

describe('text processing is linear in its input', () => {
  describe('résumé extraction', () => {
    // The inputs of the report, as served: a line over RESUME_BOUNDS.line is listed, not read.
    linear('résumé as served: "Summary", 199,000 dashes and a letter', (s) => served(`Summary${'-'.repeat(49_750 * s)}x`));
    linear('résumé as served: a certification line with 199,000 spaces', (s) => served(`CERTIFICATIONS\nCCNA${' '.repeat(49_750 * s)}x`));
    linear('résumé as served: "B.S. " and 39,000 years', (s) => served(`EDUCATION\nB.S. ${'2012 '.repeat(9_750 * s)}`));
    linear('résumé as served: "A;" 99,000 times', (s) => served(`CERTIFICATIONS\n${'A;'.repeat(24_750 * s)}`));

    // The patterns themselves, on lines of any length (the line limit lifted): one line of the run
    // each pattern repeats, 4n about 200 KB.
    const run = (s: number) => 49_000 * s;
    linear('résumé: "Summary" and 199,000 dashes', (s) => resume(`Summary${'-'.repeat(run(s))}`));
    linear('résumé: heading marks then a letter', (s) => resume(`Summary${'-'.repeat(run(s))}x`));
    linear('résumé: heading marks before and after', (s) => resume(`${'#'.repeat(run(s) / 2)}Skills${':'.repeat(run(s) / 2)}`));
    linear('résumé: spaces and marks before a heading', (s) => resume(`${'# '.repeat(run(s) / 2)}x`));
    linear('résumé certifications: a line with 199,000 spaces', (s) => resume(`CERTIFICATIONS\nCCNA${' '.repeat(run(s))}x`));
    linear('résumé certifications: spaces around separators', (s) => resume(`CERTIFICATIONS\nCCNA${' '.repeat(run(s))}, x${' '.repeat(run(s))}; y`));
    linear('résumé certifications: "A;" 99,000 times', (s) => resume(`CERTIFICATIONS\n${'A;'.repeat(run(s) / 2)}`));
    linear('résumé certifications: separators after an open parenthesis', (s) => resume(`CERTIFICATIONS\n(${'A;'.repeat(run(s) / 2)}`));
    linear('résumé certifications: separators and open parentheses', (s) => resume(`CERTIFICATIONS\n${'A;('.repeat(run(s) / 3)}`));
    linear('résumé certifications: open parentheses', (s) => resume(`CERTIFICATIONS\nCCNA ${'('.repeat(run(s))}`));
    linear('résumé certifications: a bullet of spaces and digits', (s) => resume(`CERTIFICATIONS\n${'1'.repeat(run(s) / 2)}.${' '.repeat(run(s) / 2)}x`));
    linear('résumé certifications: short names with parentheses, years and dashes', (s, v) => resume(`CERTIFICATIONS\n${lines(25 * s, (i) => `${'(CCNA 2019) 2020 -, '.repeat(5)}Cert ${v}-${i} ((2021 —`)}`));
    linear('résumé certifications: date words and separators', (s) => resume(`CERTIFICATIONS\n${'CCNA exp. 2020 - valid until 03/2021 (issued, '.repeat(run(s) / 47)}x`));
    linear('résumé columns: lines split at a wide gap', (s, v) => resume(lines(2_000 * s, (i) => `${i % 50 === 0 ? 'EXPERIENCE' : `Engineer ${v} ${i}`}${' '.repeat(30)}${i % 50 === 1 ? 'SKILLS' : 'AWS'}`)));
    linear('résumé columns: runs of spaces between words', (s) => resume(`EXPERIENCE\n${'a   '.repeat(run(s) / 4)}x`));
    linear('résumé education: "B.S. " and 39,000 years', (s) => resume(`EDUCATION\nB.S. ${'2012 '.repeat(run(s) / 5)}`));
    linear('résumé education: a degree, then years', (s) => resume(`EDUCATION\nB.S. in Computing, ${'2012 '.repeat(run(s) / 5)}x`));
    linear('résumé education: spaces and separators', (s) => resume(`EDUCATION\nB.S.${' '.repeat(run(s) / 2)}in Computing${' '.repeat(run(s) / 2)}x`));
    linear('résumé education: separators, dashes and parentheses', (s) => resume(`EDUCATION\nB.S. in Computing ${'(, - | ; '.repeat(run(s) / 10)}x`));
    linear('résumé education: spaces before "gpa"', (s) => resume(`EDUCATION\n${'- '.repeat(run(s) / 2)}gpa`));
    linear('résumé education: unknown degree names past the lookup budget', (s, v) => resume(`EDUCATION\n${lines(400 * s, (i) => `Studied ${v} thing ${i}, Place ${i}`)}`));
    linear('résumé experience: a 200 KB title line', (s) => resume(`EXPERIENCE\nEngineer${' '.repeat(run(s))}x, Jan 2015 - Present`));
    linear('résumé experience: month names run together', (s) => resume(`EXPERIENCE\n${'jan'.repeat(run(s) / 3)}`));
    linear('résumé experience: "September" run on', (s) => resume(`EXPERIENCE\nSep${'t'.repeat(run(s))} 2015`));
    linear('résumé experience: spaces after a year', (s) => resume(`EXPERIENCE\n2012${' '.repeat(run(s))}x`));
    linear('résumé experience: spaces around a separator', (s) => resume(`EXPERIENCE\nJan${' '.repeat(run(s) / 2)}2015 -${' '.repeat(run(s) / 2)}x`));
    linear('résumé experience: years and separators', (s) => resume(`EXPERIENCE\n${'2012 - 03/'.repeat(run(s) / 10)}x`));
    linear('résumé experience: an organisation with many places before a state', (s) => resume(`EXPERIENCE\nCounty${', Aa'.repeat(run(s) / 4)}, TX\n2015 - 2020`));
    linear('résumé experience: a place of many capitalised words', (s) => resume(`EXPERIENCE\n${'Aa '.repeat(run(s) / 3)}x, TX\n2015 - 2020`));
    linear('résumé experience: labelled lines with long values', (s) => resume(`EXPERIENCE\n2015 - 2020\nHours per week:${' '.repeat(run(s) / 2)}${'4'.repeat(run(s) / 2)}\nSalary: ${'$1,'.repeat(run(s) / 3)}`));
    linear('résumé experience: hours and pay beside the dates', (s) => resume(`EXPERIENCE\n2015 - 2020 ${'| 40 hours per week $9,0 per '.repeat(run(s) / 28)}x`));
    linear('résumé experience: spaces in a title', (s) => resume(`EXPERIENCE\nEngineer${' '.repeat(run(s))}x, Jan 2015 - Present`));
    linear('résumé experience: dashes in a title', (s) => resume(`EXPERIENCE\nEngineer${'-'.repeat(run(s))}x, Jan 2015 - Present`));
    linear('résumé experience: separators in a title', (s) => resume(`EXPERIENCE\nEngineer${' :,;|–—-'.repeat(run(s) / 9)}x, Jan 2015 - Present`));
    linear('résumé experience: "at" over and over in a title', (s) => resume(`EXPERIENCE\nEngineer${' at'.repeat(run(s) / 3)}, Jan 2015 - Present`));
    linear('résumé experience: emphasis marks in a title', (s) => resume(`EXPERIENCE\n**${'*_`'.repeat(run(s) / 3)}Engineer, Jan 2015 - Present`));
    linear('résumé experience: organisations in a title', (s) => resume(`EXPERIENCE\n${'co inc '.repeat(run(s) / 7)}, Acme, Jan 2015 - Present`));
    linear('résumé experience: bullet of spaces', (s) => resume(`EXPERIENCE\nEngineer, Acme, Jan 2015 - Present\n-${' '.repeat(run(s))}x`));
    linear('résumé experience: bullet of digits', (s) => resume(`EXPERIENCE\nEngineer, Acme, Jan 2015 - Present\n${'1'.repeat(run(s))}.x`));
    linear('résumé experience: many duties', (s, v) => resume(`EXPERIENCE\nEngineer, Acme, Jan 2015 - Present\n${lines(6_250 * s, (i) => `- did ${v} ${i}`)}`));
    linear('résumé: many jobs, degrees and certifications', (s, v) =>
      resume(`EXPERIENCE\n${lines(700 * s, (i) => `Engineer ${v}-${i}, Acme, Jan 2015 - Present`)}\nEDUCATION\n${lines(300 * s, () => 'B.S. in Computing, 2012')}\nCERTIFICATIONS\n${lines(300 * s, (i) => `Cert ${v} ${i}`)}`),
    );
  });

  describe('evidence of criteria (assessCriteria)', () => {
    linear('evidence: a statement of 100,000 digits', (s, v) => evidence(`${v}${'7'.repeat(25_000 * s)}`));
    linear('evidence: a statement of 20,000-letter words', (s, v) => evidence(Array.from({ length: 2 * s }, (_, i) => consonants(20_000, v + i)).join(' ')));
    linear('evidence: a run of one vowel', (s, v) => evidence(`${v}${'a'.repeat(25_000 * s)}`));
    linear('evidence: full stops between letters', (s, v) => evidence(`${v}${'a.'.repeat(12_500 * s)}`));
    linear('evidence: a run of punctuation then a word', (s, v) => evidence(`${'!?.'.repeat(8_000 * s)}word${v}`));
    linear('evidence: words joined by dots and dashes', (s, v) => evidence(`${v}${'a.-&'.repeat(6_250 * s)}`));
    linear('evidence: many sentences that quote terms', (s, v) => evidence(`I configured the LAN and the WAN ${v}. `.repeat(750 * s)));
    linear('evidence: one sentence without a full stop', (s, v) => evidence(`configured the enterprise network and the LAN ${v} `.repeat(500 * s)));
    linear('evidence: negations and list separators', (s, v) => evidence(`not LAN, no SAN; never a WAN ${v} / `.repeat(750 * s)));
    linear('evidence: many distinct words, some a typo from a term', (s, v) =>
      evidence(Array.from({ length: 12_500 * s }, (_, i) => (i % 50 ? `infra${v}${i.toString(36)}` : 'infrastructur')).join(' ')),
    );
    linear('evidence: British spellings and possessives', (s, v) => evidence(`The organisation's behaviour virtualised ${v} AD's `.repeat(600 * s)));
  });

  describe('reading job titles and duties (inferExperience)', () => {
    // The report: twelve job descriptions, each one 20,000-letter word.
    linear('inference: duties of one 20,000-letter word', (s, v) => {
      const jobs = Array.from({ length: 3 * s }, (_, i) => `${consonants(20_000, i)} ${v}`);
      return () => jobs.map((duties, i) => vocab.inferExperience(`Analyst ${i}`, duties));
    });
    linear('inference: titles of one 20,000-letter word', (s, v) => {
      const jobs = Array.from({ length: 3 * s }, (_, i) => `${consonants(20_000, i)} ${v}`);
      return () => jobs.map((title) => vocab.inferExperience(title, 'ran the servers'));
    });
    linear('inference: duties of phrases over and over', (s, v) => {
      const duties = `Managed a team of five analysts, managed the firewall, line managed staff ${v}. `.repeat(330 * s);
      return () => vocab.inferExperience('IT Manager', duties);
    });
    linear('inference: titles of capitals and punctuation', (s, v) => {
      const title = `${'AB-CD.'.repeat(4_000 * s)}${v}`;
      return () => vocab.inferExperience(title, '');
    });
  });

  describe('tokens, proposed terms and names', () => {
    linear('tokens: one long word of letters and marks', (s, v) => {
      const text = `${v}${"a'’.-&+#".repeat(3_000 * s)}`;
      return () => tokenize(text);
    });
    linear('terms: many distinct words and punctuation', (s, v) => {
      const text = Array.from({ length: 5_000 * s }, (_, i) => `word${v}x${i.toString(36)}${i % 3 ? ',' : ' ('}`).join(' ');
      return () => proposeTerms(text);
    });
    linear('names: runs of marks, dots and spaces', (s, v) => {
      const text = `${v}${'®.&\' -  '.repeat(6_250 * s)}x`;
      return () => normaliseName(text);
    });
    linear('dates: a line of month names and separators', (s) => {
      const text = 'Sept - to until '.repeat(3_000 * s);
      return () => findRange(text);
    });
  });

  it('prints the figures', () => {
    console.log(`adversarial inputs (best of three):\n  ${figures.join('\n  ')}`);
  });
});

describe('what extraction returns is bounded', () => {
  const within = (text: string) => {
    const { profile, unread } = extractResume(text, vocab);
    for (const list of [profile.experience, profile.education, profile.certifications] as unknown[][]) expect(list.length).toBeLessThanOrEqual(RESUME_BOUNDS.entries);
    expect(unread.length).toBeLessThanOrEqual(RESUME_BOUNDS.entries);
    for (const u of unread) expect(u.text.length).toBeLessThanOrEqual(RESUME_BOUNDS.shown);
    expect(() => normaliseProfile(profile, vocab)).not.toThrow();
    return { profile, unread, size: JSON.stringify({ profile, unread }).length };
  };

  it('answers "A;" 99,000 times in a few hundred bytes, not 11 MB', () => {
    const { unread, size } = within(`CERTIFICATIONS\n${'A;'.repeat(99_000)}`);
    expect(size).toBeLessThan(1_000);
    expect(unread[0]!.why).toMatch(/^a line of 198000 characters, longer than 2000: not read$/);
  });

  it('lists at most 50 entries of each kind and says how many more were left out', () => {
    const { profile, unread, size } = within(
      `EXPERIENCE\n${lines(80, (i) => `Engineer ${i}, Acme, Jan 2015 - Present\n- ran things`)}\nEDUCATION\n${lines(60, () => 'B.S. in Computing, 2012')}\n${lines(70, (i) => `Nothing ${i}`)}\nCERTIFICATIONS\n${lines(99, (i) => `Cert ${i}`)}`,
    );
    expect([profile.experience, profile.education, profile.certifications].map((l) => (l as unknown[]).length)).toEqual([50, 50, 50]);
    const whys = unread.map((u) => u.why);
    expect(whys).toEqual(expect.arrayContaining(['more jobs than a profile lists (50), left out: this and 29 more', 'more degrees than a profile lists (50), left out: this and 79 more', 'more certifications than a profile lists (50), left out: this and 48 more']));
    expect(whys.some((w) => /more after this one not listed: the list holds at most 50$/.test(w))).toBe(true);
    expect(size).toBeLessThan(40_000);
  });

  it('keeps a job description within the profile limit and a title within a short text', () => {
    const { profile, unread } = within(`EXPERIENCE\n${'Engineer '.repeat(60)}, Acme, Jan 2015 - Present\n${lines(2_000, () => '- did a thing that matters')}`);
    const job = (profile.experience as Array<{ title: string; description: string }>)[0]!;
    expect(job.title.length).toBeLessThanOrEqual(300);
    expect(job.description.length).toBeLessThanOrEqual(20_000);
    expect(unread.map((u) => u.why)).toEqual(['a job title longer than 300 characters: cut', "a job's description holds at most 20000 characters, duties left out: this and 1199 more"]);
  });

  it('stops looking names up past its budget, and says so', () => {
    const { unread } = within(`EDUCATION\n${lines(400, (i) => `Studied thing ${i}, Place ${i}`)}`);
    expect(unread.at(-1)!.why).toMatch(/^degree and certification names are looked up for at most 6000 characters, not read: this and \d+ more$/);
  });
});

describe('evidence is bounded', () => {
  it('quotes at most MAX_QUOTES sentences of at most MAX_SENTENCE characters, offsets into the source', () => {
    const text = `${'I configured the LAN and the WAN. '.repeat(100)}${'configured the enterprise network and the LAN '.repeat(100)}`;
    for (const e of assessCriteria(criteria, [{ source: 'statement', text }])) {
      expect(e.quotes.length).toBeLessThanOrEqual(MAX_QUOTES);
      for (const q of e.quotes) {
        expect(q.text.length).toBeLessThanOrEqual(MAX_SENTENCE);
        expect(text.slice(q.start, q.end)).toBe(q.text);
      }
    }
    const networks = assessCriteria(criteria, [{ source: 'statement', text: 'configured the enterprise network and the LAN '.repeat(100) }]).find((e) => e.criterion.id === 'k2-networks')!;
    expect(networks.status).toBe('evidenced');
  });
});
