// /api/v1/aggregation/…: batches by file upload (the raw request body, streamed to disk) or by API push
// (pages under an idempotency key, then commit), their live progress, summaries and problems.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.js';
import { actorOf, scopeOf, type Principal } from '../identity/index.js';
import { requestMeta, requirePrincipal } from '../identity/http/index.js';
import { idSchema, pageSchema, type App } from '../platform/http/index.js';
import { csvLine } from '../platform/csv/index.js';
import { notFound } from '../platform/errors.js';
import { sql } from 'kysely';
import { batchProblems, problemsPage } from '../governance/index.js';
import { BATCH_MODES, batchRow, summaryOf } from './batch-model.js';
import { addPage, commitPushBatch, MAX_PAGE_RECORDS, openPushBatch, resourceForSubmit, type Submitter } from './batches.js';
import { progressOf } from './progress.js';

export function submitterOf(p: Principal, req: FastifyRequest): Submitter {
  return { actor: actorOf(p, requestMeta(req)), unitId: p.unitId, anyResource: scopeOf(p, 'batches.submit') === 'all' };
}

async function visibleBatch(ctx: AppContext, p: Principal, id: string) {
  const batch = await batchRow(ctx.database.db, id);
  if (scopeOf(p, 'batches.read') !== 'all' && batch.unit_id !== p.unitId) throw notFound('batch_not_found', '批次不存在 (no such batch)');
  return batch;
}

const scalar = z.union([z.string().max(65_536), z.number(), z.boolean(), z.null()]);
export const recordSchema = z.record(z.string().max(100), scalar);

