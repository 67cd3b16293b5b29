// The real objects a route sweep points its requests at — a batch with a ticket, a push batch still
// receiving, a draft resource, a spare account, a credential, a webhook, a thematic library — and, for each
// route, the ids of its path and one valid request that malformed ones are derived from. A malformed field
// in an otherwise valid request reaches the service and the database, not only the schema.
import { allResources } from '../../src/catalog/index.js';
import { demoId } from '../../src/demo/index.js';
import { idCheckChar } from '../../src/platform/validators/index.js';
import { drainJobs } from './jobs.js';
import { Client } from './http.js';
import type { TestServer } from './server.js';

export interface SweepFixtures {
  population: { id: string; code: string };
  thematicResourceId: string;
  draftId: string;
  draftContent: Record<string, unknown>;
  spareUserId: string;
  credentialId: string;
  collectionId: string;
  openEntryId: string;
  fileBatchId: string;
  ticketId: string;
  problemRecord: { record: number; values: Record<string, unknown> };
  pushBatchId: string;
  thematicId: string;
  webhookId: string;
  notificationId: string;
  activeRuleSet: unknown;
}

export const SWEEP_DRAFT = {
  name: '示例扫描资源',
  summary: '接口输入扫描用的草稿资源',
  kind: 'departmental',
  format: 'table',
  updateCycle: 'daily',
  sharingType: 'unconditional',
  sharingModes: ['query'],
  openType: 'none',
  grade: 'general',
  gradeLevel: 1,
  gradingRationale: '一般数据',
  elements: [
    { code: 'record_no', name: '记录编号', type: 'string', length: 20, key: true, required: true },
    { code: 'holder_name', name: '持有人姓名', type: 'string', length: 50 },
  ],
};

/** A thematic library over the population library and the population resource (`code`): ID number and phone. */
const thematicOver = (code: string) => ({
  base: { library: 'population' },
  joins: [{ alias: 'pop', resource: code, on: { base: 'id_number', element: 'id_number' }, required: true }],
  columns: [
    { from: 'base', element: 'id_number' },
    { from: 'pop', element: 'phone' },
  ],
});

const CONTENT_KEYS = [
  'name',
  'summary',
  'kind',
  'baseCategory',
  'subject',
  'format',
  'updateCycle',
  'publishDate',
  'related',
  'sharingType',
  'sharingCondition',
  'sharingModes',
  'sharingLegalBasis',
  'openType',
  'openCondition',
  'grade',
  'gradeLevel',
  'gradingRationale',
  'elements',
];

