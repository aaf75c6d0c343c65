/** The layout of pasted text, read by hand where a pattern would read a run of characters again
 * from each of them (tests/text/adversarial.test.ts). */

/** `text` without the characters of `chars` at its start and end, by hand: a pattern such as
 * `[-:]+$` reads a run of them again from each of its characters. */
export function strip(text: string, chars: string, where: 'both' | 'start' | 'end' = 'both'): string {
  let from = 0;
  let to = text.length;
  if (where !== 'end') while (from < to && chars.includes(text[from]!)) from++;
  if (where !== 'start') while (to > from && chars.includes(text[to - 1]!)) to--;
  return text.slice(from, to);
}
/** The characters `\s` matches. */
export const SPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** Runs of spaces as one space, which keeps every `\s+` and `\s*` of the patterns below to one character. */
export const oneSpace = (text: string): string => text.replace(/\s+/g, ' ');
export const cut = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

// Anchored, one character class repeated on each side of one mark: linear.
export const bullet = (line: string): string => line.replace(/^\s*([-•*·▪◦–]|\d+\.)\s*/, '').trim();
export const isBullet = (line: string): boolean => /^\s*([-•*·▪◦–]|\d+\.)\s+/.test(line);
export const indentOf = (line: string): number => line.length - line.trimStart().length;
