import { CommanderError } from 'commander';
import { QualifyError } from '../errors.ts';

/** The exit status of every command (docs/batch.md, "Exit status"). */
export const EXIT = {
  /** Everything was done: every profile, row or case. */
  ok: 0,
  /** Done, but some records or profiles are errors (each says why), or a rule case failed. */
  failures: 1,
  /** Nothing (more) done: a usage error, unreadable input, an unknown class, an invalid option or rule file. */
  usage: 2,
  /** An internal error: a bug to report, with QUALIFY_DEBUG=1 for its stack. */
  internal: 3,
} as const;

/** File-system and network errors that say the user's path or port is wrong, not that qualify is. */
const USER_ERRNO = new Set(['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'EROFS', 'EEXIST', 'ENAMETOOLONG', 'ELOOP', 'EMFILE', 'ENOSPC', 'EADDRINUSE', 'EADDRNOTAVAIL']);

/** Commander says `error: unknown option '--x'`: said as every other message of the CLI. */
export function commanderMessage(text: string): string {
  return text.replace(/^error: /, 'qualify: ');
}

/** What the CLI prints for an error that ended a command (null: already printed) and the status it
 * exits with. A stack trace is printed only with `debug` (QUALIFY_DEBUG=1). */
export function exitFor(error: unknown, debug = false): { status: number; message: string | null } {
  if (error instanceof CommanderError) {
    // Commander has printed its message (or the help) already, through configureOutput. Help asked
    // for (`--help`, `help score`) exits 0; every other of its errors, and no command at all, is usage.
    return { status: error.exitCode === 0 ? EXIT.ok : EXIT.usage, message: null };
  }
  if (error instanceof QualifyError) {
    return { status: error.code === 'QUAL_ERR_INTERNAL' ? EXIT.internal : EXIT.usage, message: `qualify: ${error.message}` };
  }
  const err = error instanceof Error ? (error as NodeJS.ErrnoException) : undefined;
  if (err && typeof err.code === 'string' && USER_ERRNO.has(err.code) && typeof err.syscall === 'string') {
    return { status: EXIT.usage, message: `qualify: ${err.message}` };
  }
  const said = err ? err.message || err.name : String(error);
  const stack = debug && err?.stack ? `\n${err.stack}` : '';
  return { status: EXIT.internal, message: `qualify: unexpected error: ${said}${stack}` };
}
