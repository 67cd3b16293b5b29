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
    const rows = { resource: 0, element: 0, orphan: 0 };
    const broken = await edit(file, (wb) => {
      const res = wb.getWorksheet('资源目录')!;
      const els = wb.getWorksheet('信息项')!;
      // a new resource row with an unknown grade and no grading rationale (分级依据)
      rows.resource = res.addRow([
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
      ]).number;
      // an element of it with a bad type, and one pointing at no resource
      rows.element = els.addRow(['', '新增户政资源', '编号', 'record_no', '长文本', '', '', '是', '是', '', '', '否', '', '', '']).number;
      rows.orphan = els.addRow(['', '不存在的资源', '编号', 'record_no', '字符型', '', '', '是', '是', '', '', '否', '', '', '']).number;
      // a formula cell in an existing row
      res.getRow(2).getCell(4).value = { formula: 'HYPERLINK("http://x","点我")', result: '点我' } as ExcelJS.CellFormulaValue;
    });
    const r = await upload(srv, gaj(), broken);
    expect(r.status).toBe(422);
    expect(r.body.applied).toBe(false);
    // every error, each once, where it is: nothing missed (the empty 分级依据 too), nothing said twice
    expect(r.body.errors).toEqual([
      { sheet: '资源目录', row: 2, column: '摘要', message: '不接受公式，请填写值 (formulas are not accepted: enter the value)' },
      { sheet: '资源目录', row: rows.resource, column: '分级', message: '「绝密」不是可选值，可选：核心、重要、一般' },
      {
        sheet: '信息项',
        row: rows.element,
        column: '数据类型',
        message: '「长文本」不是可选值，可选：字符型、整数型、数值型、日期型、日期时间型、布尔型',
      },
      {
        sheet: '信息项',
        row: rows.orphan,
        column: '资源名称',
        message: '找不到此信息项所属的资源（请与「资源目录」表的代码或名称一致）',
      },
      { sheet: '资源目录', row: rows.resource, column: '分级依据', message: '必填项未填写 (required)' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports every error of a broken JSON import by item and field, and refuses more than 5,000 items whole', async () => {
    const before = await snapshot();
    const post = (body: unknown) => gaj().post('/api/v1/catalog/import', body);
    const ok = {
      name: 'JSON导入的资源',
      kind: 'departmental',
      format: 'table',
      updateCycle: 'monthly',
      sharingType: 'conditional',
      sharingCondition: '用于测试',
      sharingModes: ['query'],
      openType: 'none',
      grade: 'general',
      gradeLevel: 2,
      gradingRationale: '测试',
      elements: [{ code: 'record_no', name: '编号', type: 'string', key: true, required: true }],
    };
    const r = await post([
      ok,
      { ...ok, name: 'JSON导入乙', grade: 'secret', gradeLevel: undefined, gradingRationale: undefined },
      {
        ...ok,
        name: 'JSON导入丙',
        provider: 'NOPE',
        elements: [{ code: 'record_no', name: '编号', type: 'text', key: true, required: true }],
      },
      { ...ok, name: 'JSON导入丁', sharingType: 'none', sharingCondition: null, sharingModes: [], related: ['399999-GAJ-999999'] },
    ]);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'import_invalid', applied: false });
    // item numbers count from 1, as rows do; element fields are named with their index
    expect(r.body.errors).toEqual([
      { sheet: 'JSON', row: 2, column: 'grade', message: '「secret」不是可选值，可选：core、important、general' },
      { sheet: 'JSON', row: 2, column: 'gradingRationale', message: '必填项未填写 (required)' },
      { sheet: 'JSON', row: 3, column: 'provider', message: '单位编码「NOPE」不存在' },
      {
        sheet: 'JSON',
        row: 3,
        column: 'elements[0].type',
        message: '「text」不是可选值，可选：string、integer、decimal、date、datetime、boolean',
      },
      {
        sheet: 'JSON',
        row: 4,
        column: 'sharingLegalBasis',
        message: '不予共享的资源必须填写法律法规依据 (a legal basis is required for "none" sharing)',
      },
      { sheet: 'JSON', row: 4, column: 'related', message: '关联资源代码不存在：399999-GAJ-999999' },
    ]);
    expect(await snapshot()).toEqual(before);

    const tooMany = await post(Array.from({ length: 5001 }, () => ok));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([{ sheet: 'JSON', row: 5001, column: '', message: '一次最多导入 5000 个资源（本文件 5001 个）' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses per row to change what an existing resource code is made of', async () => {
    const before = await snapshot();
    const file = await download(srv, gaj(), '/api/v1/catalog/export?format=xlsx');
    let row = 0;
    const changed = await edit(file, (wb) => {
      const ws = wb.getWorksheet('资源目录')!;
      ws.eachRow((r, n) => {
        if (!row && n > 1 && r.getCell(3).value === 'GAJ') row = n;
      });
      ws.getRow(row).getCell(7).value = '999'; // 主题分类
    });
    const r = await upload(srv, gaj(), changed, true);
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      { sheet: '资源目录', row, column: '主题分类', message: '资源代码据此编制，创建后不能更改 (fixed after creation)' },
    ]);
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
