import { LIMITS } from '../profile/schema.ts';
import { cut } from './layout.ts';

export interface Unread {
  line: number;
  text: string;
  why: string;
}

/** How many entries a list holds, how much of a line is quoted, and how many characters of names are looked up. */
export interface UnreadLimits {
  entries: number;
  shown: number;
  lookups: number;
}

/** What could not be read, in the order met, and what was left out past a limit, said last. */
export function unreadList(B: UnreadLimits) {
  const unread: Unread[] = [];
  let unreadLeftOut = 0;
  /** What was left out past a limit: how many, and the first one's line and text. */
  const none = () => ({ count: 0, line: 0, text: '' });
  const leftOut = { experience: none(), education: none(), certifications: none(), lookups: none(), duties: none() };
  return {
    note(line: number, text: string, why: string): void {
      if (unread.length < B.entries) unread.push({ line, text: cut(text, B.shown), why });
      else unreadLeftOut += 1;
    },
    leave(what: keyof typeof leftOut, line: number, text: string): void {
      const l = leftOut[what];
      if (l.count++ === 0) Object.assign(l, { line, text });
    },
    /** Entries of their own for what was left out, so the cut of the unread list cannot hide it. */
    list(): Unread[] {
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
      return [...unread, ...said];
    },
  };
}
export type UnreadList = ReturnType<typeof unreadList>;
