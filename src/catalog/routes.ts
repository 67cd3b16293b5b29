// /api/v1/catalog/…: resources, their review lifecycle and versions, the collection catalog and the
// open catalog; /open/v1/catalog: the public open catalog.
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { recordRefusal, requestMeta, requirePrincipal } from '../identity/http/index.js';
import { idSchema, MAX_INTEGER, multilineText, pageSchema, pageSizeSchema, queryFlag, type App } from '../platform/http/index.js';
import { nowIso } from '../platform/db/index.js';
import { collectionInputSchema, listCollection, removeCollection, upsertCollection } from './collection.js';
import {
  BASE_CATEGORIES,
  GRADES,
  OPEN_TYPES,
  RESOURCE_KINDS,
  resourceContentSchema,
  SHARING_TYPES,
  STATUSES,
  UPDATE_CYCLES,
} from './model.js';
import { decideOpening, listOpenEntries, proposeForOpening, publicOpenCatalog } from './open-catalog.js';
import { facetCounts, getResource, searchCatalog, versionHistory } from './queries.js';
import { createResource, saveResource } from './resources.js';
import { transition } from './lifecycle.js';
import { suggestClassification } from './classify.js';
import { catalogJson, catalogWorkbook, visibleResources } from './workbook-export.js';
import { assertImportable, draftsFromJson, draftsFromWorkbook, importCatalog, type ImportError } from './workbook-import.js';
import { actorOf } from '../identity/index.js';

const filterSchema = z.object({
  q: z.string().max(100).optional(),
  providerUnitId: idSchema.optional(),
  kind: z.enum(RESOURCE_KINDS).optional(),
  baseCategory: z.enum(BASE_CATEGORIES).optional(),
  grade: z.enum(GRADES).optional(),
  sharingType: z.enum(SHARING_TYPES).optional(),
  openType: z.enum(OPEN_TYPES).optional(),
  updateCycle: z.enum(UPDATE_CYCLES).optional(),
  status: z.enum(STATUSES).optional(),
});
const params = z.object({ id: idSchema });
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// the service validates content again with the consistency rules (validContent), as the import does
const contentBody = resourceContentSchema;
const commentBody = z.object({ comment: multilineText(1000).nullish() });

