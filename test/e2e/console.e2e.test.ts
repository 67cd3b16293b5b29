// End to end through a real browser: every demo account signs in to the built console, sees exactly
// the menu its roles allow, and signs out; then the auditor finds those sign-ins in the audit log.
// Needs the console built first (`npm run build:web`) and Debian's Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closeConsole, type ConsoleUnderTest, describeE2E, openConsole, screenshotOnFailure } from './browser.js';

const PASSWORD = 'Gongshu@2026';

// What each role must see, written out by hand from the permission table in src/identity/roles.ts
// (home and profile are for everyone). Written out rather than computed so that a change to the
// permission table that alters what someone sees makes this test fail and gets looked at.
const EVERYONE = ['首页', '个人设置'];
// catalog.read: 资源目录, 采集目录, 开放目录; catalog.review adds 审核队列.
const CATALOG = ['资源目录', '采集目录', '开放目录'];
// batches.read, tickets.read, rules.read, quality.read: a producer's and the platform's governance pages; libraries.read adds 基础库.
const GOVERNANCE = ['数据汇聚', '问题工单', '治理规则', '数据质量'];
// webhooks.manage: departments, the platform and the operator register their own unit's webhooks; not the regulator.
const WEBHOOKS = '事件推送';
const EXPECTED_MENU: Record<string, string[]> = {
  sysadmin: [...EVERYONE, '单位管理', '用户管理'],
  secadmin: [...EVERYONE, '单位管理', '用户管理', '角色分配'],
  auditor: [...EVERYONE, '单位管理', '审计日志'],
  regulator: [...EVERYONE, '单位管理', ...CATALOG, ...GOVERNANCE, '基础库'],
  platform: [...EVERYONE, '单位管理', ...CATALOG, '审核队列', 'API 凭证', ...GOVERNANCE, '基础库', WEBHOOKS],
  operator: [...EVERYONE, ...CATALOG, 'API 凭证', ...GOVERNANCE, '基础库', WEBHOOKS],
  builder: [...EVERYONE, ...CATALOG, 'API 凭证'],
  gaj: [...EVERYONE, ...CATALOG, 'API 凭证', ...GOVERNANCE, WEBHOOKS],
  scjg: [...EVERYONE, ...CATALOG, 'API 凭证', ...GOVERNANCE, WEBHOOKS],
  dev1: [...EVERYONE, 'API 凭证'],
  assessor: [...EVERYONE, ...CATALOG],
  superior: [...EVERYONE],
};
const ACCOUNTS = Object.keys(EXPECTED_MENU);

let srv: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

let ui: ConsoleUnderTest | undefined;
beforeAll(async () => {
  ui = await openConsole({ demo: true }, pageErrors);
  ({ srv, browser, page } = ui);
}, 60_000);

afterEach(screenshotOnFailure('console', () => page));

afterAll(() => closeConsole(ui));

