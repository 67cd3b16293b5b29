// End to end through a real browser, the problem-data loop as a department lives it: the public
// security bureau's officer (gaj) uploads a CSV of 人口基本信息 in the console and watches it upload and
// run; the batch is applied with the one record whose ID number has a wrong check digit rejected; the
// officer is told by the bell, opens the ticket, corrects the ID number in the record's row and submits;
// the correction passes the same rules and the ticket resolves. Then of two more bad records one is
// corrected with a file made from the ticket and the other disputed, and the platform accepts the
// dispute; the platform tries a rule set on a sample and saves it as a version; the quality dashboard
// and the population library show what the batches brought. The platform finds no thematic library,
// declares one over the population library through the API (declaring is API-only), refreshes it from
// the page and reads its definition and rows. Last, gaj registers a webhook, sees its secret once, sees
// the event a new ticket queued for it, and deactivates it.
// Needs the console built first (`npm run build:web`) and Debian's Chromium at /usr/bin/chromium.
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { idCheckChar } from '../../src/platform/validators/index.js';
import {
  closeConsole,
  type ConsoleUnderTest,
  describeE2E,
  modalSettled,
  openConsole,
  screenshotOnFailure,
  signIn,
  signOut,
} from './browser.js';

const RESOURCE = '人口基本信息';

/** A valid ID number from its first 17 digits (region, birth date, sequence whose parity is the sex). */
const id = (first17: string) => first17 + idCheckChar(first17);
/** The same number with a check character that is not its own. */
const wrongCheck = (first17: string) => first17 + (idCheckChar(first17) === '1' ? '2' : '1');

const ZHANG = id('11010519800101123'); // male: the 17th digit is odd
const LI = id('32010219900315456'); // female
const WANG_17 = '44030519751120789'; // male; uploaded with a wrong check digit, then corrected
const ZHAO_17 = '11010819650707135'; // male; uploaded with a wrong check digit, then disputed
const QIAN_17 = '32010619880229246'; // female; uploaded with a wrong check digit, corrected by file
const SUN_17 = '31010419920606357'; // male; uploaded through the API with a wrong check digit to open a ticket for the webhook
const THEMATIC = '困难群众救助专题';

let srv: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
let dir = '';
const pageErrors: string[] = [];

let ui: ConsoleUnderTest | undefined;
beforeAll(async () => {
  ui = await openConsole({ demo: true, jobs: true }, pageErrors);
  ({ srv, browser, page } = ui);
  dir = mkdtempSync(join(tmpdir(), 'gongshu-e2e-governance-'));
}, 60_000);

afterEach(screenshotOnFailure('governance', () => page));

afterAll(async () => {
  await closeConsole(ui);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const login = (username: string) => signIn(page, srv.url, username);

/** expect.poll with room for a page's first load (lazy chunks) on a busy machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

/** A published resource's id by its name, through the catalog API as the signed-in user. */
async function resourceId(name: string): Promise<string> {
  const res = await page.request.get(`${srv.url}/api/v1/catalog/resources?q=${encodeURIComponent(name)}`);
  return ((await res.json()) as { items: { id: string; name: string }[] }).items.find((r) => r.name === name)!.id;
}

function writeCsv(name: string, rows: string[][]): string {
  const path = join(dir, name);
  const lines = [['姓名', '性别', '公民身份号码', '出生日期', '联系电话', '户籍地址'], ...rows].map((r) => r.join(','));
  writeFileSync(path, lines.join('\r\n') + '\r\n', 'utf8');
  return path;
}

/** Uploads a file for 人口基本信息 through the upload dialog of the batches page and waits for the batch to finish. */
async function uploadThroughPage(file: string): Promise<string> {
  await page.goto(`${srv.url}/aggregation/batches`);
  await page.getByTestId('batch-upload-open').click();
  await page.locator('#upload_resource').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: RESOURCE })
    .first()
    .click();
  // the expected columns are shown for the chosen resource
  await poll(() => page.getByTestId('upload-columns').textContent()).toContain('公民身份号码');
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
  await page.getByTestId('upload-submit').click();
  const result = page.getByTestId('upload-result');
  await result.waitFor({ timeout: 30_000 });
  // both bars ran to the end: the bytes sent, then the batch processed
  expect(await page.locator('[data-testid=upload-progress].ant-progress-status-success').count()).toBe(1);
  expect(await page.locator('[data-testid=batch-progress].ant-progress-status-success').count()).toBe(1);
  return (await result.textContent()) ?? '';
}

