// The resource catalog over HTTP on every engine: the review lifecycle (each transition allowed and
// refused), consistency rules, versions with diff, visibility, search, collection and open catalogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { demoId } from '../../src/demo/index.js';
import { verifyChain } from '../../src/audit/index.js';
import { searchQuery } from '../../src/catalog/queries.js';
import { loadPrincipal } from '../../src/identity/principal-loader.js';
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
    for (const u of ['gaj', 'scjg', 'mzj', 'platform', 'regulator', 'dev1', 'operator', 'auditor']) {
      as[u] = new Client(srv.url);
      await as[u].login(u);
    }
  });
  afterAll(async () => srv.close());

  const act = (who: string, id: string, action: string, comment?: string) =>
    as[who]!.post(`/api/v1/catalog/resources/${id}/${action}`, comment === undefined ? {} : { comment });
  /** A new resource of the unit, taken through review to published. */
  async function published(who: string, content: object) {
    const r = (await as[who]!.post('/api/v1/catalog/resources', content)).body;
    expect((await act(who, r.id, 'submit')).status).toBe(200);
    expect((await act('platform', r.id, 'approve')).status).toBe(200);
    expect((await act('platform', r.id, 'publish')).status).toBe(200);
    return r as { id: string; code: string };
  }
  const publicNames = async () => (await new Client(srv.url).get('/open/v1/catalog')).body.items.map((x: any) => x.name);
  const openEntry = async (id: string) => (await as.platform!.get('/api/v1/catalog/open')).body.items.find((x: any) => x.resourceId === id);
  const pushBatch = (who: string, resource: string, key: string) =>
    as[who]!.post('/api/v1/aggregation/batches', { resource, idempotencyKey: key, mode: 'upsert' });

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
    // facets only when asked: `false` means no, and anything but true/false is refused
    expect((await as.regulator!.get('/api/v1/catalog/resources?facets=false')).body.facets).toBeUndefined();
    expect((await as.regulator!.get('/api/v1/catalog/resources?facets=maybe')).status).toBe(400);
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

  it('refuses review steps from the wrong state with 409, changing nothing', async () => {
    const r = (await as.gaj!.post('/api/v1/catalog/resources', draft('错态测试资源'))).body;
    const refused = async (who: string, action: string, from: string) => {
      const res = await act(who, r.id, action, '理由');
      expect(res.status, `${action} from ${from}`).toBe(409);
      expect(res.body).toMatchObject({ code: 'invalid_transition', details: { from, action } });
    };
    await refused('platform', 'approve', 'draft');
    await refused('platform', 'return', 'draft');
    await act('gaj', r.id, 'submit');
    expect((await act('platform', r.id, 'approve')).body.status).toBe('approved');
    await refused('platform', 'approve', 'approved');
    await refused('platform', 'return', 'approved');
    await refused('gaj', 'submit', 'approved');
    expect((await act('platform', r.id, 'publish')).body.status).toBe('published');
    await refused('gaj', 'submit', 'published');
    await refused('platform', 'approve', 'published');
    expect((await as.gaj!.get(`/api/v1/catalog/resources/${r.id}`)).body).toMatchObject({ status: 'published', version: 1 });
  });

  it('deprecates a published resource: reason required, platform only, then no edits, no batches, not open', async () => {
    const unpublished = (await as.gaj!.post('/api/v1/catalog/resources', draft('未发布即废止'))).body;
    expect((await act('platform', unpublished.id, 'deprecate', '不再需要')).body).toMatchObject({
      code: 'invalid_transition',
      details: { from: 'draft' },
    });
    const r = await published('gaj', draft('待废止的登记信息'));
    await as.gaj!.post(`/api/v1/catalog/resources/${r.id}/open`);
    await as.platform!.post(`/api/v1/catalog/open/${r.id}/decision`, { decision: 'approve' });
    expect(await publicNames()).toContain('待废止的登记信息');
    expect((await pushBatch('gaj', r.id, 'before-deprecation')).status).toBe(201);
    const supply = {
      resourceId: r.id,
      supplierUnitId: demoId('unit', 'GAJ'),
      method: 'api',
      frequency: 'daily',
      responsiblePerson: '示例专员',
      contact: '0595-12345678',
      startsOn: '2026-01-01',
    };
    const entry = (await as.platform!.post('/api/v1/catalog/collection', supply)).body.id;

    expect((await as.gaj!.post(`/api/v1/catalog/resources/${r.id}/deprecate`, { comment: '本单位想废止' })).status).toBe(403);
    expect((await act('platform', r.id, 'deprecate')).body.code).toBe('reason_required');
    const done = await act('platform', r.id, 'deprecate', '职能调整，数据不再采集');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'deprecated', version: 1, publishedVersion: 1, reviewComment: '职能调整，数据不再采集' });
    expect(done.body.deprecatedAt).toBeTruthy();
    expect((await act('platform', r.id, 'deprecate', '再次废止')).status).toBe(409);

    const edit = await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft('废止后改名'));
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('deprecated');
    const batch = await pushBatch('gaj', r.id, 'after-deprecation');
    expect(batch.status).toBe(409);
    expect(batch.body.code).toBe('resource_deprecated');
    expect(await publicNames()).not.toContain('待废止的登记信息');
    expect(await openEntry(r.id)).toMatchObject({ status: 'withdrawn' });
    // no more supply is expected of it: its collection entries are retired, and no new one is accepted
    const collection = (await as.platform!.get('/api/v1/catalog/collection')).body.items.find((c: any) => c.id === entry);
    expect(collection).toMatchObject({ status: 'retired', nextDue: null });
    expect((await as.platform!.post('/api/v1/catalog/collection', supply)).body.code).toBe('deprecated');
    const actions = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', r.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action).slice(-2)).toEqual(['catalog.resource.deprecate', 'catalog.open.withdraw']);
  });

  it('deprecates the published line while a new version is in draft, closing the draft unpublished', async () => {
    const r = await published('gaj', draft('带草稿废止的资源'));
    expect((await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft('带草稿废止的资源（改）'))).body).toMatchObject({
      version: 2,
      status: 'draft',
    });
    const done = await act('platform', r.id, 'deprecate', '并入其他资源');
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ version: 2, status: 'deprecated', publishedVersion: 1 });
    expect((await as.regulator!.get(`/api/v1/catalog/resources/${r.id}/versions/1`)).body.status).toBe('deprecated');
    expect((await as.scjg!.get(`/api/v1/catalog/resources/${r.id}`)).body).toMatchObject({ version: 1, status: 'deprecated' });
    // the closed draft was never published: other departments see neither it nor its history entry
    expect((await as.scjg!.get(`/api/v1/catalog/resources/${r.id}/versions/2`)).status).toBe(404);
    expect((await as.scjg!.get(`/api/v1/catalog/resources/${r.id}/versions`)).body.items.map((h: any) => h.version)).toEqual([1]);
    expect((await act('gaj', r.id, 'submit')).status).toBe(409); // the closed draft cannot go on to review
    const history = (await as.gaj!.get(`/api/v1/catalog/resources/${r.id}/versions`)).body.items;
    expect(history.map((h: any) => [h.version, h.status])).toEqual([
      [2, 'deprecated'],
      [1, 'deprecated'],
    ]);
  });

  it('moves the open entry with each published version, re-reviews material changes, withdraws what is no longer open', async () => {
    const base = { ...draft('公共停车场名录'), summary: '全市公共停车场' };
    const r = await published('gaj', base);
    await as.gaj!.post(`/api/v1/catalog/resources/${r.id}/open`);
    await as.platform!.post(`/api/v1/catalog/open/${r.id}/decision`, { decision: 'approve' });
    const listed = async () => (await new Client(srv.url).get('/open/v1/catalog')).body.items.find((x: any) => x.code === r.code);
    const republish = async (content: object) => {
      await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, content);
      for (const [who, action] of [
        ['gaj', 'submit'],
        ['platform', 'approve'],
        ['platform', 'publish'],
      ] as const)
        expect((await act(who, r.id, action)).status).toBe(200);
    };
    // v2 changes only the summary: the opening carries over and the public sees v2
    await republish({ ...base, summary: '全市公共停车场及泊位' });
    expect((await listed())?.summary).toBe('全市公共停车场及泊位');
    expect(await openEntry(r.id)).toMatchObject({ status: 'published', version: 2 });
    // v3 changes the open conditions: back to review, off the public listing until approved
    await republish({ ...base, summary: '全市公共停车场及泊位', openCondition: '注册用户申请后开放' });
    expect(await listed()).toBeUndefined();
    expect(await openEntry(r.id)).toMatchObject({ status: 'submitted', version: 3 });
    await as.platform!.post(`/api/v1/catalog/open/${r.id}/decision`, { decision: 'approve' });
    expect((await listed())?.openCondition).toBe('注册用户申请后开放');
    // v4 is not to be opened: withdrawn
    await republish({ ...base, openType: 'none', openCondition: null });
    expect(await listed()).toBeUndefined();
    expect(await openEntry(r.id)).toMatchObject({ status: 'withdrawn', version: 4 });
    const actions = (
      await srv.ctx.database.db.selectFrom('audit_log').select('action').where('object_id', '=', r.id).orderBy('seq').execute()
    ).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith('catalog.open.'))).toEqual([
      'catalog.open.submit',
      'catalog.open.approve',
      'catalog.open.follow',
      'catalog.open.resubmit',
      'catalog.open.approve',
      'catalog.open.withdraw',
    ]);
  });

  it('runs parallel requests one at a time where they would race: codes, new versions, review steps', async () => {
    const creates = await Promise.all(
      Array.from({ length: 6 }, (_, i) => as.gaj!.post('/api/v1/catalog/resources', { ...draft(`并发新建${i}`), subject: '777' })),
    );
    expect(creates.map((c) => c.status)).toEqual(Array(6).fill(201));
    expect(creates.map((c) => c.body.code).sort()).toEqual(Array.from({ length: 6 }, (_, i) => `300777-GAJ-00000${i + 1}`));

    const r = await published('gaj', draft('并发编辑的资源'));
    const edits = await Promise.all(
      Array.from({ length: 4 }, (_, i) => as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft(`并发编辑的资源${i}`))),
    );
    expect(edits.map((e) => e.status)).toEqual([200, 200, 200, 200]);
    const versions = await srv.ctx.database.db.selectFrom('catalog_versions').select('version').where('resource_id', '=', r.id).execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]); // one new version, edited in turn

    const submits = await Promise.all(Array.from({ length: 4 }, () => act('gaj', r.id, 'submit')));
    expect(submits.map((s) => s.status).sort()).toEqual([200, 409, 409, 409]);
    const audited = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', r.id)
      .where('action', '=', 'catalog.resource.submit')
      .execute();
    expect(audited.length).toBe(2); // v1's, and one for v2
  });

  it('searches through the text index: trigram terms by the index, short terms and wildcards correctly', async () => {
    const regulator = (await loadPrincipal(srv.ctx.database.db, demoId('user', 'regulator'), { credential: null, sessionId: null }))!;
    const { db, adapter } = srv.ctx.database;
    const compiled = searchQuery(db, adapter, regulator, { q: '人口基本' }).select('r.id').compile();
    if (engine === 'sqlite') {
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      const details = plan.rows.map((x) => x.detail).join('\n');
      expect(details).toMatch(/catalog_fts VIRTUAL TABLE INDEX 0:M/); // a MATCH through the trigram index, not a full scan (INDEX 0:)
    } else {
      const details = await db.transaction().execute(async (trx) => {
        // the catalog here is small, so scans are cheapest; with them priced out, the plan shows whether the
        // trigram index can answer the condition at all (it cannot for a pattern it extracts no trigrams from)
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_indexscan = off`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        return plan.rows.map((x) => x['QUERY PLAN']).join('\n');
      });
      expect(details).toMatch(/catalog_versions_search_trgm/);
    }
    const q = async (text: string) =>
      (await as.regulator!.get(`/api/v1/catalog/resources?q=${encodeURIComponent(text)}`)).body.items.map((x: any) => x.name);
    expect(await q('人口')).toContain('人口基本信息'); // two characters: no trigram, still found
    expect(await q('口')).toContain('人口基本信息');
    expect(await q('人口"基本')).toEqual([]); // a quote is a character, not FTS syntax
    expect(await q('人口%信息')).toEqual([]); // so are LIKE's wildcards, long or short
    expect(await q('%_')).toEqual([]);
    expect(await q('身份号码')).toEqual(expect.arrayContaining(['人口基本信息']));
  });

  it('ranks a name hit above a summary hit above an element-name hit', async () => {
    const term = '甲乙丙丁戊';
    const el = (name: string) => [
      { code: 'record_no', name: '记录编号', type: 'string', key: true, required: true },
      { code: 'other', name, type: 'string' },
    ];
    // created in the reverse of the expected order, so that the order by code alone would be wrong
    const inElement = (await as.gaj!.post('/api/v1/catalog/resources', { ...draft('排序测试一'), elements: el(`${term}编号`) })).body;
    const inSummary = (
      await as.gaj!.post('/api/v1/catalog/resources', { ...draft('排序测试二'), summary: `关于${term}的摘要`, elements: el('备注') })
    ).body;
    const inName = (await as.gaj!.post('/api/v1/catalog/resources', { ...draft(`${term}登记`), elements: el('备注') })).body;
    const found = (await as.regulator!.get(`/api/v1/catalog/resources?q=${encodeURIComponent(term)}`)).body.items.map((x: any) => x.id);
    expect(found).toEqual([inName.id, inSummary.id, inElement.id]);
  });

  it('offers the base category as a facet and a filter', async () => {
    const all = (await as.regulator!.get('/api/v1/catalog/resources?facets=true&kind=base')).body;
    const values = all.facets.baseCategory.map((f: any) => f.value);
    expect(values).toEqual(expect.arrayContaining(['population', 'legal_entity']));
    expect(all.facets.baseCategory.every((f: any) => f.count > 0)).toBe(true);
    const population = (await as.regulator!.get('/api/v1/catalog/resources?baseCategory=population&facets=true')).body;
    expect(population.items.map((x: any) => x.name)).toContain('人口基本信息');
    expect(population.items.every((x: any) => x.baseCategory === 'population')).toBe(true);
    expect(population.facets.baseCategory.find((f: any) => f.value === 'legal_entity').count).toBeGreaterThan(0); // a facet ignores its own filter
    expect((await as.regulator!.get('/api/v1/catalog/resources?baseCategory=martian')).status).toBe(400);
  });

  it('keeps the fields a code is made of, and checks related codes exist', async () => {
    const r = (await as.gaj!.post('/api/v1/catalog/resources', draft('编码字段固定'))).body;
    for (const patch of [{ kind: 'thematic' }, { subject: '002' }, { kind: 'base', baseCategory: 'population' }]) {
      const res = await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, { ...draft('编码字段固定'), ...patch });
      expect(res.status, JSON.stringify(patch)).toBe(400);
      expect(res.body.code).toBe('classification_fixed');
    }
    const bad = await as.gaj!.post('/api/v1/catalog/resources', { ...draft('关联不存在'), related: ['399999-GAJ-999999'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'related_not_found', details: [{ path: 'related', code: '399999-GAJ-999999' }] });
    const edit = await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, {
      ...draft('编码字段固定'),
      related: ['399999-GAJ-999999'],
    });
    expect(edit.body.code).toBe('related_not_found');
    const ok = await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, { ...draft('编码字段固定'), related: [r.code] });
    expect(ok.status).toBe(200);
    expect((await as.gaj!.get(`/api/v1/catalog/resources/${r.id}`)).body.code).toBe(r.code);
  });

  it('retired collection entries have no due date and no longer make their unit a supplier', async () => {
    const r = await published('gaj', draft('民政协助采集的资源'));
    const input = {
      resourceId: r.id,
      supplierUnitId: demoId('unit', 'MZJ'),
      method: 'upload',
      frequency: 'monthly',
      responsiblePerson: '示例专员',
      contact: '0595-12345678',
      startsOn: '2026-01-01',
    };
    const entry = (await as.platform!.post('/api/v1/catalog/collection', input)).body.id;
    expect((await pushBatch('mzj', r.id, 'supplier-active-1')).status).toBe(201);
    expect((await as.platform!.request('DELETE', `/api/v1/catalog/collection/${entry}`)).status).toBe(204);
    const row = (await as.platform!.get('/api/v1/catalog/collection')).body.items.find((c: any) => c.id === entry);
    expect(row).toMatchObject({ status: 'retired', nextDue: null });
    const refused = await pushBatch('mzj', r.id, 'supplier-retired-1');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_producer');
  });

  it('shows open-catalog review states and unpublished names only to those who may see them', async () => {
    const r = await published('gaj', draft('待开放审核的资源'));
    expect((await as.gaj!.post(`/api/v1/catalog/resources/${r.id}/open`)).status).toBe(204);
    const ids = async (who: string) => (await as[who]!.get('/api/v1/catalog/open')).body.items.map((x: any) => x.resourceId);
    expect(await ids('gaj')).toContain(r.id);
    expect(await ids('platform')).toContain(r.id);
    expect(await ids('regulator')).toContain(r.id);
    expect(await ids('scjg')).not.toContain(r.id); // another department: not its review
    const others = (await as.scjg!.get('/api/v1/catalog/open')).body.items;
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((x: any) => x.status === 'published' && x.reviewComment === null)).toBe(true);

    // a collection entry of a GAJ resource supplied by SCJG: SCJG does not see GAJ's unpublished new name
    await as.platform!.post('/api/v1/catalog/collection', {
      resourceId: r.id,
      supplierUnitId: demoId('unit', 'SCJG'),
      method: 'api',
      frequency: 'daily',
      responsiblePerson: '示例专员',
      contact: '0595-12345678',
      startsOn: '2026-01-01',
    });
    await as.gaj!.request('PUT', `/api/v1/catalog/resources/${r.id}`, draft('尚未发布的新名称'));
    const seen = async (who: string) =>
      (await as[who]!.get('/api/v1/catalog/collection')).body.items.find((c: any) => c.resourceId === r.id)?.resourceName;
    expect(await seen('scjg')).toBe('待开放审核的资源');
    expect(await seen('platform')).toBe('尚未发布的新名称');
  });
});
