// End to end through a real browser, the resource catalog's review loop as people live it: a
// department officer (gaj) drafts a resource in the editor, meets the catalog rules, takes the
// classification aid's suggestion for the offending element and submits it;
// the platform service unit returns it with reasons; the officer reads them, fixes and resubmits; the
// platform approves and publishes; another department (scjg) finds it in the catalog search and
// narrows the catalog with facets. Then the officer edits the published resource and the version
// history shows the field-level diff. Last, the officer imports a workbook: refused with every error
// listed by sheet, row and column, then applied once correct.
// Needs the console built first (`npm run build:web`) and Debian's Chromium at /usr/bin/chromium.
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { closeConsole, type ConsoleUnderTest, describeE2E, openConsole, screenshotOnFailure, signIn, signOut } from './browser.js';

const NAME = '示例犬只登记信息';
const SUMMARY = '全市养犬登记、犬只免疫与年检信息。';
const NEW_SUMMARY = '全市养犬登记、犬只免疫、年检与注销信息。';
const REASON = '犬主身份证号应使用 SM3 哈希脱敏，请修改后重新提交';
const IMPORTED = '示例导入的犬只年检信息';

let srv: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let resourceId = '';
const pageErrors: string[] = [];

let ui: ConsoleUnderTest | undefined;
beforeAll(async () => {
  ui = await openConsole({ demo: true }, pageErrors);
  ({ srv, browser, page } = ui);
}, 60_000);

afterEach(screenshotOnFailure('catalog', () => page));

afterAll(() => closeConsole(ui));

const login = (username: string) => signIn(page, srv.url, username);

