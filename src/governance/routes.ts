// /api/v1/governance/…: rule sets (versioned, with "try on a sample"), problem tickets and the correction
// loop's dispute and decision, quality scores, base libraries; /api/v1/notifications for every unit.
// Corrections themselves are batches, submitted through the aggregation module's routes below.
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../app/context.js';
import { actorOf, scopeOf, type Principal } from '../identity/index.js';
import { requestMeta, requirePrincipal } from '../identity/http/index.js';
import { idSchema, multilineText, pageSchema, type App } from '../platform/http/index.js';
import { nowIso, type TicketsTable } from '../platform/db/index.js';
import { conflict, notFound } from '../platform/errors.js';
import { publishedResource } from '../catalog/index.js';
import { parseRuleSet, ruleSetSchema, tryRules } from './rules/index.js';
import { activeRuleSet, insertRuleSet, ruleSetHistory } from './rule-sets.js';
import { effectiveStatus, refreshTicket, TICKET_STATUSES } from './tickets.js';
import { scoreSeries } from './scoring.js';
import { notifyUnit } from './notify.js';
import { LIBRARIES, libraryEntry, librarySize, type LibraryName } from './libraries.js';
import { declareThematic, refreshThematic, thematicDefinitionSchema, thematicRows } from './thematic.js';
import { createWebhook, deactivateWebhook, listWebhooks } from './webhooks.js';
import { shanghaiDate } from '../platform/db/index.js';

async function visibleTicket(ctx: AppContext, p: Principal, id: string) {
  const t = await ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || (scopeOf(p, 'tickets.read') !== 'all' && t.unit_id !== p.unitId))
    throw notFound('ticket_not_found', '工单不存在 (no such ticket)');
  return t;
}

async function publishedOr404(ctx: AppContext, id: string) {
  const r = await publishedResource(ctx.database.db, id);
  if (!r) throw notFound('resource_not_found', '资源不存在或未发布 (no published resource)');
  return r;
}

