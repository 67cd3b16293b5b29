// What the end-to-end tests share: Debian's Chromium launched headless, and signing in and out of
// the console as a demo account.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

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