describeE2E('aggregation and the problem-data loop', () => {
  it('lets a department upload a CSV through the page and shows the batch applied with one record rejected', async () => {
    await login('gaj');
    await page.locator('[data-testid=side-menu] .ant-menu-item', { hasText: '数据汇聚' }).click();
    await page.waitForURL(/\/aggregation\/batches$/);

    const file = writeCsv('population.csv', [
      ['示例张三', '1', ZHANG, '1980-01-01', '13800138000', '示例市朝阳路1号'],
      ['示例李四', '2', LI, '1990-03-15', '13800138001', '示例市玄武路2号'],
      ['示例王五', '1', wrongCheck(WANG_17), '1975-11-20', '13800138002', '示例市南山路3号'],
    ]);
    expect(await uploadThroughPage(file)).toContain('已入库 2 条，拒收 1 条');

    // The batch page tells what happened and why.
    await page.getByTestId('upload-view-batch').click();
    await page.waitForURL(/\/aggregation\/batches\/[0-9a-f-]{36}$/);
    await poll(() => page.getByTestId('batch-status').first().textContent()).toBe('已入库');
    expect(await page.getByTestId('count-rows').textContent()).toContain('3');
    expect(await page.getByTestId('count-applied').textContent()).toContain('2');
    expect(await page.getByTestId('count-rejected').textContent()).toContain('1');
    // the rule is named by its element and kind once the resource's elements are read
    await poll(() => page.getByTestId('problems-by-rule').textContent()).toContain('公民身份号码 · 公民身份号码');
    expect(await page.getByTestId('dimension-accuracy').textContent()).toContain('准确性');
    const problems = page.locator('[data-testid=batch-problems] tr.ant-table-row');
    await poll(() => problems.count()).toBe(1);
    expect(await problems.first().textContent()).toContain('校验位错误');
    const csv = await page.request.get(`${srv.url}${await page.getByTestId('problems-csv').getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(wrongCheck(WANG_17));
    await page.getByTestId('batch-ticket-link').waitFor();
  }, 90_000);

  it('tells the department by the bell; it corrects the ID number inline and the ticket resolves', async () => {
    await poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).toBe('1');
    await page.getByTestId('notification-bell').click();
    const note = page.getByTestId('notification-item').first();
    expect(await note.textContent()).toContain(`「${RESOURCE}」有 1 条质量问题数据待更正`);
    await note.click();
    await page.waitForURL(/\/governance\/tickets\/[0-9a-f-]{36}$/);
    await poll(() => page.getByTestId('notification-bell').getAttribute('data-unread')).toBe('0'); // read on opening

    expect(await page.getByTestId('ticket-status').first().textContent()).toBe('待更正');
    const row = page.getByTestId('record-row-3');
    const idCell = row.locator('td[data-element=id_number]');
    await poll(() => idCell.getAttribute('data-problem')).toBe('true'); // the element the rule refused
    expect(await row.locator('td[data-element=name]').getAttribute('data-problem')).toBeNull();

    await row.getByTestId('record-edit').click();
    await row.getByTestId('fix-id_number').fill(id(WANG_17));
    await page.getByTestId('corrections-submit').click();
    await poll(() => page.getByTestId('correction-result').textContent()).toContain('更正已通过校验并入库：1 条');
    await poll(() => page.getByTestId('ticket-status').first().textContent()).toBe('已办结');
    expect(await page.getByTestId('ticket-open-count').textContent()).toBe('0 / 1');
    expect(await row.getByTestId('record-status').textContent()).toBe('已解决');

    // The list says so too, and the correction is a batch of its own.
    await page.goto(`${srv.url}/governance/tickets?status=resolved`);
    await poll(() => page.locator('[data-testid=ticket-table] tr.ant-table-row').count()).toBe(1);
    await page.goto(`${srv.url}/aggregation/batches`);
    const batches = page.locator('[data-testid=batch-table] tr.ant-table-row');
    await poll(() => batches.count()).toBe(2);
    expect(await batches.first().textContent()).toContain('问题更正');
  }, 90_000);

  it('takes a correction file made from the ticket, then a dispute of the rest that the platform accepts', async () => {
    const file = writeCsv('population-2.csv', [
      ['示例赵六', '1', wrongCheck(ZHAO_17), '1965-07-07', '13800138003', '示例市海淀路4号'],
      ['示例钱七', '2', wrongCheck(QIAN_17), '1988-02-29', '13800138004', '示例市鼓楼路5号'],
    ]);
    expect(await uploadThroughPage(file)).toContain('已入库 0 条，拒收 2 条');
    await page.goto(`${srv.url}/governance/tickets?status=open`);
    const open = page.locator('[data-testid=ticket-table] tr.ant-table-row');
    await poll(() => open.count()).toBe(1);
    await open.first().getByTestId('ticket-link').click();
    await poll(() => page.getByTestId('ticket-open-count').textContent()).toBe('2 / 2');

    // The open records as a file, as a department would fix them in a spreadsheet: 钱七's number is
    // corrected, 赵六's row is left out (the department holds that its number is right).
    const downloading = page.waitForEvent('download');
    await page.getByTestId('correction-template').click();
    const template = readFileSync((await (await downloading).path())!, 'utf8');
    const lines = template
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('姓名,性别,公民身份号码,出生日期,联系电话,户籍地址,民族,现住址,记录号');
    const qian = lines.find((l) => l.startsWith('示例钱七'))!;
    expect(qian.endsWith(',2')).toBe(true); // the record number in the file
    const fixed = join(dir, 'correction.csv');
    writeFileSync(fixed, [lines[0], qian.replace(wrongCheck(QIAN_17), id(QIAN_17))].join('\r\n') + '\r\n', 'utf8');
    await page.locator('input[type=file]').setInputFiles(fixed);
    await poll(() => page.getByTestId('correction-result').textContent()).toContain('更正已通过校验并入库：1 条');
    await poll(() => page.getByTestId('ticket-open-count').textContent()).toBe('1 / 2');
    expect(await page.getByTestId('ticket-status').first().textContent()).toBe('更正中');

    await page.getByTestId('ticket-dispute').click();
    await page.getByTestId('reason-input').fill('经户籍档案核实，该号码为历史遗留号码，信息无误');
    await page.getByTestId('reason-ok').click();
    await poll(() => page.getByTestId('ticket-status').first().textContent()).toBe('异议中');
    const disputed = page.url();
    await signOut(page);

    await login('platform');
    await page.goto(disputed);
    expect(await page.getByTestId('dispute-alert').textContent()).toContain('历史遗留号码');
    await page.getByTestId('ticket-accept').click();
    await page.getByTestId('reason-input').click();
    await page.getByTestId('reason-ok').click(); // a comment is optional when accepting
    await poll(() => page.getByTestId('ticket-status').first().textContent()).toBe('已办结');
  }, 90_000);

  it('lets the platform try a rule set on a sample and save it as a new version', async () => {
    await page.goto(`${srv.url}/governance/rules`);
    await page.locator('#rules_resource').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: RESOURCE })
      .first()
      .click();
    await poll(() => page.getByTestId('rules-active').textContent()).toContain('默认规则');
    await poll(() => page.getByTestId('rules-table').textContent()).toContain('id_number:id_number');

    // Phone numbers become errors instead of warnings: an edit of the text, tried before it is saved.
    await poll(() => page.getByTestId('rules-text').inputValue()).toContain('rules:');
    const text = await page.getByTestId('rules-text').inputValue();
    const edited = text.replace(/(- element: phone\n\s+kind: phone\n\s+severity: )warning/, '$1error');
    expect(edited).not.toBe(text);
    await page.getByTestId('rules-text').fill(edited);
    await page.getByRole('tab', { name: '试运行' }).click();
    await page.getByTestId('sample-name').first().fill(' 示例孙七 ');
    await page.getByTestId('sample-sex').first().fill('男');
    await page.getByTestId('sample-id_number').first().fill(id('11010519800101123').toLowerCase());
    await page.getByTestId('sample-birth_date').first().fill('1980/1/1');
    await page.getByTestId('sample-phone').first().fill('12345');
    await page.getByTestId('try-run').click();
    const tried = page.locator('[data-testid=try-results] tr.ant-table-row');
    await poll(() => tried.count()).toBe(1);
    const result = (await tried.first().textContent()) ?? '';
    expect(result).toContain('拒收'); // the phone rule is now an error
    expect(result).toContain('1980-01-01'); // cleansed date
    expect(result).toContain('示例孙七'); // trimmed

    // A rule on an element the resource does not have is refused, and the page says which rule and why.
    await page.getByTestId('rules-text').fill(`${edited}\n  - element: nope\n    kind: required\n`);
    await page.getByTestId('rules-save').click();
    await modalSettled(page.getByTestId('rules-save-ok'));
    await page.getByTestId('rules-save-ok').click();
    await poll(() => page.getByTestId('rules-error').textContent()).toContain('没有编码为 nope 的信息项');
    await page.getByTestId('rules-text').fill(edited);

    await page.getByTestId('rules-save').click();
    await modalSettled(page.getByTestId('rules-save-ok'));
    await page.getByTestId('rules-comment').fill('联系电话错误改为拒收');
    await page.getByTestId('rules-save-ok').click();
    await poll(() => page.getByTestId('rules-active').textContent()).toContain('第 1 版');
    await page.getByRole('tab', { name: /版本历史/ }).click();
    expect(await page.getByTestId('rules-history').textContent()).toContain('联系电话错误改为拒收');
  }, 90_000);

  it('shows the platform the quality scores and the population library with each value’s source', async () => {
    await page.goto(`${srv.url}/governance/quality`);
    const rows = page.locator('[data-testid=quality-table] tr.ant-table-row');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(RESOURCE);
    await page.locator('[data-testid=quality-trend] canvas').waitFor();
    await page.locator('[data-testid=quality-radar] canvas').waitFor();

    await page.goto(`${srv.url}/governance/libraries`);
    await poll(() => page.getByTestId('library-population').textContent()).toContain('4');
    await page.getByTestId('library-key').locator('input').fill(ZHANG);
    await page.getByTestId('library-key').locator('input').press('Enter');
    const values = page.locator('[data-testid=library-values] tr.ant-table-row');
    await poll(() => values.count()).toBeGreaterThan(3);
    // the element and resource names come with the source resource, read after the values
    const name = values.filter({ hasText: '示例张三' });
    await poll(() => name.textContent()).toContain(RESOURCE);
    expect(await name.textContent()).toMatch(/^姓名示例张三权威示例市公安局/);

    await page.getByTestId('library-key').locator('input').fill(wrongCheck(ZHAO_17));
    await page.getByTestId('library-key').locator('input').press('Enter');
    await page.getByTestId('library-not-found').waitFor();
    await signOut(page);
  }, 90_000);

  it('shows the platform the thematic libraries: none at first, then one declared through the API, refreshed from the page', async () => {
    await login('platform');
    await page.goto(`${srv.url}/governance/libraries`);
    await page.getByRole('tab', { name: '专题库' }).click();
    await page.waitForURL(/\?tab=thematic$/);
    // the demo here has no data, so nothing is declared; the tab says declaring is done through the API
    await poll(() => page.getByTestId('thematic-table').textContent()).toContain('尚未声明专题库');
    expect(await page.getByTestId('thematic-hint').textContent()).toContain('PUT /api/v1/governance/thematic/');

    // Declared as an integrator would: the population library joined to the population register, one person filtered out.
    const declared = await page.request.put(`${srv.url}/api/v1/governance/thematic/${await resourceId(THEMATIC)}`, {
      data: {
        refreshHours: 48,
        definition: {
          base: { library: 'population' },
          joins: [{ alias: 'pop', resource: await resourceId(RESOURCE), on: { base: 'id_number', element: 'id_number' }, required: true }],
          columns: [
            { from: 'base', element: 'id_number' },
            { from: 'base', element: 'name' },
            { from: 'pop', element: 'household_address' },
            { from: 'pop', element: 'phone' },
          ],
          filters: [{ from: 'base', element: 'name', op: 'ne', value: '示例王五' }],
        },
      },
    });
    expect(declared.status()).toBe(200);

    await page.reload();
    const row = page.locator('[data-testid=thematic-table] tr.ant-table-row', { hasText: THEMATIC });
    await poll(() => row.textContent()).toContain('尚未刷新');
    expect(await row.textContent()).toContain('每 2 天');
    await row.getByTestId('thematic-refresh').click();
    await poll(() => page.locator('.ant-message').textContent()).toContain(`「${THEMATIC}」已刷新，共 3 条记录`);
    await poll(() => row.getByTestId('thematic-row-count').textContent()).toBe('3');

    await row.getByTestId('thematic-view').click();
    await page.waitForURL(/[?&]thematic=[0-9a-f-]{36}/);
    const definition = page.getByTestId('thematic-definition');
    expect(await page.getByTestId('thematic-base').textContent()).toBe('人口基础库');
    // names arrive with the catalog's table resources, after the definition itself
    await poll(() => page.getByTestId('thematic-joins').textContent()).toContain(`${RESOURCE}（`);
    expect(await page.getByTestId('thematic-joins').textContent()).toContain('基础来源 · 公民身份号码 = pop · 公民身份号码');
    expect(await page.getByTestId('thematic-joins').textContent()).toContain('必须匹配');
    expect(await page.getByTestId('thematic-filters').textContent()).toBe('基础来源 · 姓名 不等于 示例王五');
    expect(await definition.getByTestId('thematic-columns').textContent()).toContain('pop · 户籍地址');

    const rows = page.locator('[data-testid=thematic-rows] tr.ant-table-row');
    await poll(() => rows.count()).toBe(3);
    const header = (await page.locator('[data-testid=thematic-rows] thead').textContent()) ?? '';
    expect(header).toMatch(/^公民身份号码id_number姓名name户籍地址household_address联系电话phone$/);
    expect(await rows.filter({ hasText: '示例张三' }).textContent()).toBe(`${ZHANG}示例张三示例市朝阳路1号13800138000`);
    expect(await page.locator('[data-testid=thematic-rows]').textContent()).not.toContain('示例王五');
    await signOut(page);
  }, 60_000);

  it('lets the platform edit the thematic library in a form: the definition comes back filled in, and the next refresh follows it', async () => {
    await login('platform');
    await page.goto(`${srv.url}/governance/libraries?tab=thematic`);
    const row = page.locator('[data-testid=thematic-table] tr.ant-table-row', { hasText: THEMATIC });
    await poll(() => row.getByTestId('thematic-row-count').textContent()).toBe('3');
    await row.getByTestId('thematic-edit').click();
    const editor = page.locator('.ant-modal', { hasText: `编辑专题库「${THEMATIC}」` });
    await editor.waitFor();
    // what the API declared, as the form shows it: the population library as base, one join, four columns, one filter
    await poll(() => editor.locator('.ant-radio-button-wrapper-checked').textContent()).toBe('基础库');
    expect(await editor.getByTestId('thematic-join-row').count()).toBe(1);
    expect(await editor.getByTestId('thematic-column-row').count()).toBe(4);
    expect(await editor.getByTestId('thematic-filter-row').count()).toBe(1);
    expect(await editor.getByTestId('thematic-wanted').textContent()).toContain('公民身份号码（id_number，主键）');
    // an output column left without its target is caught before anything is sent
    await editor.getByTestId('thematic-add-column').click();
    await editor.getByRole('button', { name: '保 存' }).click();
    await poll(() => editor.locator('.ant-form-item-explain-error').first().textContent()).toContain('请填写来源信息项');
    await editor.getByTestId('thematic-column-row').nth(4).getByRole('button', { name: '删除此行' }).click();
    // without the filter, 示例王五 is in the library too
    await editor.getByTestId('thematic-filter-row').getByRole('button', { name: '删除此行' }).click();
    await editor.getByRole('button', { name: '保 存' }).click();
    await poll(() => page.locator('.ant-message').textContent()).toContain(`专题库「${THEMATIC}」已保存`);
    await editor.waitFor({ state: 'hidden' });
    await row.getByTestId('thematic-refresh').click();
    await poll(() => row.getByTestId('thematic-row-count').textContent()).toBe('4');
    await row.getByTestId('thematic-view').click();
    await poll(() => page.getByTestId('thematic-filters').textContent()).toBe('无筛选条件');
    await poll(() => page.locator('[data-testid=thematic-rows]').textContent()).toContain('示例王五');
    await signOut(page);
  }, 60_000);

  it('lets a department register a webhook, shows its secret once and the events queued for it, and deactivates it', async () => {
    await login('gaj');
    await page.locator('[data-testid=side-menu] .ant-menu-item', { hasText: '事件推送' }).click();
    await page.waitForURL(/\/governance\/webhooks$/);
    await poll(() => page.getByTestId('webhook-table').textContent()).toContain('尚未登记 Webhook');

    await page.getByTestId('webhook-register').click();
    await page.getByTestId('webhook-url-input').fill('ftp://example.invalid/hook');
    await page.getByTestId('webhook-register-ok').click();
    await poll(() => page.locator('.ant-form-item-explain-error').textContent()).toContain('http:// 或 https://');
    const url = 'http://127.0.0.1:9/gongshu-events';
    await page.getByTestId('webhook-url-input').fill(url);
    await page.getByTestId('webhook-register-ok').click();
    const secret = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    expect(await page.getByTestId('webhook-signature-header').textContent()).toContain('x-gongshu-signature: hmac-sm3=');
    await modalSettled(page.getByTestId('webhook-secret-close'));
    await page.getByTestId('webhook-secret-close').click();
    const hook = page.locator('[data-testid=webhook-table] tr.ant-table-row').first();
    await poll(() => hook.getByTestId('webhook-url').textContent()).toBe(url);
    expect(await hook.getByTestId('webhook-active').textContent()).toBe('启用中');
    expect(await hook.textContent()).toContain('暂无投递');
    await poll(() => page.content()).not.toContain(secret); // shown once, gone with the dialog

    // A batch with a bad record opens a ticket for the unit, and with it a delivery for the webhook.
    const uploaded = await page.request.post(
      `${srv.url}/api/v1/aggregation/batches/upload?resource=${await resourceId(RESOURCE)}&mode=upsert&fileName=webhook.csv`,
      {
        headers: { 'content-type': 'application/octet-stream' },
        data: readFileSync(
          writeCsv('webhook.csv', [['示例孙八', '1', wrongCheck(SUN_17), '1992-06-06', '13800138005', '示例市徐汇路6号']]),
        ),
      },
    );
    expect(uploaded.status()).toBe(202);
    const batch = ((await uploaded.json()) as { batch: string }).batch;
    await poll(async () => {
      const r = await page.request.get(`${srv.url}/api/v1/aggregation/batches/${batch}`);
      return ((await r.json()) as { status: string }).status;
    }).toBe('applied');
    await page.reload();
    await poll(() => hook.textContent()).toContain('1 次，最近一次：待投递');
    await hook.locator('.ant-table-row-expand-icon').click();
    const delivery = page.locator('[data-testid=webhook-deliveries] tr.ant-table-row');
    await poll(() => delivery.count()).toBe(1);
    expect(await delivery.first().textContent()).toMatch(/^生成问题工单待投递0—/);

    await hook.getByTestId('webhook-deactivate').click();
    await page.getByTestId('webhook-deactivate-ok').click();
    await poll(() => hook.getByTestId('webhook-active').textContent()).toBe('已停用');
    expect(await hook.getByTestId('webhook-deactivate').count()).toBe(0);
    await signOut(page);
  }, 60_000);

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