/** expect.poll with room for a page's first load (lazy chunks) on a busy machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** Picks an option of the antd select whose input has this id. */
async function choose(id: string, option: string): Promise<void> {
  await page.locator(`#${id}`).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

/** Clicks OK in the open popconfirm. */
async function confirmPopover(): Promise<void> {
  await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').click();
}

async function statusText(): Promise<string> {
  return (await page.getByTestId('resource-status').first().textContent()) ?? '';
}

function queueRow(tab: 'review-submitted' | 'review-approved'): Locator {
  return page.locator(`[data-testid=${tab}] tr.ant-table-row`, { hasText: NAME });
}

async function openDetail(): Promise<void> {
  await page.goto(`${srv.url}/catalog/${resourceId}`);
  await page.getByTestId('resource-name').waitFor();
}

/**
 * The exported workbook with one more resource: a copy of the department's first resource without a
 * code (so it is new) and with its elements, optionally with a wrong grade and a wrong element type.
 */
async function workbookWithNewResource(
  exported: Buffer,
  mistakes: { grade?: string; elementType?: string },
): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported as unknown as ArrayBuffer);
  const resources = wb.getWorksheet('资源目录')!;
  const elements = wb.getWorksheet('信息项')!;
  const column = (ws: ExcelJS.Worksheet, header: string) => (ws.getRow(1).values as unknown[]).indexOf(header);
  let source = 0;
  resources.eachRow((r, n) => {
    if (!source && n > 1 && r.getCell(column(resources, '提供单位编码')).text === 'GAJ') source = n;
  });
  const code = resources.getRow(source).getCell(column(resources, '资源代码')).text;
  const copy = resources.addRow((resources.getRow(source).values as unknown[]).slice(1));
  copy.getCell(column(resources, '资源代码')).value = null;
  copy.getCell(column(resources, '资源名称')).value = IMPORTED;
  if (mistakes.grade) copy.getCell(column(resources, '分级')).value = mistakes.grade;
  const rows: unknown[][] = [];
  elements.eachRow((r, n) => {
    if (n > 1 && r.getCell(column(elements, '资源代码')).text === code) rows.push((r.values as unknown[]).slice(1));
  });
  rows.forEach((values, i) => {
    const r = elements.addRow(values);
    r.getCell(column(elements, '资源代码')).value = null;
    r.getCell(column(elements, '资源名称')).value = IMPORTED;
    if (i === 0 && mistakes.elementType) r.getCell(column(elements, '数据类型')).value = mistakes.elementType;
  });
  return {
    name: mistakes.grade ? 'catalog-with-mistakes.xlsx' : 'catalog.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

describeE2E('resource catalog', () => {
  it('lets a department draft a resource, shows the catalog rules at the right row, and submits it', async () => {
    await login('gaj');
    await page.locator('[data-testid=side-menu] .ant-menu-item', { hasText: '资源目录' }).click();
    await page.getByTestId('catalog-create').click();
    await page.waitForURL(/\/catalog\/new$/);

    await page.locator('#resource_name').fill(NAME);
    await page.locator('#resource_summary').fill(SUMMARY);
    await page.locator('.ant-radio-button-wrapper', { hasText: /^无条件共享$/ }).click();
    await page.locator('#resource_gradingRationale').fill('不涉及敏感个人信息的大规模汇集，一般数据 2 级');
    await page.locator('#resource_elements_0_name').fill('犬只登记编号');
    await page.locator('#resource_elements_0_code').fill('dog_no');
    await page.locator('#resource_elements_0_key').check(); // ticks "required" with it
    await page.getByTestId('add-element').click();
    await page.locator('#resource_elements_1_name').fill('犬主身份证号');
    await page.locator('#resource_elements_1_code').fill('owner_id_number');
    await choose('resource_elements_1_sensitivity', '敏感个人信息'); // marks it personal information too

    // Sensitive data shared unconditionally in clear breaks a catalog rule: the server says so and
    // the message sits in row 2's masking rule cell as well as in the list above the form.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/catalog/resources') && r.request().method() === 'POST');
    await page.getByTestId('save-submit-resource').click();
    expect((await refused).status()).toBe(400);
    await poll(() => page.getByTestId('resource-problems').textContent()).toContain('不得在无条件共享中明文共享');
    const row = page.getByTestId('element-row-1');
    await poll(() => row.getAttribute('data-problem')).toBe('true');
    expect(await row.locator('.ant-form-item-explain-error').textContent()).toContain('不得在无条件共享中明文共享');
    expect(await page.getByTestId('element-row-0').getAttribute('data-problem')).toBeNull();

    // The classification aid suggests masking (and the standard) from the name; the officer takes it.
    await page.getByTestId('classify-open').click();
    const suggestion = page.locator('[data-testid=classify-table] tr.ant-table-row', { hasText: '犬主身份证号' });
    await poll(() => suggestion.textContent()).toContain('GB 11643');
    expect(await suggestion.textContent()).toContain('中间遮蔽');
    expect(await suggestion.locator('input[type=checkbox]').isChecked()).toBe(true);
    await page.getByTestId('classify-take').click();
    await poll(() => row.getAttribute('data-problem')).toBeNull(); // the answered message goes
    expect(await row.locator('#resource_elements_1_standardRef').inputValue()).toBe('GB 11643');
    expect(await row.textContent()).toContain('中间遮蔽');
    await page.getByTestId('save-submit-resource').click();
    await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/);
    resourceId = new URL(page.url()).pathname.split('/').pop()!;
    await poll(statusText).toBe('待审核');
    await signOut(page);
  }, 60_000);

  it('lets the platform service unit return it with reasons', async () => {
    await login('platform');
    await page.goto(`${srv.url}/catalog/review`);
    await queueRow('review-submitted').getByTestId('action-return').click();
    await page.getByTestId('reason-input').click(); // the dialog is open and settled
    await page.getByTestId('reason-ok').click(); // without a reason: refused on the spot
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: '请写明理由' }).waitFor();
    await page.getByTestId('reason-input').fill(REASON);
    await page.getByTestId('reason-ok').click();
    await poll(() => queueRow('review-submitted').count()).toBe(0);
    await signOut(page);
  }, 60_000);

  it('shows the department the reasons; it fixes the resource and submits again', async () => {
    await login('gaj');
    await openDetail();
    expect(await statusText()).toBe('已退回');
    expect(await page.getByTestId('returned-alert').textContent()).toContain(REASON);

    await page.getByTestId('action-edit').click();
    await page.waitForURL(/\/edit$/);
    await page.locator('#resource_elements_1_maskingRule').waitFor();
    await choose('resource_elements_1_maskingRule', 'SM3摘要');
    await page.getByTestId('save-submit-resource').click();
    await page.waitForURL(new RegExp(`/catalog/${resourceId}$`));
    await poll(statusText).toBe('待审核');
    await signOut(page);
  }, 60_000);

  it('lets the platform approve and publish it', async () => {
    await login('platform');
    await page.goto(`${srv.url}/catalog/review`);
    await queueRow('review-submitted').getByTestId('action-approve').click();
    await page.getByTestId('reason-input').click(); // the dialog is open and settled
    await page.getByTestId('reason-ok').click(); // a comment is optional when approving
    await poll(() => queueRow('review-submitted').count()).toBe(0);

    await page.getByRole('tab', { name: /待发布/ }).click();
    await queueRow('review-approved').getByTestId('action-publish').click();
    await confirmPopover();
    await poll(() => queueRow('review-approved').count()).toBe(0);

    await openDetail();
    expect(await statusText()).toBe('已发布');
    await signOut(page);
  }, 60_000);

  it('lets another department find the published resource in catalog search', async () => {
    await login('scjg');
    await page.goto(`${srv.url}/catalog`);
    await page.getByTestId('catalog-search').locator('input').fill('犬只 免疫');
    await page.getByTestId('catalog-search').locator('input').press('Enter');
    await page.waitForURL(/q=/);
    const rows = page.locator('[data-testid=catalog-table] tr.ant-table-row');
    await poll(() => rows.allTextContents()).toEqual([expect.stringContaining(NAME)]);
    const text = (await rows.first().textContent()) ?? '';
    expect(text).toContain('示例市公安局');
    expect(text).toContain('已发布');
    expect(text).toContain('无条件共享');
  }, 60_000);

  it('narrows the catalog with facets, and each facet counts what the list then shows', async () => {
    await page.goto(`${srv.url}/catalog`);
    const rows = page.locator('[data-testid=catalog-table] tr.ant-table-row');
    const total = page.locator('.ant-pagination-total-text');
    await rows.first().waitFor();
    expect(await total.textContent()).toBe('共 33 条'); // 32 demo resources and the new one

    const gaj = page.locator('[data-testid=facet-providerUnitId] .ant-tag-checkable', { hasText: '示例市公安局' });
    const gajCount = Number(/\((\d+)\)/.exec((await gaj.textContent()) ?? '')?.[1]);
    expect(gajCount).toBeGreaterThan(1);
    await gaj.click();
    await poll(() => total.textContent()).toBe(`共 ${gajCount} 条`);
    expect(new URL(page.url()).searchParams.get('providerUnitId')).toBeTruthy();
    await poll(async () => (await rows.allTextContents()).every((t) => t.includes('示例市公安局'))).toBe(true);

    const general = page.locator('[data-testid=facet-grade] .ant-tag-checkable', { hasText: '一般' });
    const generalCount = Number(/\((\d+)\)/.exec((await general.textContent()) ?? '')?.[1]);
    await general.click();
    await poll(() => total.textContent()).toBe(`共 ${generalCount} 条`);
    await poll(async () => (await rows.allTextContents()).some((t) => t.includes(NAME))).toBe(true);
    expect((await rows.allTextContents()).every((t) => t.includes('示例市公安局') && t.includes('一般'))).toBe(true);

    await page.getByTestId('facet-clear').click();
    await poll(() => total.textContent()).toBe('共 33 条');

    // the base category (人口, 法人, …) is a facet of its own
    const population = page.locator('[data-testid=facet-baseCategory] .ant-tag-checkable', { hasText: '人口' });
    const populationCount = Number(/\((\d+)\)/.exec((await population.textContent()) ?? '')?.[1]);
    expect(populationCount).toBeGreaterThan(0);
    await population.click();
    await poll(() => total.textContent()).toBe(`共 ${populationCount} 条`);
    await poll(async () => (await rows.allTextContents()).some((t) => t.includes('人口基本信息'))).toBe(true);
    await page.getByTestId('facet-clear').click();
    await poll(() => total.textContent()).toBe('共 33 条');
    await signOut(page);
  }, 60_000);

  it('makes a new version when the department edits the published resource, with a field-level diff', async () => {
    await login('gaj');
    await openDetail();
    await page.getByTestId('action-edit').click();
    await page.getByTestId('new-version-warning').waitFor(); // said before saving
    await page.locator('#resource_summary').fill(NEW_SUMMARY);
    await choose('resource_updateCycle', '每日');
    await page.getByTestId('save-resource').click();
    await page.waitForURL(new RegExp(`/catalog/${resourceId}$`));
    await poll(statusText).toBe('草稿');
    expect(await page.getByTestId('new-version-alert').textContent()).toContain('v2');

    await page.getByRole('tab', { name: '版本历史' }).click();
    await page.getByTestId('version-2').waitFor();
    const diff = page.locator('[data-testid=version-history] .ant-collapse-item-active [data-testid=version-diff] tr.ant-table-row');
    await poll(() => diff.count()).toBe(2);
    const changes = await diff.allTextContents();
    expect(changes.find((c) => c.startsWith('资源摘要'))).toBe(`资源摘要${SUMMARY}${NEW_SUMMARY}`);
    expect(changes.find((c) => c.startsWith('更新周期'))).toBe('更新周期每月每日');

    // The published version is still there to read as it stood.
    await page.locator('[data-testid=version-history] .ant-collapse-item', { hasText: 'v1' }).getByText('查看此版本').click();
    await page.getByTestId('old-version-alert').waitFor();
    expect(await page.getByTestId('resource-metadata').textContent()).toContain(SUMMARY);
    await signOut(page);
  }, 60_000);

  it('imports a workbook only when it has no errors, listing each error by sheet, row and column', async () => {
    await login('gaj');
    await page.goto(`${srv.url}/catalog`);
    await page.getByTestId('catalog-import').click();
    await page.waitForURL(/\/catalog\/import$/);

    // The department's starting point is its export; one new resource is added to it, once with mistakes.
    const exported = await page.request.get(`${srv.url}/api/v1/catalog/export?format=xlsx`);
    expect(exported.status()).toBe(200);
    const template = Buffer.from(await exported.body());
    const withMistakes = await workbookWithNewResource(template, { grade: '机密', elementType: '文本' });
    const correct = await workbookWithNewResource(template, {});

    await page.locator('input[type=file]').setInputFiles(withMistakes);
    await page.getByTestId('import-check').click();
    const errors = page.locator('[data-testid=import-errors] tr.ant-table-row');
    await poll(() => errors.count()).toBe(2);
    const texts = await errors.allTextContents();
    expect(texts[0]).toMatch(/^资源目录\d+分级「机密」不是可选值/);
    expect(texts[1]).toMatch(/^信息项\d+数据类型「文本」不是可选值/);
    expect(await page.getByTestId('import-apply').isDisabled()).toBe(true);

    await page.locator('input[type=file]').setInputFiles(correct);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-clean').waitFor();
    await page.getByTestId('import-apply').click();
    expect(await page.getByTestId('import-done').textContent()).toContain('新建 1 项');

    await page.goto(`${srv.url}/catalog?q=${encodeURIComponent(IMPORTED)}`);
    const rows = page.locator('[data-testid=catalog-table] tr.ant-table-row');
    await poll(() => rows.allTextContents()).toEqual([expect.stringContaining('草稿')]);
    await signOut(page);
  }, 60_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