export function governanceRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  const tags = ['governance'];
  const resourceParams = z.object({ resourceId: idSchema });

  app.get(
    '/api/v1/governance/rule-sets/:resourceId',
    {
      config: { permission: 'rules.read' },
      schema: { tags, summary: '资源的现行规则集与历史版本 A resource’s rule set and its versions', params: resourceParams },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const r = await publishedOr404(ctx, req.params.resourceId);
      // a department reads the rules of the resources it produces; the platform, operator and regulator all
      if (scopeOf(p, 'rules.read') !== 'all' && r.providerUnitId !== p.unitId)
        throw notFound('resource_not_found', '资源不存在或未发布 (no published resource)');
      const active = await activeRuleSet(db, r.id, r.elements);
      return { resource: { id: r.id, code: r.code, name: r.name, elements: r.elements }, active, history: await ruleSetHistory(db, r.id) };
    },
  );

  const ruleSetInput = z.object({
    ruleSet: ruleSetSchema.optional(),
    text: z.string().max(200_000).optional(),
    format: z.enum(['json', 'yaml']).default('yaml'),
    comment: multilineText(500).default(''),
  });
  const ruleSetOf = (b: z.infer<typeof ruleSetInput>) => b.ruleSet ?? parseRuleSet(b.text ?? '', b.format);

  app.put(
    '/api/v1/governance/rule-sets/:resourceId',
    {
      config: { permission: 'rules.manage' },
      schema: {
        tags,
        summary: '保存规则集（新版本，JSON 或 YAML）Save a rule set as a new version (JSON or YAML)',
        params: resourceParams,
        body: ruleSetInput,
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const r = await publishedOr404(ctx, req.params.resourceId);
      const ruleSet = ruleSetOf(req.body);
      const version = await ctx.audit.transaction(actorOf(p, requestMeta(req)), async (trx, trail) => {
        const v = await insertRuleSet(trx, {
          resourceId: r.id,
          elements: r.elements,
          ruleSet,
          comment: req.body.comment,
          userId: p.userId,
          clock: ctx.clock,
        });
        trail.record({
          action: 'rules.saved',
          objectType: 'resource',
          objectId: r.id,
          details: { version: v, rules: ruleSet.rules.length, comment: req.body.comment },
        });
        return v;
      });
      return { version, ruleSet };
    },
  );

  app.post(
    '/api/v1/governance/rule-sets/:resourceId/try',
    {
      config: { permission: 'rules.read' },
      schema: {
        tags,
        summary: '在样例记录上试运行规则 Try rules on sample records',
        params: resourceParams,
        body: ruleSetInput.omit({ comment: true }).extend({
          sample: z
            .array(z.record(z.string().max(100), z.union([z.string().max(4000), z.null()])))
            .min(1)
            .max(200),
        }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const r = await publishedOr404(ctx, req.params.resourceId);
      if (scopeOf(p, 'rules.read') !== 'all' && r.providerUnitId !== p.unitId)
        throw notFound('resource_not_found', '资源不存在或未发布 (no published resource)');
      const ruleSet =
        req.body.ruleSet || req.body.text ? ruleSetOf({ ...req.body, comment: '' }) : (await activeRuleSet(db, r.id, r.elements)).ruleSet;
      return { results: tryRules(r.elements, ruleSet, req.body.sample, shanghaiDate(ctx.clock)) };
    },
  );

  app.get(
    '/api/v1/governance/tickets',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: '问题工单（生产单位只见本单位）Problem tickets (a producer sees its own)',
        querystring: z.object({ status: z.enum(TICKET_STATUSES).optional(), resource: idSchema.optional(), page: pageSchema }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const now = nowIso(ctx.clock);
      let q = db
        .selectFrom('tickets as t')
        .innerJoin('units as u', 'u.id', 't.unit_id')
        .innerJoin('catalog_resources as r', 'r.id', 't.resource_id')
        .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version'));
      if (scopeOf(p, 'tickets.read') !== 'all') q = q.where('t.unit_id', '=', p.unitId);
      if (req.query.resource) q = q.where('t.resource_id', '=', req.query.resource);
      const s = req.query.status;
      if (s === 'overdue') q = q.where('t.status', 'in', ['open', 'in_correction']).where('t.deadline', '<', now);
      else if (s === 'open' || s === 'in_correction') q = q.where('t.status', '=', s).where('t.deadline', '>=', now);
      else if (s) q = q.where('t.status', '=', s);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .selectAll('t')
        .select(['u.name as unit_name', 'r.code as resource_code', 'v.name as resource_name'])
        .orderBy('t.created_at', 'desc')
        .limit(50)
        .offset((req.query.page - 1) * 50)
        .execute();
      return { total: Number(total.n), items: rows.map((t) => ticketView(t, now)) };
    },
  );

  app.get(
    '/api/v1/governance/tickets/:id',
    {
      config: { permission: 'tickets.read' },
      schema: {
        tags,
        summary: '工单详情与问题记录 A ticket with its problem records',
        params: z.object({ id: idSchema }),
        querystring: z.object({ page: pageSchema }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const t = await visibleTicket(ctx, p, req.params.id);
      const pageSize = 100;
      const records = await db
        .selectFrom('problem_records')
        .selectAll()
        .where('ticket_id', '=', t.id)
        .orderBy('record_no')
        .limit(pageSize)
        .offset((req.query.page - 1) * pageSize)
        .execute();
      const problems = records.length
        ? await db
            .selectFrom('problems')
            .selectAll()
            .where('batch_id', '=', t.batch_id)
            .where(
              'record_no',
              'in',
              records.map((r) => r.record_no),
            )
            .execute()
        : [];
      // reading the records is a data access: audited
      await ctx.audit.record(actorOf(p, requestMeta(req)), {
        action: 'ticket.read',
        objectType: 'ticket',
        objectId: t.id,
        details: { records: records.length },
      });
      const r = await publishedResource(db, t.resource_id);
      const unit = await db.selectFrom('units').select('name').where('id', '=', t.unit_id).executeTakeFirst();
      return {
        ...ticketView({ ...t, unit_name: unit?.name ?? '', resource_code: r?.code ?? '', resource_name: r?.name ?? '' }, nowIso(ctx.clock)),
        elements: r?.elements ?? [],
        records: records.map((x) => ({
          record: x.record_no,
          key: x.record_key,
          values: JSON.parse(x.record_values),
          verdict: x.verdict,
          status: x.status,
          correctedInBatch: x.corrected_in_batch,
          problems: problems
            .filter((q) => q.record_no === x.record_no)
            .map((q) => ({
              rule: q.rule,
              element: q.element,
              dimension: q.dimension,
              severity: q.severity,
              value: q.value,
              message: q.message,
            })),
        })),
      };
    },
  );

  app.post(
    '/api/v1/governance/tickets/:id/dispute',
    {
      config: { permission: 'tickets.correct' },
      schema: {
        tags,
        summary: '对工单提出异议 Dispute a ticket, with a reason',
        params: z.object({ id: idSchema }),
        body: z.object({ reason: multilineText(1000, 2) }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const t = await visibleTicket(ctx, p, req.params.id);
      if (t.unit_id !== p.unitId && scopeOf(p, 'tickets.correct') !== 'all')
        throw notFound('ticket_not_found', '工单不存在 (no such ticket)');
      if (!['open', 'in_correction'].includes(t.status))
        throw conflict('ticket_state', `工单状态为 ${t.status}，不能提出异议 (the ticket cannot be disputed now)`);
      await ctx.audit.transaction(actorOf(p, requestMeta(req)), async (trx, trail) => {
        await trx
          .updateTable('tickets')
          .set({ status: 'disputed', dispute_reason: req.body.reason, updated_at: nowIso(ctx.clock) })
          .where('id', '=', t.id)
          .execute();
        trail.record({ action: 'ticket.disputed', objectType: 'ticket', objectId: t.id, details: { reason: req.body.reason } });
      });
      return { id: t.id, status: 'disputed' };
    },
  );

  app.post(
    '/api/v1/governance/tickets/:id/decision',
    {
      config: { permission: 'tickets.decide' },
      schema: {
        tags,
        summary: '平台裁定异议：采纳则工单办结，驳回则退回更正 Decide a dispute: accept resolves, reject returns it for correction',
        params: z.object({ id: idSchema }),
        body: z.object({ accept: z.boolean(), comment: multilineText(1000).default('') }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const t = await visibleTicket(ctx, p, req.params.id);
      if (t.status !== 'disputed') throw conflict('ticket_state', '只有异议中的工单可以裁定 (only a disputed ticket can be decided)');
      const status = await ctx.audit.transaction(actorOf(p, requestMeta(req)), async (trx, trail) => {
        const now = nowIso(ctx.clock);
        if (req.body.accept) {
          await trx
            .updateTable('problem_records')
            .set({ status: 'resolved', dispute_reason: t.dispute_reason, updated_at: now })
            .where('ticket_id', '=', t.id)
            .where('status', '=', 'open')
            .execute();
        } else await trx.updateTable('tickets').set({ status: 'in_correction', updated_at: now }).where('id', '=', t.id).execute();
        const s = await refreshTicket(trx, t.id, now);
        await notifyUnit(trx, {
          unitId: t.unit_id,
          kind: req.body.accept ? 'ticket.dispute_accepted' : 'ticket.dispute_rejected',
          title: req.body.accept
            ? `工单异议已采纳，工单办结 (the dispute was accepted)${req.body.comment ? `：${req.body.comment}` : ''}`
            : `工单异议未被采纳，请继续更正 (the dispute was rejected)${req.body.comment ? `：${req.body.comment}` : ''}`,
          link: `/governance/tickets/${t.id}`,
          payload: { ticket: t.id, accepted: req.body.accept, comment: req.body.comment },
          now,
        });
        trail.record({
          action: req.body.accept ? 'ticket.dispute_accepted' : 'ticket.dispute_rejected',
          objectType: 'ticket',
          objectId: t.id,
          details: { comment: req.body.comment },
        });
        return s;
      });
      return { id: t.id, status };
    },
  );

  app.get(
    '/api/v1/governance/quality',
    { config: { permission: 'quality.read' }, schema: { tags, summary: '各资源最新质量评分 Latest quality score per resource' } },
    async (req) => {
      const p = requirePrincipal(req);
      let q = db
        .selectFrom('quality_scores as s')
        .innerJoin('catalog_resources as r', 'r.id', 's.resource_id')
        .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version'))
        .innerJoin('units as u', 'u.id', 's.unit_id')
        .select(['s.resource_id', 'r.code', 'v.name', 'u.name as unit_name', 's.unit_id', 's.at', 's.total', 's.dimensions', 's.records'])
        .where('s.at', '=', (eb) =>
          eb
            .selectFrom('quality_scores as s2')
            .select((e) => e.fn.max('s2.at').as('m'))
            .whereRef('s2.resource_id', '=', 's.resource_id'),
        );
      if (scopeOf(p, 'quality.read') !== 'all') q = q.where('s.unit_id', '=', p.unitId);
      const rows = await q.orderBy('s.total').execute();
      return {
        items: rows.map((r) => ({
          resourceId: r.resource_id,
          code: r.code,
          name: r.name,
          unitId: r.unit_id,
          unitName: r.unit_name,
          at: r.at,
          total: r.total,
          records: r.records,
          dimensions: JSON.parse(r.dimensions),
        })),
      };
    },
  );

  app.get(
    '/api/v1/governance/quality/resources/:resourceId',
    {
      config: { permission: 'quality.read' },
      schema: { tags, summary: '资源质量评分趋势 A resource’s score series', params: resourceParams },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const r = await publishedOr404(ctx, req.params.resourceId);
      const series = await scoreSeries(db, { resourceId: r.id, unitId: scopeOf(p, 'quality.read') === 'all' ? undefined : p.unitId });
      return { resource: { id: r.id, code: r.code, name: r.name }, series };
    },
  );

  app.get(
    '/api/v1/governance/libraries',
    { config: { permission: 'libraries.read' }, schema: { tags, summary: '基础库概况 Base libraries' } },
    async () => ({
      items: await Promise.all(
        (Object.keys(LIBRARIES) as LibraryName[]).map(async (name) => ({
          name,
          zh: LIBRARIES[name].zh,
          entities: await librarySize(db, name),
        })),
      ),
    }),
  );

  app.get(
    '/api/v1/governance/libraries/:name/:key',
    {
      config: { permission: 'libraries.read' },
      schema: {
        tags,
        summary: '基础库中的一个主体及每个值的来源与批次 One entity with each value’s source and batch',
        params: z.object({ name: z.enum(['population', 'legal_entity']), key: z.string().min(1).max(40) }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const values = await libraryEntry(db, req.params.name, req.params.key);
      await ctx.audit.record(actorOf(p, requestMeta(req)), {
        action: 'library.read',
        objectType: 'library',
        objectId: req.params.name,
        details: { key: req.params.key, found: values.length > 0 },
      });
      if (values.length === 0) throw notFound('entity_not_found', '基础库中没有该主体 (no such entity)');
      return { library: req.params.name, key: req.params.key, values };
    },
  );

  app.get(
    '/api/v1/governance/thematic',
    { config: { permission: 'libraries.read' }, schema: { tags, summary: '专题库列表 Thematic libraries' } },
    async () => {
      const rows = await db.selectFrom('thematic_libraries').selectAll().orderBy('code').execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          resourceId: r.resource_id,
          code: r.code,
          name: r.name,
          definition: JSON.parse(r.definition),
          refreshHours: r.refresh_hours,
          rowCount: r.row_count,
          refreshedAt: r.refreshed_at,
        })),
      };
    },
  );

  app.put(
    '/api/v1/governance/thematic/:resourceId',
    {
      config: { permission: 'libraries.manage' },
      schema: {
        tags,
        summary:
          '声明专题库：对资源与基础库的关联与筛选，按周期刷新 Declare a thematic library: joins and filters over resources and base libraries, refreshed on a schedule',
        params: resourceParams,
        body: z.object({
          definition: thematicDefinitionSchema,
          refreshHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 366)
            .default(24),
        }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const id = await declareThematic(db, ctx.audit, actorOf(p, requestMeta(req)), {
        resourceId: req.params.resourceId,
        definition: req.body.definition,
        refreshHours: req.body.refreshHours,
        userId: p.userId,
        clock: ctx.clock,
      });
      return { id };
    },
  );

  app.post(
    '/api/v1/governance/thematic/:id/refresh',
    {
      config: { permission: 'libraries.manage' },
      schema: { tags, summary: '立即刷新专题库 Refresh a thematic library now', params: z.object({ id: idSchema }) },
    },
    async (req) => ({
      id: req.params.id,
      rows: await refreshThematic(ctx.database, ctx.audit, req.params.id, ctx.clock, actorOf(requirePrincipal(req), requestMeta(req))),
    }),
  );

  app.get(
    '/api/v1/governance/thematic/:id/rows',
    {
      config: { permission: 'libraries.read' },
      schema: {
        tags,
        summary: '专题库数据 Rows of a thematic library',
        params: z.object({ id: idSchema }),
        querystring: z.object({ page: pageSchema }),
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const result = await thematicRows(db, req.params.id, req.query.page, 100);
      await ctx.audit.record(actorOf(p, requestMeta(req)), {
        action: 'thematic.read',
        objectType: 'thematic',
        objectId: req.params.id,
        details: { page: req.query.page, rows: result.items.length },
      });
      return result;
    },
  );

  app.get(
    '/api/v1/webhooks',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags: ['notifications'], summary: '本单位的 Webhook 及最近投递 Webhooks of one’s unit, with recent deliveries' },
    },
    async (req) => ({ items: await listWebhooks(db, requirePrincipal(req).unitId) }),
  );

  app.post(
    '/api/v1/webhooks',
    {
      config: { permission: 'webhooks.manage' },
      schema: {
        tags: ['notifications'],
        summary: '登记 Webhook（签名密钥只显示这一次）Register a webhook (the signing secret is shown once)',
        body: z.object({ url: z.string().min(8).max(500) }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      return reply.status(201).send(
        await createWebhook(db, ctx.audit, actorOf(p, requestMeta(req)), {
          unitId: p.unitId,
          url: req.body.url,
          userId: p.userId,
          clock: ctx.clock,
        }),
      );
    },
  );

  app.delete(
    '/api/v1/webhooks/:id',
    {
      config: { permission: 'webhooks.manage' },
      schema: { tags: ['notifications'], summary: '停用 Webhook Deactivate a webhook', params: z.object({ id: idSchema }) },
    },
    async (req) => {
      const p = requirePrincipal(req);
      await deactivateWebhook(db, ctx.audit, actorOf(p, requestMeta(req)), p.unitId, req.params.id);
      return { id: req.params.id, active: false };
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'notifications.read' },
      schema: { tags: ['notifications'], summary: '本单位的通知 Notifications of one’s unit' },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('unit_id', '=', p.unitId)
        .orderBy('created_at', 'desc')
        .limit(50)
        .execute();
      return {
        unread: rows.filter((r) => !r.read_at).length,
        items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
      };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: 'notifications.read' },
      schema: { tags: ['notifications'], summary: '标为已读 Mark read', params: z.object({ id: idSchema }) },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const updated = await ctx.audit.transaction(actorOf(p, requestMeta(req)), async (trx, trail) => {
        // another unit's notification is as unknown as one that does not exist; one already read stays read
        const own = await trx
          .selectFrom('notifications')
          .select(['id', 'kind'])
          .where('id', '=', req.params.id)
          .where('unit_id', '=', p.unitId)
          .executeTakeFirst();
        if (!own) throw notFound('notification_not_found', '通知不存在 (no such notification)');
        const r = await trx
          .updateTable('notifications')
          .set({ read_at: nowIso(ctx.clock) })
          .where('id', '=', own.id)
          .where('read_at', 'is', null)
          .executeTakeFirst();
        const n = Number(r.numUpdatedRows);
        trail.record({
          action: 'notification.read',
          objectType: 'notification',
          objectId: own.id,
          details: { kind: own.kind, alreadyRead: n === 0 },
        });
        return n;
      });
      return { updated };
    },
  );
}

function ticketView(t: TicketsTable & { unit_name: string; resource_code: string; resource_name: string }, now: string) {
  return {
    id: t.id,
    resourceId: t.resource_id,
    resourceCode: t.resource_code,
    resourceName: t.resource_name,
    unitId: t.unit_id,
    unitName: t.unit_name,
    batchId: t.batch_id,
    kind: t.kind,
    status: effectiveStatus(t, now),
    deadline: t.deadline,
    recordsTotal: t.records_total,
    recordsOpen: t.records_open,
    disputeReason: t.dispute_reason,
    createdAt: t.created_at,
    updatedAt: t.updated_at,
    resolvedAt: t.resolved_at,
  };
}
