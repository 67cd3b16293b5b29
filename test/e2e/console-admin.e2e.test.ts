// End to end through a real browser, the console's own settings and administration: the English switch
// changes the interface language (and back); a user changes their password and signs in with the new
// one; the system administrator creates an account; the security administrator gives it a role; its
// first login forces a password change before the menu appears; a reset by the system administrator
// shows a temporary password once and forces the change again.
// Needs the console built first (`npm run build:web`) and Debian's Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { TestServer } from '../support/server.js';
import {
  closeConsole,
  type ConsoleUnderTest,
  describeE2E,
  openConsole,
  PASSWORD,
  screenshotOnFailure,
  signIn,
  signOut,
} from './browser.js';

const NEW_PASSWORD = 'Changed#Pass2026';
const NEW_USER = { username: 'e2e.officer', displayName: '示例端到端专员', unit: '示例市公安局', password: 'Initial#Pass2026' };

let srv: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

let ui: ConsoleUnderTest | undefined;
beforeAll(async () => {
  ui = await openConsole({ demo: true }, pageErrors);
  ({ srv, browser, page } = ui);
}, 60_000);

afterEach(screenshotOnFailure('console-admin', () => page));

afterAll(() => closeConsole(ui));

const menu = () => page.locator('[data-testid=side-menu] .ant-menu-item');
/**
 * Signs NEW_USER in with a password an administrator set: the console shows the change page alone, no
 * menu, and even a typed address leads back to it, until the password is changed.
 */
async function forcedChange(current: string, next: string): Promise<void> {
  await page.goto(`${srv.url}/login`);
  await page.getByLabel('用户名', { exact: true }).fill(NEW_USER.username);
  await page.getByLabel('密码', { exact: true }).fill(current);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('forced-password-change').waitFor();
  expect(page.url()).toMatch(/\/change-password$/);
  expect(await page.locator('[data-testid=side-menu] .ant-menu-item').count()).toBe(0);
  await page.goto(`${srv.url}/governance/tickets`);
  await page.getByTestId('forced-password-change').waitFor();
  await page.getByLabel('当前密码', { exact: true }).fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码', { exact: true }).fill(next);
  await page.locator('form button[type=submit]').click();
}

/** antd spaces out two-character Chinese button labels ("保 存"): match with or without the space. */
const button = (label: string) => page.getByRole('button', { name: new RegExp(label.split('').join('\\s*')) });

