import { isUtf8 } from 'node:buffer';
import type { Encoding } from './decode.ts';

/** C0 controls but tab, LF and CR, and DEL: nothing an applicant typed, and nothing to pass on. */
export const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Printable ASCII, tab, LF and CR: the cells of most files, text as they stand. */
const PLAIN = /^[\t\n\r\u0020-\u007E]*$/;
export const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** The first byte of a cell that does not start a valid UTF-8 character. */
function firstInvalid(cell: Buffer): number {
  for (let i = 0; i < cell.length; ) {
    const lead = cell[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || !isUtf8(cell.subarray(i, i + length)) || i + length > cell.length) return i;
    i += length;
  }
  return -1;
}

/** A cell read: its text, or why it is not text qualify can pass on. */
export type Cell = string | { problem: string };

/** A cell as the parser gives it, one latin1 character per byte, read as UTF-8: ASCII as it stands,
 * anything else checked, so that bytes that are not UTF-8 are reported rather than replaced. */
export function readCell(latin1: string, encoding: Encoding): Cell {
  if (PLAIN.test(latin1)) return latin1;
  let text = latin1;
  if (/[^\u0000-\u007f]/.test(latin1)) {
    const cell = Buffer.from(latin1, 'latin1');
    if (!isUtf8(cell)) {
      return { problem: encoding === 'UTF-8' ? `is not UTF-8 text (byte ${hex(cell[firstInvalid(cell)] ?? 0)}); save the file as CSV UTF-8` : `holds a broken ${encoding} character (an unpaired surrogate or a stray byte)` };
    }
    text = cell.toString('utf8');
  }
  const control = CONTROL.exec(text);
  return control ? { problem: `contains a control character (${codePoint(control[0])})` } : text;
}

export const empty = (cell: Cell): boolean => typeof cell === 'string' && cell.trim() === '';
