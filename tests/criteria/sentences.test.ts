import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessCriteria, type TextSource } from '../../src/criteria/evidence.ts';
import { councilCriteria } from './council.ts';

const assess = (texts: TextSource[]) => assessCriteria(councilCriteria, texts);
const statement = (text: string): TextSource[] => [{ source: 'statement', text }];

/** Sentences that each carry words of a different criterion. */
const SENTENCES = [
  'I configured the LAN and the WAN for 40 sites.',
  'I coach and mentor junior engineers.',
  'I troubleshoot servers, routers and switches myself.',
  'I reduced outages by 40% over two years.',
  'I raised availability to 99.95% and added GOV.UK Notify.',
  'I led the migration of our estate to Azure.',
  'I negotiated contracts with stakeholders.',
];
const BULLETS = ['', '- ', '• ', '* ', '1. ', '2) '];
const JOINS = [' ', '  ', '\n', '\n\n', '\r\n', '\r\n\r\n', '\t'];

describe('quotes', () => {
  it('are exact slices of the text that produced them, whatever the bullets and joining whitespace', () => {
    const pieces = fc.array(fc.record({ at: fc.nat(SENTENCES.length - 1), bullet: fc.constantFrom(...BULLETS), join: fc.constantFrom(...JOINS) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pieces, fc.constantFrom('', ' ', '\n'), (parts, lead) => {
        const text = lead + parts.map((p) => `${p.bullet}${SENTENCES[p.at]}${p.join}`).join('');
        for (const e of assess(statement(text))) {
          for (const q of e.quotes) {
            expect(text.slice(q.start, q.end)).toBe(q.text);
            expect(SENTENCES).toContain(q.text); // the sentence itself: no bullet, no neighbour
            for (const m of q.matches) expect(q.text.toLowerCase()).toContain(m.word.toLowerCase());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('point at the sentence that carries the matched words, one sentence per criterion', () => {
    const text = ['I have managed and configured enterprise-wide networks including LANs, WANs, WLANs and VPNs.', 'I have delivered structured change and modernisation.', 'I have hands-on experience troubleshooting hardware such as servers, routers and switches.', 'I am passionate about building diverse teams and communities.'];
    for (const join of [' ', '\n\n']) {
      const found = assess(statement(text.join(join)));
      const quoteOf = (id: string) => found.find((e) => e.criterion.id === id)!.quotes.map((q) => q.text);
      expect(quoteOf('e7-hardware-troubleshooting')).toEqual([text[2]]);
      expect(quoteOf('s10-diverse-teams')).toEqual([text[3]]);
      expect(quoteOf('k2-networks')[0]).toBe(text[0]);
    }
  });

  it('quote the line with the measure, not a job title that carries none of the words', () => {
    const texts: TextSource[] = [
      { source: 'experience[0].title', text: 'Senior Network Engineer' },
      { source: 'experience[0].description', text: 'Ran the network for 30 sites. Cut outages by 40% through better change control.' },
    ];
    const e = assess(texts).find((x) => x.criterion.id === 's6-measured-improvement')!;
    expect(e.quotes[0]).toMatchObject({ source: 'experience[0].description', text: 'Cut outages by 40% through better change control.' });
  });

  it('come from a job title when the title itself carries the words', () => {
    const e = assess([{ source: 'experience[0].title', text: 'Network Engineer' }]).find((x) => x.criterion.id === 'k2-networks')!;
    expect(e.quotes[0]).toMatchObject({ source: 'experience[0].title', text: 'Network Engineer', start: 0, end: 16 });
  });
});
