// The resource catalog over HTTP on every engine: the review lifecycle (each transition allowed and
// refused), consistency rules, versions with diff, visibility, search, collection and open catalogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/demo/index.js';
import { verifyChain } from '../../src/audit/index.js';
import { runCli } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const draft = (name: string) => ({
  name,
  summary: '测试用的部门资源',
  kind: 'departmental',
  format: 'table',
  updateCycle: 'monthly',
  sharingType: 'conditional',
  sharingCondition: '用于测试',
  sharingModes: ['query'],
  openType: 'conditional',
  openCondition: '脱敏后开放',
  grade: 'general',
  gradeLevel: 2,
  gradingRationale: '测试数据',
  elements: [
    { code: 'record_no', name: '记录编号', type: 'string', length: 20, key: true, required: true },
    { code: 'holder_name', name: '持有人姓名', type: 'string', personalInfo: true, sensitivity: 'personal', maskingRule: 'mask_tail' },
  ],
});

describe.each(testEngines())('catalog on %s', (engine) => {
  let srv: TestServer;
  const as: Record<string, Client> = {};
  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine });
    for (const u of ['gaj', 'scjg', 'platform', 'regulator', 'dev1', 'operator', 'auditor']) {
      as[u] = new Client(srv.url);
      await as[u].login(u);
    }
  });
  afterAll(async () => srv.close());

  it('walks a resource through draft → submitted → returned → submitted → approved → published, refusing wrong steps', async () => {
    const created = await as.gaj!.post('/api/v1/catalog/resources', draft('暂住登记信息'));
    expect(created.status).toBe(201);
    const r = created.body;
    expect(r).toMatchObject({ status: 'draft', version: 1, providerName: '示例市公安局' });
    expect(r.code).toMatch(/^300001-GAJ-\d{6}$/);
    const step = (who: string, action: string, comment?: string) =>
      as[who]!.post(`/api/v1/catalog/resources/${r.id}/${action}`, { comment });

    expect((await step('gaj', 'approve')).status).toBe(403); // a department does not review
    expect((await step('platform', 'publish')).body.code).toBe('invalid_transition'); // not approved yet
    expect((await step('scjg', 'submit')).status).toBe(404); // another department's draft is invisible
    expect((await step('gaj', 'submit')).body.status).toBe('submitted');
    expect((await step('gaj', 'submit')).status).toBe(409);
    expect((await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft('改名'))).body.code).toBe('under_review');
    expect((await step('platform', 'return')).body.code).toBe('reason_required');
    const returned = await step('platform', 'return', '请补充共享条件的法律依据');
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请补充共享条件的法律依据' });
    const fixed = await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, {
      ...draft('暂住登记信息'),
      sharingCondition: '依据《居住证暂行条例》用于居住证办理',
    });
    expect(fixed.body).toMatchObject({ status: 'draft', version: 1 });
    expect((await step('gaj', 'submit')).body.status).toBe('submitted');
    expect((await step('platform', 'approve', '同意')).body.status).toBe('approved');
    const published = await step('platform', 'publish');
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect((await step('platform', 'publish')).status).toBe(409);

    // everyone with catalog access now finds it; a developer has no access to the internal catalog
    const found = await as.scjg!.get(`/api/v1/catalog/resources?q=${encodeURIComponent('暂住登记')}`);
    expect(found.body.items.map((x: any) => x.id)).toContain(r.id);
    expect((await as.dev1!.get('/api/v1/catalog/resources')).status).toBe(403);
    const actions = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'catalog.resource.create',
      'catalog.resource.submit',
      'catalog.resource.return',
      'catalog.resource.update',
      'catalog.resource.submit',
      'catalog.resource.approve',
      'catalog.resource.publish',
    ]);
  });

  it('versions a published resource on edit, keeps the published one in force, and diffs fields', async () => {
    const r = (await as.scjg!.post('/api/v1/catalog/resources', draft('广告经营许可信息'))).body;
    for (const [who, action] of [
      ['scjg', 'submit'],
      ['platform', 'approve'],
      ['platform', 'publish'],
    ] as const)
      await as[who]!.post(`/api/v1/catalog/resources/${r.id}/${action}`, {});
    const edited = await as.scjg!.request('PUT', `/api/v1/catalog/resources/${r.id}`, {
      ...draft('广告经营许可信息'),
      updateCycle: 'weekly',
      elements: [...draft('x').elements, { code: 'valid_to', name: '有效期至', type: 'date' }],
    });
    expect(edited.body).toMatchObject({ version: 2, status: 'draft', publishedVersion: 1 });
    // other departments still see version 1, the provider sees its draft
    expect((await as.gaj!.get(`/api/v1/catalog/resources/${r.id}`)).body).toMatchObject({ version: 1, updateCycle: 'monthly' });
    expect((await as.scjg!.get(`/api/v1/catalog/resources/${r.id}`)).body).toMatchObject({ version: 2, updateCycle: 'weekly' });
    const history = (await as.scjg!.get(`/api/v1/catalog/resources/${r.id}/versions`)).body.items;
    expect(history.map((h: any) => h.version)).toEqual([2, 1]);
    expect(history[0].changes.map((c: any) => c.field).sort()).toEqual(['elements.valid_to', 'updateCycle']);
    expect(history[0].changes.find((c: any) => c.field === 'updateCycle')).toMatchObject({ before: 'monthly', after: 'weekly' });
    expect((await as.gaj!.get(`/api/v1/catalog/resources/${r.id}/versions`)).body.items.map((h: any) => h.version)).toEqual([1]);
    for (const [who, action] of [
      ['scjg', 'submit'],
      ['platform', 'approve'],
      ['platform', 'publish'],
    ] as const)
      await as[who]!.post(`/api/v1/catalog/resources/${r.id}/${action}`, {});
    const v1 = (await as.regulator!.get(`/api/v1/catalog/resources/${r.id}/versions/1`)).body;
    expect(v1.status).toBe('superseded');
    expect((await as.gaj!.get(`/api/v1/catalog/resources/${r.id}`)).body).toMatchObject({ version: 2, status: 'published' });
  });

  it('refuses each consistency rule with a clear 400 that names the field, saving nothing', async () => {
    const before = (await as.gaj!.get('/api/v1/catalog/resources?pageSize=1')).body.total;
    const cases: [string, object][] = [
      ['none_needs_legal_basis', { sharingType: 'none', sharingModes: [], sharingCondition: null }],
      ['graded_not_open', { grade: 'important', gradeLevel: null, openType: 'unconditional' }],
      [
        'sensitive_not_in_clear',
        {
          sharingType: 'unconditional',
          elements: [
            ...draft('x').elements,
            { code: 'id_number', name: '公民身份号码', type: 'string', personalInfo: true, sensitivity: 'sensitive' },
          ],
        },
      ],
      ['table_needs_key', { elements: [{ code: 'a', name: '甲', type: 'string' }] }],
      ['element_code_unique', { elements: [...draft('x').elements, { code: 'record_no', name: '重复', type: 'string' }] }],
    ];
    for (const [rule, patch] of cases) {
      const r = await as.gaj!.post('/api/v1/catalog/resources', { ...draft('不一致的资源'), ...patch });
      expect(r.status, rule).toBe(400);
      expect(r.body.code).toBe('catalog_inconsistent');
      expect(r.body.details.map((d: any) => d.rule)).toContain(rule);
    }
    expect((await as.gaj!.get('/api/v1/catalog/resources?pageSize=1')).body.total).toBe(before);
  });

  it('accepts a resource without a summary, and review comments over several lines', async () => {
    const { summary: _s, ...noSummary } = draft('无摘要的资源');
    const r = await as.gaj!.post('/api/v1/catalog/resources', noSummary);
    expect(r.status).toBe(201);
    expect(r.body.summary).toBe('');
    await as.gaj!.post(`/api/v1/catalog/resources/${r.body.id}/submit`, {});
    const returned = await as.platform!.post(`/api/v1/catalog/resources/${r.body.id}/return`, {
      comment: '一、请补充摘要；\n二、请核对分级依据',
    });
    expect(returned.body.reviewComment).toBe('一、请补充摘要；\n二、请核对分级依据');
    expect((await as.platform!.post(`/api/v1/catalog/resources/${r.body.id}/return`, { comment: '<script>x</script>' })).status).toBe(400);
    const directory = await as.gaj!.get('/api/v1/units/directory');
    expect(directory.body.items.map((u: any) => u.code)).toEqual(expect.arrayContaining(['GAJ', 'SCJG', 'PSU']));
  });

  it('lets a department edit only its own resources', async () => {
    const other = await as.gaj!.post('/api/v1/catalog/resources', { ...draft('冒名资源'), providerUnitId: demoId('unit', 'SCJG') });
    expect(other.status).toBe(403);
    const own = (await as.gaj!.post('/api/v1/catalog/resources', draft('本单位资源'))).body;
    expect((await as.scjg!.request('PUT', `/api/v1/catalog/resources/${own.id}`, draft('篡改'))).status).toBe(404);
    expect((await as.regulator!.request('PUT', `/api/v1/catalog/resources/${own.id}`, draft('篡改'))).status).toBe(403);
    expect((await as.regulator!.get(`/api/v1/catalog/resources/${own.id}`)).body.status).toBe('draft'); // the regulator reads everything
    expect((await as.operator!.request('PUT', `/api/v1/catalog/resources/${own.id}`, draft('运营单位协助编目'))).status).toBe(200); // R4.1.4
  });

  it('finds demo resources by Chinese queries, best matches first, with facets', async () => {
    const q = async (text: string) => (await as.regulator!.get(`/api/v1/catalog/resources?q=${encodeURIComponent(text)}&facets=true`)).body;
    const pop = await q('人口基本信息');
    expect(pop.items[0].name).toBe('人口基本信息');
    const id = await q('公民身份号码'); // an element name: every resource holding ID numbers
    expect(id.items.map((x: any) => x.name)).toEqual(
      expect.arrayContaining(['人口基本信息', '婚姻登记信息', '社会保险参保信息', '住房公积金缴存信息']),
    );
    const pharmacy = await q('药店');
    expect(pharmacy.items.map((x: any) => x.name)).toContain('定点零售药店名录');
    const both = await q('法人 信用代码');
    expect(both.items[0].name).toBe('法人基本信息');
    expect((await q('没有这种资源xyz')).items).toEqual([]);
    expect((await q('%')).items).toEqual([]); // LIKE wildcards are literal
    expect((await q('_')).items).toEqual([]);
    // the index follows edits of a draft in place
    const r = (await as.gaj!.post('/api/v1/catalog/resources', draft('旧名称资源甲'))).body;
    expect((await q('旧名称资源甲')).items.map((x: any) => x.id)).toEqual([r.id]);
    await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft('新名称资源乙'));
    expect((await q('旧名称资源甲')).items).toEqual([]);
    expect((await q('新名称资源乙')).items.map((x: any) => x.id)).toEqual([r.id]);
    expect(pop.facets.grade.length).toBeGreaterThan(0);
    const important = (await as.regulator!.get('/api/v1/catalog/resources?grade=important&facets=true')).body;
    expect(important.items.every((x: any) => x.grade === 'important')).toBe(true);
    expect(important.facets.grade.find((f: any) => f.value === 'general').count).toBeGreaterThan(0); // a facet ignores its own filter
  });

  it('keeps a collection catalog with due dates, restricted to the platform service unit', async () => {
    const all = (await as.platform!.get('/api/v1/catalog/collection')).body.items;
    expect(all.length).toBeGreaterThan(20);
    const own = (await as.gaj!.get('/api/v1/catalog/collection')).body.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c: any) => c.supplierName === '示例市公安局')).toBe(true);
    expect(own[0].nextDue).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const input = {
      resourceId: own[0].resourceId,
      supplierUnitId: demoId('unit', 'GAJ'),
      method: 'api',
      frequency: 'daily',
      responsiblePerson: '示例专员',
      contact: '0595-12345678',
      startsOn: '2026-02-01',
    };
    expect((await as.gaj!.post('/api/v1/catalog/collection', input)).status).toBe(403);
    expect((await as.platform!.post('/api/v1/catalog/collection', input)).status).toBe(201);
  });

  it('publishes an open catalog separately and lists it to the public', async () => {
    const pub = await new Client(srv.url).get('/open/v1/catalog');
    expect(pub.status).toBe(200);
    const names = pub.body.items.map((x: any) => x.name);
    expect(names).toEqual(expect.arrayContaining(['公交站点信息', '定点零售药店名录', '持证经营主体名录']));
    expect(names).not.toContain('人口基本信息');
    expect(JSON.stringify(pub.body)).not.toContain('maskingRule');

    const r = (await as.gaj!.post('/api/v1/catalog/resources', draft('户政窗口分布'))).body;
    for (const [who, action] of [
      ['gaj', 'submit'],
      ['platform', 'approve'],
      ['platform', 'publish'],
    ] as const)
      await as[who]!.post(`/api/v1/catalog/resources/${r.id}/${action}`, {});
    expect((await as.gaj!.post(`/api/v1/catalog/resources/${r.id}/open`)).status).toBe(204);
    expect((await new Client(srv.url).get('/open/v1/catalog')).body.items.map((x: any) => x.name)).not.toContain('户政窗口分布');
    expect((await as.gaj!.post(`/api/v1/catalog/open/${r.id}/decision`, { decision: 'approve' })).status).toBe(403);
    expect((await as.platform!.post(`/api/v1/catalog/open/${r.id}/decision`, { decision: 'approve' })).status).toBe(204);
    expect((await new Client(srv.url).get('/open/v1/catalog')).body.items.map((x: any) => x.name)).toContain('户政窗口分布');
    const population = (await as.regulator!.get(`/api/v1/catalog/resources?q=${encodeURIComponent('人口基本信息')}`)).body.items[0];
    expect((await as.gaj!.post(`/api/v1/catalog/resources/${population.id}/open`)).body.code).toBe('not_openable');
  });

  it('prints the catalog from the CLI and keeps the audit chain intact', async () => {
    const out = await runCli(['catalog', 'list', '--json', '--db', srv.ctx.config.db, '--data-dir', srv.ctx.config.dataDir]);
    expect(out.code, out.stderr).toBe(0);
    const list = JSON.parse(out.stdout);
    const population = list.find((r: any) => r.name === '人口基本信息');
    expect(population).toMatchObject({
      provider: '示例市公安局',
      status: 'published',
      grade: 'important',
      sharingType: 'conditional',
      openType: 'none',
      updateCycle: 'daily',
    });
    expect(population.elements.find((e: any) => e.name === '公民身份号码')).toMatchObject({
      code: 'id_number',
      key: true,
      required: true,
      sensitivity: 'sensitive',
    });
    expect((await verifyChain(srv.ctx.database.db)).ok).toBe(true);
  });
});
