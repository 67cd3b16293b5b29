// Excel import/export of the catalog on every engine: a round trip changes nothing; a broken workbook
// reports every error by sheet, row and column and applies nothing; new rows become drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testEngines } from '../support/engines.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(srv: TestServer, c: Client, path: string): Promise<Buffer> {
  const res = await fetch(srv.url + path, { headers: { authorization: `Bearer ${c.token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function upload(srv: TestServer, c: Client, body: Buffer, dryRun = false) {
  const res = await fetch(`${srv.url}/api/v1/catalog/import?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': XLSX },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function edit(buffer: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(testEngines())('catalog Excel on %s', (engine) => {
  let srv: TestServer;
  const gaj = () => clients.gaj!;
  const clients: Record<string, Client> = {};
  const snapshot = async () =>
    (
      await srv.ctx.database.db
        .selectFrom('catalog_versions')
        .select(['resource_id', 'version', 'status', 'content'])
        .orderBy('resource_id')
        .orderBy('version')
        .execute()
    ).map((r) => JSON.stringify(r));

  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine });
    for (const u of ['gaj', 'platform']) {
      clients[u] = new Client(srv.url);
      await clients[u].login(u);
    }
  });
  afterAll(async () => srv.close());

  it('exports a workbook that imports back with no change at all', async () => {
    const before = await snapshot();
    const file = await download(srv, gaj(), '/api/v1/catalog/export?format=xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['资源目录', '信息项']);
    expect(wb.getWorksheet('资源目录')!.getRow(1).getCell(2).value).toBe('资源名称');
    const r = await upload(srv, gaj(), file);
    expect(r.status, JSON.stringify(r.body.errors?.slice(0, 3))).toBe(200);
    expect(r.body).toMatchObject({ applied: true, created: 0, updated: 0, errors: [] });
    expect(r.body.unchanged).toBe(32); // other units' rows pass while unchanged
    expect(await snapshot()).toEqual(before);
  });

  it('the platform exports everything, and its export re-imports unchanged too', async () => {
    const before = await snapshot();
    const file = await download(srv, clients.platform!, '/api/v1/catalog/export?format=xlsx');
    const r = await upload(srv, clients.platform!, file);
    expect(r.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 32 });
    expect(await snapshot()).toEqual(before);
    const json = await (
      await fetch(srv.url + '/api/v1/catalog/export?format=json', { headers: { authorization: `Bearer ${clients.platform!.token}` } })
    ).json();
    const back = await clients.platform!.post('/api/v1/catalog/import', json);
    expect(back.body).toMatchObject({ applied: true, unchanged: 32 });
  });

  it('reports every error of a broken workbook with sheet, row and column, and applies nothing', async () => {
    const before = await snapshot();
    const file = await download(srv, gaj(), '/api/v1/catalog/export?format=xlsx');
    const broken = await edit(file, (wb) => {
      const res = wb.getWorksheet('资源目录')!;
      const els = wb.getWorksheet('信息项')!;
      // a new resource row with a wrong value, an unknown grade and a missing rationale
      res.addRow([
        '',
        '新增户政资源',
        'GAJ',
        '摘要',
        '部门',
        '',
        '001',
        '库表',
        '每月',
        '',
        '',
        '有条件共享',
        '用于测试',
        '查询',
        '',
        '不予开放',
        '',
        '绝密',
        '',
        '',
      ]);
      // an element of it with a bad type, and one pointing at no resource
      els.addRow(['', '新增户政资源', '编号', 'record_no', '长文本', '', '', '是', '是', '', '', '否', '', '', '']);
      els.addRow(['', '不存在的资源', '编号', 'record_no', '字符型', '', '', '是', '是', '', '', '否', '', '', '']);
      // a formula cell in an existing row
      res.getRow(2).getCell(4).value = { formula: 'HYPERLINK("http://x","点我")', result: '点我' } as ExcelJS.CellFormulaValue;
    });
    const r = await upload(srv, gaj(), broken);
    expect(r.status).toBe(422);
    expect(r.body.applied).toBe(false);
    const errs = r.body.errors.map((e: any) => `${e.sheet}!${e.row}!${e.column}`);
    const lastRes = r.body.errors.find((e: any) => e.column === '分级');
    expect(lastRes).toMatchObject({ sheet: '资源目录' });
    expect(errs).toContain(`资源目录!${lastRes.row}!分级`);
    expect(errs).toContain('资源目录!2!摘要');
    expect(r.body.errors.find((e: any) => e.column === '数据类型')).toMatchObject({ sheet: '信息项' });
    expect(r.body.errors.some((e: any) => e.sheet === '信息项' && /找不到/.test(e.message))).toBe(true);
    expect(r.body.errors.length).toBeGreaterThanOrEqual(5);
    expect(new Set(errs).size).toBe(errs.length); // one message a cell, not one from each layer
    expect(await snapshot()).toEqual(before);
  });

  it('creates drafts from new rows, and checks consistency rules row by row', async () => {
    const file = await download(srv, gaj(), '/api/v1/catalog/export?format=xlsx');
    const inconsistent = await edit(file, (wb) => {
      wb.getWorksheet('资源目录')!.addRow([
        '',
        '流动人口登记',
        'GAJ',
        '登记信息',
        '部门',
        '',
        '001',
        '库表',
        '每月',
        '',
        '',
        '不予共享',
        '',
        '',
        '',
        '不予开放',
        '',
        '一般',
        2,
        '测试',
      ]);
      wb.getWorksheet('信息项')!.addRow([
        '',
        '流动人口登记',
        '登记编号',
        'reg_no',
        '字符型',
        20,
        '',
        '是',
        '是',
        '',
        '',
        '否',
        '非个人信息',
        '不脱敏',
        '',
      ]);
    });
    const bad = await upload(srv, gaj(), inconsistent);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ sheet: '资源目录', column: '不予共享依据', message: expect.stringMatching(/法律法规依据/) }),
    ]);
    const fixed = await edit(inconsistent, (wb) => {
      const ws = wb.getWorksheet('资源目录')!;
      ws.getRow(ws.rowCount).getCell(15).value = '《中华人民共和国个人信息保护法》';
    });
    expect((await upload(srv, gaj(), fixed, true)).body).toMatchObject({
      applied: false,
      created: 1,
      updated: 0,
      unchanged: 32,
      errors: [],
    }); // dry run
    const ok = await upload(srv, gaj(), fixed);
    expect(ok.body).toMatchObject({ applied: true, created: 1, updated: 0 });
    const found = await gaj().get(`/api/v1/catalog/resources?q=${encodeURIComponent('流动人口登记')}`);
    expect(found.body.items[0]).toMatchObject({ status: 'draft', providerName: '示例市公安局' });
  });

  it('refuses what is not a workbook, clearly', async () => {
    const r = await upload(srv, gaj(), Buffer.from('PK\u0003\u0004 this is not really a zip'));
    expect(r.status).toBe(422);
    expect(r.body.errors[0].message).toMatch(/xlsx/);
    const wrongType = await fetch(`${srv.url}/api/v1/catalog/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gaj().token}`, 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(wrongType.status).toBe(415);
  });
});
