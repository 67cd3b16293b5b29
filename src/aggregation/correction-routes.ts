// Corrections (更正, R3.1.7) are batches: records edited in the console, or a correction file, checked by
// the same rules and applied when clean; the problem records they fix resolve, and so does their ticket.
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { scopeOf, type Principal } from '../identity/index.js';
import { requirePrincipal } from '../identity/http/index.js';
import { idSchema, MAX_INTEGER, type App } from '../platform/http/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { publishedResource } from '../catalog/index.js';
import { summaryOf } from './batch-model.js';
import { MAX_PAGE_RECORDS, submitCorrections } from './batches.js';
import { recordSchema, submitterOf } from './routes.js';

export async function correctableTicket(ctx: AppContext, p: Principal, id: string) {
  const t = await ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || (scopeOf(p, 'tickets.correct') !== 'all' && t.unit_id !== p.unitId))
    throw notFound('ticket_not_found', '工单不存在 (no such ticket)');
  if (t.status === 'resolved') throw conflict('ticket_state', '工单已办结 (the ticket is resolved)');
  const resource = await publishedResource(ctx.database.db, t.resource_id);
  if (!resource) throw conflict('not_published', '资源已不再发布 (the resource is no longer published)');
  return { t, resource };
}

export function correctionRoutes(app: App, ctx: AppContext) {
  const tags = ['governance'];

  app.post(
    '/api/v1/governance/tickets/:id/corrections',
    {
      config: { permission: 'tickets.correct' },
      schema: {
        tags,
        summary: '在线更正问题记录（生成更正批次）Correct problem records inline (makes a correction batch)',
        params: z.object({ id: idSchema }),
        body: z.object({
          records: z
            .array(z.object({ record: z.number().int().min(1).max(MAX_INTEGER), values: recordSchema }))
            .min(1)
            .max(MAX_PAGE_RECORDS),
        }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { t, resource } = await correctableTicket(ctx, p, req.params.id);
      const known = await ctx.database.db
        .selectFrom('problem_records')
        .select('record_no')
        .where('ticket_id', '=', t.id)
        .where(
          'record_no',
          'in',
          req.body.records.map((r) => r.record),
        )
        .execute();
      const missing = req.body.records.filter((r) => !known.some((k) => k.record_no === r.record)).map((r) => r.record);
      if (missing.length > 0)
        throw badRequest('unknown_records', `记录 ${missing.join('、')} 不属于本工单 (records not in this ticket)`, { missing });
      const batch = await submitCorrections(
        ctx,
        { ...submitterOf(p, req), unitId: t.unit_id },
        { resource, correctsBatchId: t.batch_id, ticketId: t.id, records: req.body.records },
      );
      ctx.kickJobs?.();
      return reply.status(202).send(summaryOf(batch));
    },
  );
}
