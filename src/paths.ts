import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this module that holds `data/` and `rules/`.
 * Found by walking up so the same code works from `src/` (tests) and from the `dist/` bundle. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data')) && existsSync(join(dir, 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('qualify: cannot find the project folder holding data/ and rules/');
    dir = parent;
  }
}

export const projectRoot = findRoot();
export const dataPath = (...parts: string[]): string => join(projectRoot, 'data', ...parts);
export const rulesPath = (...parts: string[]): string => join(projectRoot, 'rules', ...parts);