export function aggregationRoutes(app: App, ctx: AppContext) {
  const tags = ['aggregation'];
  const { db } = ctx.database;
  app.post(
    '/api/v1/aggregation/batches',
    {
      config: { permission: 'batches.submit' },
      schema: {
        tags,
        summary: '开启 API 推送批次（幂等键）Open an API push batch under an idempotency key',
        body: z.object({
          resource: z.string().min(1).max(60),
          mode: z.enum(BATCH_MODES).default('upsert'),
          idempotencyKey: z
            .string()
            .min(8)
            .max(100)
            .regex(/^[A-Za-z0-9._:-]+$/, '幂等键只能含字母、数字和 ._:- (idempotency key characters)'),
        }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const who = submitterOf(p, req);
      const resource = await resourceForSubmit(ctx, who, req.body.resource);
      const sub = await openPushBatch(ctx, who, { resource, mode: req.body.mode, idempotencyKey: req.body.idempotencyKey });
      return reply.status(sub.duplicate ? 200 : 201).send({ ...summaryOf(sub.batch), duplicate: sub.duplicate });
    },
  );

  app.put(
    '/api/v1/aggregation/batches/:id/pages/:page',
    {
      config: { permission: 'batches.submit' },
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        summary: `推送一页记录（每页至多 ${MAX_PAGE_RECORDS} 条，重发同页为空操作）Push one page of records`,
        params: z.object({ id: idSchema, page: z.coerce.number().int().min(1).max(1_000_000) }),
        body: z.object({ records: z.array(recordSchema).min(1).max(MAX_PAGE_RECORDS) }),
      },
    },
    async (req) => addPage(ctx, submitterOf(requirePrincipal(req), req), req.params.id, req.params.page, { records: req.body.records }),
  );

  app.post(
    '/api/v1/aggregation/batches/:id/commit',
    {
      config: { permission: 'batches.submit' },
      schema: { tags, summary: '提交推送批次开始处理 Commit a push batch', params: z.object({ id: idSchema }) },
    },
    async (req, reply) => {
      const batch = await commitPushBatch(ctx, submitterOf(requirePrincipal(req), req), req.params.id);
      ctx.kickJobs?.();
      return reply.status(202).send(summaryOf(batch));
    },
  );

  app.get(
    '/api/v1/aggregation/batches',
    {
      config: { permission: 'batches.read' },
      schema: {
        tags,
        summary: '批次列表 Batches',
        querystring: z.object({
          resource: idSchema.optional(),
          status: z.enum(['receiving', 'queued', 'running', 'applied', 'failed']).optional(),
          page: pageSchema,
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      let q = db
        .selectFrom('batches as b')
        .innerJoin('catalog_resources as r', 'r.id', 'b.resource_id')
        .innerJoin('units as u', 'u.id', 'b.unit_id');
      if (scopeOf(p, 'batches.read') !== 'all') q = q.where('b.unit_id', '=', p.unitId);
      if (req.query.resource) q = q.where('b.resource_id', '=', req.query.resource);
      if (req.query.status) q = q.where('b.status', '=', req.query.status);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll('b')
        .select(['r.code as resource_code', 'u.name as unit_name'])
        .orderBy('b.created_at', 'desc')
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize)
        .execute();
      const names = await resourceNames(
        ctx,
        rows.map((r) => r.resource_id),
      );
      return {
        total: Number(total.n),
        items: rows.map((r) => ({
          ...summaryOf(r),
          resourceCode: r.resource_code,
          resourceName: names.get(r.resource_id) ?? '',
          unitName: r.unit_name,
          progress: progressOf(r.id),
        })),
      };
    },
  );

  app.get(
    '/api/v1/aggregation/batches/:id',
    {
      config: { permission: 'batches.read' },
      schema: { tags, summary: '批次详情与实时进度 A batch with live progress', params: z.object({ id: idSchema }) },
    },
    async (req) => {
      const batch = await visibleBatch(ctx, requirePrincipal(req), req.params.id);
      const score = await db
        .selectFrom('quality_scores')
        .select(['dimensions', 'total'])
        .where('batch_id', '=', batch.id)
        .executeTakeFirst();
      const ticket = await db.selectFrom('tickets').select(['id', 'status', 'kind']).where('batch_id', '=', batch.id).execute();
      const names = await resourceNames(ctx, [batch.resource_id]);
      return {
        ...summaryOf(batch),
        resourceName: names.get(batch.resource_id) ?? '',
        progress: progressOf(batch.id),
        dimensions: score ? JSON.parse(score.dimensions) : null,
        tickets: ticket,
      };
    },
  );

  app.get(
    '/api/v1/aggregation/batches/:id/problems',
    {
      config: { permission: 'batches.read' },
      schema: {
        tags,
        summary: '批次的问题数据 Problems of a batch',
        params: z.object({ id: idSchema }),
        querystring: z.object({ page: pageSchema }),
      },
    },
    async (req) => {
      const batch = await visibleBatch(ctx, requirePrincipal(req), req.params.id);
      return problemsPage(db, batch.id, req.query.page, 200);
    },
  );

  app.get(
    '/api/v1/aggregation/batches/:id/problems.csv',
    {
      config: { permission: 'batches.read' },
      schema: { tags, summary: '导出问题数据 CSV Problems as CSV', params: z.object({ id: idSchema }) },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const batch = await visibleBatch(ctx, p, req.params.id);
      await ctx.audit.record(actorOf(p, requestMeta(req)), { action: 'batch.problems_exported', objectType: 'batch', objectId: batch.id });
      async function* lines() {
        yield '\uFEFF' + csvLine(['record', 'element', 'rule', 'severity', 'value', 'message']);
        for await (const page of batchProblems(db, batch.id))
          for (const x of page) yield csvLine([x.record, x.element, x.rule, x.severity, x.value, x.message]);
      }
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="problems-${batch.id}.csv"`);
      const { Readable } = await import('node:stream');
      return reply.send(Readable.from(lines()));
    },
  );
}

async function resourceNames(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.database.db
    .selectFrom('catalog_resources as r')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version'))
    .select(['r.id', 'v.name'])
    .where('r.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