async function ok(reply: Promise<{ status: number; body: any }>, what: string) {
  const r = await reply;
  if (r.status >= 300) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function createSweepFixtures(srv: TestServer): Promise<SweepFixtures> {
  const db = srv.ctx.database.db;
  const as = async (username: string) => {
    const c = new Client(srv.url);
    await ok(c.login(username), `login ${username}`);
    return c;
  };
  const [gaj, platform, sysadmin] = [await as('gaj'), await as('platform'), await as('sysadmin')];
  const resources = await allResources(db);
  const pop = resources.find((r) => r.name === '人口基本信息')!;
  const thematic = resources.find((r) => r.name === '困难群众救助专题')!;

  // a batch with one record whose ID number has a wrong check digit: a ticket with a problem record
  const first17 = '35050319800101234';
  const wrong = first17 + (idCheckChar(first17) === '1' ? '2' : '1');
  const upload = await ok(
    gaj.request(
      'POST',
      `/api/v1/aggregation/batches/upload?resource=${pop.id}&mode=upsert&fileName=sweep.csv`,
      Buffer.from(`姓名,性别,公民身份号码,出生日期,联系电话,户籍地址\n张五,1,${wrong},1980-01-01,13800138000,示例路\n`),
      { 'content-type': 'application/octet-stream' },
    ),
    'upload',
  );
  await drainJobs(srv.ctx);
  const ticket = (await ok(gaj.get('/api/v1/governance/tickets'), 'tickets')).items.find(
    (t: { batchId: string }) => t.batchId === upload.batch,
  );
  if (!ticket) throw new Error('fixture: the upload made no ticket');
  const detail = await ok(gaj.get(`/api/v1/governance/tickets/${ticket.id}`), 'ticket');

  const push = await ok(platform.post('/api/v1/aggregation/batches', { resource: pop.code, idempotencyKey: 'sweep-fixture-push' }), 'push');
  const draft = await ok(platform.post('/api/v1/catalog/resources', SWEEP_DRAFT), 'draft');
  const spare = await ok(
    sysadmin.post('/api/v1/users', {
      username: 'sweepspare',
      displayName: '示例扫描账号',
      unitId: demoId('unit', 'GZW'),
      password: 'Sweep#Spare2026',
    }),
    'spare user',
  );
  const credential = await ok(gaj.post('/api/v1/credentials', { name: '示例扫描凭证' }), 'credential');
  const webhook = await ok(platform.post('/api/v1/webhooks', { url: 'http://127.0.0.1:9/sweep-hook' }), 'webhook');
  const declared = await ok(
    platform.request('PUT', `/api/v1/governance/thematic/${thematic.id}`, {
      definition: thematicOver(pop.code),
    }),
    'thematic',
  );
  const rules = await ok(platform.get(`/api/v1/governance/rule-sets/${pop.id}`), 'rule set');
  const collection = await db.selectFrom('catalog_collection').select('id').orderBy('id').executeTakeFirstOrThrow();
  const open = await db.selectFrom('catalog_open_entries').select('resource_id').orderBy('resource_id').executeTakeFirstOrThrow();
  const notification = await db.selectFrom('notifications').select('id').orderBy('id').executeTakeFirstOrThrow();
  const record = detail.records[0];
  return {
    population: { id: pop.id, code: pop.code },
    thematicResourceId: thematic.id,
    draftId: draft.id,
    draftContent: Object.fromEntries(CONTENT_KEYS.filter((k) => draft[k] !== undefined).map((k) => [k, draft[k]])),
    spareUserId: spare.id,
    credentialId: credential.id,
    collectionId: collection.id,
    openEntryId: open.resource_id,
    fileBatchId: upload.batch,
    ticketId: ticket.id,
    problemRecord: { record: record.record, values: record.values },
    pushBatchId: push.batch,
    thematicId: declared.id,
    webhookId: webhook.id,
    notificationId: notification.id,
    activeRuleSet: rules.active.ruleSet,
  };
}

/** A route's request before anything is broken: real ids in the path, a valid query and body. */
export interface BaseRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** a raw body, for the routes that take a file */
  file?: { data: string; type: string };
}

/**
 * The valid request of each route that needs more than the schema's own example: ids of real objects,
 * and bodies whose fields must fit each other or the catalog. Keyed by "METHOD /url".
 */