describeE2E('console settings and administration', () => {
  it('switches the interface to English and back', async () => {
    await signIn(page, srv.url, 'superior');
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toEqual(['首页', '个人设置']);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toEqual(['Home', 'Profile']);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    // remembered across a reload
    await page.reload();
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toEqual(['Home', 'Profile']);
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toEqual(['首页', '个人设置']);
    await signOut(page);
  }, 60_000);

  it('changes the password, then signs in with the new one and not the old', async () => {
    await signIn(page, srv.url, 'builder');
    await page.goto(`${srv.url}/profile`);
    await page.getByLabel('当前密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByText('密码已修改').waitFor();
    await signOut(page);

    await page.getByLabel('用户名', { exact: true }).fill('builder');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');

    await page.getByLabel('密码', { exact: true }).fill(NEW_PASSWORD);
    await page.locator('button[type=submit]').click();
    await page.getByTestId('welcome-card').waitFor();
    await signOut(page);
  }, 60_000);

  it('lets the system administrator create an account', async () => {
    await signIn(page, srv.url, 'sysadmin');
    await page.goto(`${srv.url}/admin/users`);
    await button('新建用户').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名', { exact: true }).fill(NEW_USER.username);
    await dialog.getByLabel('姓名', { exact: true }).fill(NEW_USER.displayName);
    await dialog.getByLabel('所属单位', { exact: true }).click();
    await dialog.getByLabel('所属单位', { exact: true }).fill(NEW_USER.unit);
    await page.locator('.ant-select-item-option', { hasText: NEW_USER.unit }).first().click();
    await dialog.getByLabel('初始密码', { exact: true }).fill(NEW_USER.password);
    await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
    await page.locator('.ant-table-row', { hasText: NEW_USER.username }).waitFor();
    const row = await srv.ctx.database.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.display_name', 'units.name'])
      .where('users.username', '=', NEW_USER.username)
      .executeTakeFirst();
    expect(row).toEqual({ display_name: NEW_USER.displayName, name: NEW_USER.unit });
    await signOut(page);
  }, 60_000);

  it('lets the security administrator give that account a role', async () => {
    await signIn(page, srv.url, 'secadmin');
    await page.goto(`${srv.url}/admin/roles`);
    await page.getByTestId('roles-user-select').click();
    await page.keyboard.type(NEW_USER.username);
    await page.locator('.ant-select-item-option', { hasText: NEW_USER.username }).click();
    await page.locator('label.ant-checkbox-wrapper', { hasText: '部门数据专员' }).click();
    await button('保存').click();
    await page.getByText('角色已保存').waitFor();
    const roles = await srv.ctx.database.db
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select('user_roles.role')
      .where('users.username', '=', NEW_USER.username)
      .execute();
    expect(roles).toEqual([{ role: 'department_staff' }]);
    await signOut(page);

    // the account's first login: its password is the administrator's, so the change comes first, with no menu
    await forcedChange(NEW_USER.password, NEW_PASSWORD);
    // then it works with its role: the department's menu
    await page.getByTestId('welcome-card').waitFor();
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toContain('问题工单');
    await signOut(page);
  }, 60_000);

  it('lets the system administrator reset that password: shown once, and the next login forces a change again', async () => {
    await signIn(page, srv.url, 'sysadmin');
    await page.goto(`${srv.url}/admin/users`);
    await page.getByTestId(`reset-password-${NEW_USER.username}`).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    const shown = page.getByTestId('temporary-password');
    await shown.waitFor();
    const temporary = (await shown.textContent())!.trim();
    expect(temporary).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16}$/);
    await page.getByRole('dialog').locator('.ant-modal-footer button.ant-btn-primary').click();
    await shown.waitFor({ state: 'detached' });
    // once: the list shows that a change is due, never the password
    const row = page.locator('.ant-table-row', { hasText: NEW_USER.username });
    await row.getByText('待改密').waitFor();
    expect(await page.getByText(temporary).count()).toBe(0);
    // the security administrator resets officers, not this account; the system administrator not officers
    expect(await page.getByTestId('reset-password-auditor').count()).toBe(0);
    await signOut(page);

    await forcedChange(temporary, 'Again#Changed2026');
    await page.getByTestId('welcome-card').waitFor();
    await expect.poll(async () => (await menu().allTextContents()).map((s) => s.trim())).toContain('问题工单');
    await signOut(page);
  }, 60_000);

  it('leaves the three officers’ accounts to the security administrator, who disables and enables the auditor', async () => {
    await signIn(page, srv.url, 'sysadmin');
    await page.goto(`${srv.url}/admin/users`);
    const auditorRow = page.locator('.ant-table-row', { hasText: '示例安全审计员' });
    await auditorRow.getByText('三员账号由安全管理员停用或启用').waitFor();
    expect(await auditorRow.getByRole('button', { name: /停\s*用/ }).count()).toBe(0);
    // an ordinary account still has its button
    expect(
      await page
        .locator('.ant-table-row', { hasText: NEW_USER.username })
        .getByRole('button', { name: /停\s*用/ })
        .count(),
    ).toBe(1);
    await signOut(page);

    await signIn(page, srv.url, 'secadmin');
    await page.goto(`${srv.url}/admin/users`);
    const row = page.locator('.ant-table-row', { hasText: '示例安全审计员' });
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await row.getByRole('button', { name: /启\s*用/ }).waitFor();
    const status = () =>
      srv.ctx.database.db.selectFrom('users').select('status').where('username', '=', 'auditor').executeTakeFirstOrThrow();
    expect(await status()).toEqual({ status: 'disabled' });
    await row.getByRole('button', { name: /启\s*用/ }).click();
    await row.getByRole('button', { name: /停\s*用/ }).waitFor();
    expect(await status()).toEqual({ status: 'active' });
    await signOut(page);
  }, 60_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
