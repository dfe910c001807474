/**
 * Headless Chromium for browser tests: Debian's `chromium` package driven by playwright-core
 * (never a downloaded browser), a fresh profile per launch, closed at teardown. `browserOrSkip`
 * gives the one reason a suite may skip: no Chromium binary on this machine.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Test } from 'tap';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { tempDirSync } from './temp-dir.js';
import { ROOT } from './processes.js';

export const CHROMIUM = process.env.UPDOPS_CHROMIUM ?? '/usr/bin/chromium';

/** The flags ../shared/DEPENDENCIES.md gives for Debian's Chromium in a container. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why browser tests cannot run here, or undefined when they can. */
export function noBrowserReason(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) to run the browser tests`;
}

/** A browser context with its own profile folder; closed at teardown. */
export async function openBrowser(t: Test, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const profile = tempDirSync(t, 'updops-chromium-');
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 }, ...options });
  t.teardown(() => context.close());
  return context;
}

/** Where a test's screenshots go: `.tap/screenshots/NAME/` under the repository (kept after the run, for review). */
export function screenshotDir(name: string): string {
  const dir = path.join(ROOT, '.tap', 'screenshots', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page: Page, dir: string, name: string): Promise<string> {
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, await page.screenshot({ fullPage: true }));
  return file;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core run inside the page (injected through the debugging protocol, so the page's CSP stays as served); its serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // A string, not a function: the tests are compiled without the DOM's types.
  const result = await page.evaluate<{ violations: AxeViolation[] }>("axe.run(document, { resultTypes: ['violations'] })");
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}) })) }));
}
