// What the end-to-end tests share: Debian's Chromium launched headless, and signing in and out of
// the console as a demo account.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, type TestContext } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

export const PASSWORD = 'Gongshu@2026';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Whether the end-to-end tests are to be skipped: on a developer's machine without Chromium `npm test`
 * still passes (with a note saying why these tests did not run); in CI a missing Chromium is a failure,
 * so there they run and fail at launch.
 */
export function skipE2E(env: NodeJS.ProcessEnv = process.env, chromiumPresent = existsSync(CHROMIUM_PATH)): boolean {
  return !chromiumPresent && env.CI !== 'true';
}

let noted = false;

/** `describe` for an end-to-end suite: skipped, with a note on the console, when skipE2E() says so. */
export function describeE2E(name: string, body: () => void): void {
  const skip = skipE2E();
  if (skip && !noted) {
    noted = true;
    console.warn(
      `end-to-end tests skipped: no Chromium at ${CHROMIUM_PATH} (install Debian's chromium package to run them; with CI=true they fail instead)`,
    );
  }
  describe.skipIf(skip)(name, body);
}

/** Without the built console every page is the server's "not built" notice; say what is missing instead. */
export function assertConsoleBuilt(): void {
  const built = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
  if (!existsSync(built)) throw new Error('web/dist is missing: run `npm run build:web` before the e2e test');
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  // antd puts a space between two-character Chinese button labels ("登 录"), so match by type.
  await page.locator('button[type=submit]').click();
  await page.getByTestId('welcome-card').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
}

export interface ConsoleUnderTest {
  srv: TestServer;
  browser: Browser;
  page: Page;
}

/**
 * A test server (options as startTestServer takes them) and a Chromium page on it, wide enough that the
 * left menu is expanded (antd collapses it below its `lg` breakpoint); uncaught page errors are
 * collected into `pageErrors` for the suite's last test to check.
 */
export async function openConsole(options: Parameters<typeof startTestServer>[0], pageErrors: string[]): Promise<ConsoleUnderTest> {
  assertConsoleBuilt();
  const srv = await startTestServer(options);
  const browser = await launchChromium();
  // Reduced motion (which the console honours) makes dialogs appear at once: on a loaded machine a click can
  // otherwise land on a button still moving in, and be lost.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return { srv, browser, page };
}

/**
 * An afterEach hook: a failing step leaves a picture of the whole page in the temp dir (not the repo), and
 * its session is dropped, so the next test (which signs in afresh) reports its own result rather than
 * failing at a login page that never shows.
 */
export function screenshotOnFailure(suite: string, page: () => Page | undefined) {
  return async (ctx: TestContext) => {
    const p = page();
    if (ctx.task.result?.state !== 'fail' || !p) return;
    const file = join(tmpdir(), `gongshu-e2e-${suite}-${ctx.task.name.replace(/\W+/g, '-')}.png`);
    await p.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    console.error(`screenshot of the failing page: ${file} (at ${p.url()})`);
    await p.context().clearCookies();
  };
}

export async function closeConsole(c: Partial<ConsoleUnderTest> | undefined): Promise<void> {
  await c?.browser?.close();
  await c?.srv?.close();
}

/**
 * Waits until the antd modal holding `inside` has finished opening. On a loaded machine a click can land
 * while the zoom animation still moves the button, and is lost; the animations are the page's own record.
 */
export async function modalSettled(inside: Locator): Promise<void> {
  await inside.waitFor();
  await expect
    .poll(() => inside.evaluate((el) => el.closest('.ant-modal')?.getAnimations({ subtree: true }).length ?? 0), { timeout: 15_000 })
    .toBe(0);
}