export function baseRequests(fx: SweepFixtures): Record<string, BaseRequest> {
  const pop = fx.population;
  const id = (v: string) => ({ params: { id: v } });
  const resource = { params: { resourceId: pop.id } };
  const draftTransition = { params: { id: fx.draftId }, body: {} };
  const first17 = '35050319800101235';
  const csv = {
    data: `姓名,性别,公民身份号码,出生日期,联系电话,户籍地址\n示例李四,1,${first17 + idCheckChar(first17)},1980-01-01,13800138000,示例路\n`,
    type: 'text/csv',
  };
  return {
    'POST /api/v1/auth/password': { body: { currentPassword: 'not-the-password', newPassword: 'Sweep#Next2026' } },
    'POST /api/v1/units': { body: { code: 'SWEEP-U1', name: '示例扫描单位', type: 'department' } },
    'PATCH /api/v1/units/:id': { ...id(demoId('unit', 'ZJJ')), body: {} },
    'POST /api/v1/users': {
      body: { username: 'sweepnew', displayName: '示例扫描新账号', unitId: demoId('unit', 'GZW'), password: 'Sweep#New2026x' },
    },
    'PATCH /api/v1/users/:id': { ...id(fx.spareUserId), body: {} },
    'PATCH /api/v1/officers/:id': { ...id(demoId('user', 'auditor')), body: {} },
    'POST /api/v1/users/:id/reset-password': id(fx.spareUserId),
    // not an officer: the refusal is the point; resetting an officer would lock the sweep's own accounts out
    'POST /api/v1/officers/:id/reset-password': id(fx.spareUserId),
    'POST /api/v1/users/:id/unlock': id(fx.spareUserId),
    'PUT /api/v1/users/:id/roles': { ...id(fx.spareUserId), body: { roles: ['superior'] } },
    'DELETE /api/v1/credentials/:id': id(fx.credentialId),
    'POST /api/v1/catalog/resources': { body: { ...SWEEP_DRAFT, name: '示例扫描资源二' } },
    'GET /api/v1/catalog/resources/:id': id(pop.id),
    'PUT /api/v1/catalog/resources/:id': { ...id(fx.draftId), body: fx.draftContent },
    'GET /api/v1/catalog/resources/:id/versions': id(pop.id),
    'GET /api/v1/catalog/resources/:id/versions/:version': { params: { id: pop.id, version: '1' } },
    'POST /api/v1/catalog/resources/:id/submit': draftTransition,
    'POST /api/v1/catalog/resources/:id/approve': draftTransition,
    'POST /api/v1/catalog/resources/:id/return': { params: { id: fx.draftId }, body: { comment: '请补充说明' } },
    'POST /api/v1/catalog/resources/:id/publish': draftTransition,
    'POST /api/v1/catalog/resources/:id/deprecate': { params: { id: fx.draftId }, body: { comment: '不再使用' } },
    'POST /api/v1/catalog/collection': {
      body: {
        resourceId: pop.id,
        supplierUnitId: demoId('unit', 'GAJ'),
        method: 'upload',
        frequency: 'daily',
        responsiblePerson: '示例联系人',
        contact: '0595-12345678',
        startsOn: '2026-01-01',
      },
    },
    'DELETE /api/v1/catalog/collection/:id': id(fx.collectionId),
    'POST /api/v1/catalog/resources/:id/open': id(fx.draftId),
    'POST /api/v1/catalog/open/:id/decision': { ...id(fx.openEntryId), body: { decision: 'return', comment: '请补充开放条件' } },
    'POST /api/v1/catalog/classify': { body: { elements: [{ name: '公民身份号码', samples: ['350503198001012345'] }] } },
    'POST /api/v1/aggregation/batches': { body: { resource: pop.code, idempotencyKey: 'sweep-base-push' } },
    'PUT /api/v1/aggregation/batches/:id/pages/:page': {
      params: { id: fx.pushBatchId, page: '1' },
      body: { records: [{ name: '示例张三', id_number: '350503198001012345' }] },
    },
    'POST /api/v1/aggregation/batches/:id/commit': id(fx.pushBatchId),
    'GET /api/v1/aggregation/batches/:id': id(fx.fileBatchId),
    'GET /api/v1/aggregation/batches/:id/problems': id(fx.fileBatchId),
    'GET /api/v1/aggregation/batches/:id/problems.csv': id(fx.fileBatchId),
    'POST /api/v1/aggregation/batches/upload': { query: { resource: pop.id, mode: 'upsert', fileName: 'sweep-upload.csv' }, file: csv },
    'POST /api/v1/governance/tickets/:id/corrections': { ...id(fx.ticketId), body: { records: [fx.problemRecord] } },
    'POST /api/v1/governance/tickets/:id/correction-file': { ...id(fx.ticketId), query: { fileName: 'sweep-fix.csv' }, file: csv },
    'GET /api/v1/governance/rule-sets/:resourceId': resource,
    'PUT /api/v1/governance/rule-sets/:resourceId': { ...resource, body: { ruleSet: fx.activeRuleSet, comment: '扫描' } },
    'POST /api/v1/governance/rule-sets/:resourceId/try': { ...resource, body: { sample: [fx.problemRecord.values] } },
    'GET /api/v1/governance/tickets/:id': id(fx.ticketId),
    'POST /api/v1/governance/tickets/:id/dispute': { ...id(fx.ticketId), body: { reason: '示例异议理由' } },
    'POST /api/v1/governance/tickets/:id/decision': { ...id(fx.ticketId), body: { accept: false } },
    'GET /api/v1/governance/quality/resources/:resourceId': resource,
    'GET /api/v1/governance/libraries/:name/:key': { params: { name: 'population', key: '350503198001012345' } },
    'PUT /api/v1/governance/thematic/:resourceId': {
      params: { resourceId: fx.thematicResourceId },
      body: {
        definition: { ...thematicOver(pop.code), filters: [{ from: 'pop', element: 'phone', op: 'not_null' }] },
        refreshHours: 24,
      },
    },
    'POST /api/v1/governance/thematic/:id/refresh': id(fx.thematicId),
    'GET /api/v1/governance/thematic/:id/rows': id(fx.thematicId),
    'POST /api/v1/webhooks': { body: { url: 'http://127.0.0.1:9/sweep-hook-2' } },
    'DELETE /api/v1/webhooks/:id': id(fx.webhookId),
    'POST /api/v1/notifications/:id/read': id(fx.notificationId),
  };
}
