import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../../src/paths.ts';

/* End to end, in Debian's Chromium against a real server on a random port. CI installs Chromium
 * (.ci/run); elsewhere the browser tests are skipped when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install chromium`);

/** Where the tests leave their screenshots (some are copied to docs/screenshots). */
export const shots = join(projectRoot, 'test-output', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Headless Chromium as this machine runs it: the background networking its closed network refuses turned off. */
export function launch(extra: readonly string[] = []): Promise<Browser> {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra] });
}

/** axe-core in the page: no serious or critical violation. */
export async function accessible(page: Page): Promise<void> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);
}
