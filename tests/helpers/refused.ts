import { QualifyError } from '../../src/errors.ts';

/** The QualifyError a call throws; fails the test when it throws nothing or something else. */
export function refused(run: () => unknown): QualifyError {
  try {
    run();
  } catch (error) {
    if (error instanceof QualifyError) return error;
    throw error;
  }
  throw new Error('not refused');
}
