import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.ts';
import { projectRoot } from '../src/paths.ts';

it('documents every error code with its HTTP status, and nothing else', () => {
  const doc = readFileSync(`${projectRoot}/docs/errors.md`, 'utf8');
  const documented = [...doc.matchAll(/^\| `(QUAL_ERR_\w+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
  expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(Object.entries(ERROR_CODES).map(([code, e]) => [code, e.status])));
});