async function fillLogin(username: string, password: string): Promise<void> {
  await page.goto(`${srv.url}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  // antd puts a space between two-character Chinese button labels ("登 录"), so match by type.
  await page.locator('button[type=submit]').click();
}

async function login(username: string): Promise<void> {
  await fillLogin(username, PASSWORD);
  await page.getByTestId('welcome-card').waitFor();
  expect(new URL(page.url()).pathname).toBe('/');
}

async function menuItems(): Promise<string[]> {
  const items = page.locator('[data-testid=side-menu] .ant-menu-item');
  await items.first().waitFor();
  return (await items.allTextContents()).map((s) => s.trim());
}

async function logout(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
}

describeE2E('console', () => {
  it('refuses a wrong password with the server message', async () => {
    await fillLogin('superior', 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
  }, 30_000);

  it.each(ACCOUNTS)(
    'shows %s exactly the menu of its roles',
    async (username) => {
      await login(username);
      expect((await menuItems()).sort()).toEqual([...EXPECTED_MENU[username]].sort());
      await expect.poll(() => page.getByTestId('welcome-card').textContent()).toContain(username);
      await logout();
    },
    30_000,
  );

  it('answers 403 for a page outside the menu and 404 for an unknown one', async () => {
    await login('dev1');
    await page.goto(`${srv.url}/audit`);
    await page.locator('.ant-result-403').waitFor();
    await page.goto(`${srv.url}/no-such-page`);
    await page.locator('.ant-result-404').waitFor();
    await logout();
  }, 30_000);

  it('says a link to an object that does not exist names nothing, with no retry that could not help', async () => {
    await login('regulator');
    await page.goto(`${srv.url}/catalog/00000000-0000-4000-8000-000000000000`);
    const notFound = page.getByTestId('load-not-found');
    await notFound.waitFor();
    expect(await notFound.textContent()).toContain('资源不存在');
    expect(await page.getByRole('button', { name: /刷\s*新/ }).count()).toBe(0);
    await logout();
  }, 30_000);

  it('honours a request for reduced motion: a dialog is there at once, with nothing moving', async () => {
    await login('sysadmin'); // the browser context asks for reduced motion (browser.ts)
    await page.goto(`${srv.url}/admin/units`);
    await page.getByRole('button', { name: '新建单位' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await logout();
  }, 30_000);

  it('sends an expired session to /login and back to the page it was on', async () => {
    await login('regulator');
    await page.context().clearCookies(); // the session ends behind the console's back
    await page.locator('[data-testid=side-menu] .ant-menu-item', { hasText: '单位管理' }).click();
    await page.waitForURL(/\/login$/); // the units request got 401
    await page.getByLabel('用户名', { exact: true }).fill('regulator');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/admin\/units$/);
    await page.locator('.ant-table-row').first().waitFor();
    await logout();
  }, 30_000);

  it('lets the auditor find every account sign-in in the audit log', async () => {
    await login('auditor');
    await page.goto(`${srv.url}/audit`);
    await expect.poll(() => page.getByTestId('chain-status').textContent()).toMatch(/审计链完整，已校验 \d+ 条/);

    // The action field offers the labelled actions: typing the label 登录 finds auth.login, which
    // picking puts in the field; the searches below keep it (the form mirrors the URL).
    const action = page.getByLabel('操作', { exact: true });
    await action.fill('登录');
    await page.locator('.ant-select-item-option', { hasText: 'auth.login' }).click();
    await expect.poll(() => action.inputValue()).toBe('auth.login');

    for (const username of ACCOUNTS) {
      await page.getByLabel('操作人', { exact: true }).fill(username);
      await page.getByLabel('结果', { exact: true }).click();
      await page.locator('.ant-select-item-option[title="成功"]').click();
      const answer = page.waitForResponse(
        (res) => res.url().includes('/api/v1/audit/entries') && new URL(res.url()).searchParams.get('actor') === username,
      );
      await page.locator('[data-testid=audit-filters] button[type=submit]').click();
      expect((await answer).status()).toBe(200);

      // Poll: right after the answer the table may still show the previous account's rows.
      const rows = page.locator('[data-testid=audit-table] tr.ant-table-row');
      await expect
        .poll(
          async () => {
            const texts = await rows.allTextContents();
            // each row shows the action's label and, beside it, its code
            return texts.length > 0 && texts.every((t) => t.includes(username) && t.includes('登录auth.login') && t.includes('成功'));
          },
          { message: `auth.login entries of ${username}` },
        )
        .toBe(true);
    }

    // The export link carries the filters on screen (the last account searched) and downloads
    // with the browser's own session cookie.
    const href = await page.getByTestId('export-csv').getAttribute('href');
    expect(href).toContain(`actor=${ACCOUNTS[ACCOUNTS.length - 1]}`);
    const csv = await page.request.get(`${srv.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('auth.login');
  }, 120_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
