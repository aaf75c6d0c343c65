/** Text pasted from a two-column layout (a sidebar of skills, contact and certifications beside the
 * experience) arrives as lines that hold both columns, separated by a run of spaces at the same
 * place. Read as it stands, a heading of one column and an entry of the other share a line; read
 * column by column, each keeps its order. */

export interface NumberedLine {
  /** Line number in the pasted text, from 1. */
  n: number;
  text: string;
}

/** Spaces that separate two columns: fewer are a gap between words. */
const GAP = 3;
/** Lines that must split at the same place before the text is read as two columns. */
const LEAST_LINES = 3;

/** Where the first gap of GAP spaces or more ends, before a character that is not a space; -1 when none. */
function gapEnd(line: string): number {
  let spaces = 0;
  let seenText = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ' ') spaces += 1;
    else {
      if (seenText && spaces >= GAP) return i;
      seenText = true;
      spaces = 0;
    }
  }
  return -1;
}

/** The text as columns to be read one after the other: one column, unless at least LEAST_LINES lines
 * split at the same place and the right-hand parts hold a section heading (`isHeading`), which
 * right-aligned dates beside job titles never do. */
export function readingOrder(lines: readonly string[], isHeading: (text: string) => boolean): NumberedLine[][] {
  const numbered = lines.map((text, i) => ({ n: i + 1, text }));
  const counts = new Map<number, number>();
  for (const line of lines) {
    const at = gapEnd(line);
    if (at > 0) counts.set(at, (counts.get(at) ?? 0) + 1);
  }
  const [at, count] = [...counts].reduce((best, c) => (c[1] > best[1] ? c : best), [-1, 0]);
  if (count < LEAST_LINES) return [numbered];
  // A line splits where the column starts, if the characters before it are spaces: a line of the
  // left column alone is shorter, or runs through that place with words.
  const splits = (text: string) => text.length > at && text.slice(at - GAP + 1, at).trim() === '' && text[at] !== ' ';
  const right = numbered.filter((l) => splits(l.text)).map((l) => ({ n: l.n, text: l.text.slice(at) }));
  if (!right.some((l) => isHeading(l.text))) return [numbered];
  const left = numbered.map((l) => (splits(l.text) ? { n: l.n, text: l.text.slice(0, at).trimEnd() } : l));
  return [left, right];
}