export function catalogRoutes(app: App, ctx: AppContext) {
  const { db, adapter } = ctx.database;
  const tags = ['catalog'];

  app.get(
    '/api/v1/catalog/resources',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: '检索资源目录 Search the resource catalog',
        querystring: filterSchema.extend({ page: pageSchema, pageSize: pageSizeSchema, facets: queryFlag }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const { page, pageSize, facets, ...filter } = req.query;
      const result = await searchCatalog(db, adapter, p, filter, page, pageSize);
      return facets ? { ...result, facets: await facetCounts(db, adapter, p, filter) } : result;
    },
  );

  app.post(
    '/api/v1/catalog/resources',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        tags,
        summary: '新建资源（草稿） Create a resource (draft)',
        body: contentBody.extend({ providerUnitId: idSchema.optional() }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { providerUnitId, ...content } = req.body;
      return reply.status(201).send(await createResource(ctx, p, providerUnitId ?? p.unitId, content, requestMeta(req)));
    },
  );

  app.get(
    '/api/v1/catalog/resources/:id',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: '资源详情 A resource', params } },
    async (req) => getResource(db, requirePrincipal(req), req.params.id),
  );

  app.put(
    '/api/v1/catalog/resources/:id',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        tags,
        summary: '保存资源（已发布的资源生成新版本） Save a resource; a published one gets a new version',
        params,
        body: contentBody,
      },
    },
    async (req) => saveResource(ctx, requirePrincipal(req), req.params.id, req.body, requestMeta(req)),
  );

  app.get(
    '/api/v1/catalog/resources/:id/versions',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: '版本历史与字段差异 Version history with field-level diff', params },
    },
    async (req) => ({
      items: await versionHistory(db, requirePrincipal(req), req.params.id),
    }),
  );

  app.get(
    '/api/v1/catalog/resources/:id/versions/:version',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: '某一版本 One version',
        params: params.extend({ version: z.coerce.number().int().min(1).max(MAX_INTEGER) }),
      },
    },
    async (req) => getResource(db, requirePrincipal(req), req.params.id, req.params.version),
  );

  for (const [action, summary, permission] of [
    ['submit', '提交审核 Submit for review', 'catalog.edit'],
    ['approve', '审核通过 Approve', 'catalog.review'],
    ['return', '退回修改（须写明理由） Return with reasons', 'catalog.review'],
    ['publish', '发布 Publish', 'catalog.review'],
    ['deprecate', '废止（须写明理由） Deprecate', 'catalog.review'],
  ] as const) {
    app.post(
      `/api/v1/catalog/resources/:id/${action}`,
      { config: { permission }, schema: { tags, summary, params, body: commentBody } },
      async (req) => transition(ctx, requirePrincipal(req), req.params.id, action, req.body.comment ?? null, requestMeta(req)),
    );
  }

  app.get(
    '/api/v1/catalog/collection',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: '采集目录 The collection catalog', querystring: z.object({ supplierUnitId: idSchema.optional() }) },
    },
    async (req) => ({ items: await listCollection(db, requirePrincipal(req), nowIso(ctx.clock).slice(0, 10), req.query) }),
  );

  app.post(
    '/api/v1/catalog/collection',
    {
      config: { permission: 'collection.manage' },
      schema: { tags, summary: '编制采集目录条目 Add or change a collection entry', body: collectionInputSchema },
    },
    async (req, reply) => reply.status(201).send({ id: await upsertCollection(ctx, requirePrincipal(req), req.body, requestMeta(req)) }),
  );

  app.delete(
    '/api/v1/catalog/collection/:id',
    { config: { permission: 'collection.manage' }, schema: { tags, summary: '停用采集目录条目 Retire a collection entry', params } },
    async (req, reply) => {
      await removeCollection(ctx, requirePrincipal(req), req.params.id, requestMeta(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/catalog/open',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary:
          '开放目录条目：本单位及可审阅者看到含审核状态的全部条目，其他人只看到已开放的条目 Open catalog entries; review states only to those who may see them',
        querystring: z.object({ status: z.enum(['submitted', 'published', 'returned', 'withdrawn']).optional() }),
      },
    },
    async (req) => ({ items: await listOpenEntries(db, requirePrincipal(req), req.query.status) }),
  );

  app.post(
    '/api/v1/catalog/resources/:id/open',
    { config: { permission: 'catalog.edit' }, schema: { tags, summary: '申请编入开放目录 Propose for the open catalog', params } },
    async (req, reply) => {
      await proposeForOpening(ctx, requirePrincipal(req), req.params.id, requestMeta(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/catalog/open/:id/decision',
    {
      config: { permission: 'opencatalog.review' },
      schema: {
        tags,
        summary: '开放目录审核：发布、退回或撤回 Review an open catalog entry',
        params,
        body: z.object({ decision: z.enum(['approve', 'return', 'withdraw']), comment: multilineText(1000).nullish() }),
      },
    },
    async (req, reply) => {
      await decideOpening(ctx, requirePrincipal(req), req.params.id, req.body.decision, req.body.comment ?? null, requestMeta(req));
      return reply.status(204).send();
    },
  );

  const unitCodes = async () => new Map((await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.id, u.code]));

  app.get(
    '/api/v1/catalog/export',
    {
      config: { permission: 'catalog.read' },
      schema: {
        tags,
        summary: '导出资源目录（Excel 或 JSON） Export the catalog as .xlsx or JSON',
        querystring: z.object({ format: z.enum(['xlsx', 'json']).default('xlsx') }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const resources = await visibleResources(db, adapter, p);
      const codes = await unitCodes();
      await ctx.audit.record(actorOf(p, requestMeta(req)), {
        action: 'catalog.export',
        objectType: 'catalog',
        details: { format: req.query.format, resources: resources.length },
      });
      const stamp = nowIso(ctx.clock).slice(0, 10);
      if (req.query.format === 'json') {
        reply.header('content-disposition', `attachment; filename="catalog-${stamp}.json"`);
        return catalogJson(resources, codes);
      }
      reply.header('content-type', XLSX_TYPE);
      reply.header('content-disposition', `attachment; filename="catalog-${stamp}.xlsx"`);
      return reply.send(await catalogWorkbook(resources, codes));
    },
  );

  // a workbook arrives as the raw request body (no multipart), small enough to hold in memory; only this
  // route parses one: elsewhere a spreadsheet body is an unsupported media type, not an empty JSON object
  void app.register(async (child) => {
    const scope = child as unknown as App;
    scope.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/catalog/import',
      {
        config: { permission: 'catalog.edit' },
        bodyLimit: 10 * 1024 * 1024,
        schema: {
          tags,
          summary:
            '导入资源目录（.xlsx 原始请求体或 JSON）；有任何错误则不做任何修改 Import .xlsx (raw body) or JSON; any error applies nothing',
          querystring: z.object({ dryRun: queryFlag }),
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const kind = assertImportable(req.headers['content-type']);
        const errors: ImportError[] = [];
        const drafts = kind === 'xlsx' ? await draftsFromWorkbook(req.body as Buffer, errors) : draftsFromJson(req.body, errors);
        const result = await importCatalog(ctx, p, drafts, errors, req.query.dryRun, requestMeta(req));
        if (!result.errors.length) return result;
        await recordRefusal(ctx, req, 422, 'import_invalid');
        // the error shape every 4xx has, with the import's counts and every error beside it
        return reply.status(422).send({
          code: 'import_invalid',
          message: `导入文件有 ${result.errors.length} 处错误，未做任何修改 (nothing was applied)`,
          details: result.errors,
          ...result,
        });
      },
    );
  });

  app.post(
    '/api/v1/catalog/classify',
    {
      config: { permission: 'catalog.edit' },
      schema: {
        tags,
        summary:
          '分类分级辅助：按名称与样例值建议个人信息标识、敏感程度与脱敏规则 Suggest personal-information flags, sensitivity and masking',
        body: z.object({
          elements: z.array(z.object({ name: z.string().max(60), samples: z.array(z.string().max(200)).max(200).optional() })).max(500),
        }),
      },
    },
    async (req) => ({ suggestions: req.body.elements.map((e) => suggestClassification(e.name, e.samples ?? [])) }),
  );

  app.get(
    '/open/v1/catalog',
    {
      config: { public: true },
      schema: {
        tags: ['open'],
        summary: '公共数据开放目录 The public open catalog',
        querystring: z.object({ q: z.string().max(100).optional() }),
      },
    },
    async (req) => ({
      items: await publicOpenCatalog(db, req.query.q),
    }),
  );
}
