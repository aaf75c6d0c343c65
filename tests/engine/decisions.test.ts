import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkProfile } from '../../src/check.ts';
import { bundledCatalogue } from '../../src/rules/load.ts';
import { sampleProfiles } from '../helpers/sample-profiles.ts';

/* The engine's decisions on a fixed sample, one file per class: a change to how decisions are
 * computed (for speed, say) must leave every decision as it was, byte for byte. A line holds the
 * status and score as read, and a digest of the whole decision (reasons, gaps, messages). When a
 * rule file or vocabulary changes on purpose, review the diff and update with
 * `npx vitest run tests/engine/decisions.test.ts -u`. */

const asOf = new Date(Date.UTC(2026, 0, 1));
const profiles = sampleProfiles(400, 7);
const catalogue = bundledCatalogue();

describe('decisions on a fixed sample of profiles', () => {
  for (const id of catalogue.rules.keys()) {
    it(`are unchanged for ${id}`, async () => {
      const lines = profiles.map((profile) => {
        const [d] = checkProfile(profile, { classes: [id], asOf, catalogue });
        return `${d!.id} ${d!.status} ${d!.score} ${createHash('sha256').update(JSON.stringify(d)).digest('hex').slice(0, 16)}`;
      });
      await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`../fixtures/decisions/${id}.txt`);
    });
  }
});
