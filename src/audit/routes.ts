// /api/v1/audit: the auditor's read-only view of the log. There is no route that edits or deletes an
// entry; reads and exports of the log are themselves audited.
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf } from '../identity/index.js';
import { requestMeta, requirePrincipal } from '../identity/http/index.js';
import { idSchema, isoTimeSchema, pageSchema, pageSizeSchema, queryFlag, type App } from '../platform/http/index.js';
import { exportCsv, exportJsonLines } from './export.js';
import { countEntries, listEntries, type AuditFilter } from './query.js';
import { VerifyCache } from './verify-cache.js';

const filterSchema = z.object({
  actor: z.string().max(128).optional(),
  unitId: idSchema.optional(),
  action: z
    .string()
    .regex(/^[a-z_.*]{1,64}$/, '操作名只含小写字母、下划线和点 (action names are lower-case dotted words)')
    .optional(),
  objectType: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional(),
  objectId: z.string().max(128).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
});

function filterOf(q: z.infer<typeof filterSchema>): AuditFilter {
  const { actor, unitId, action, objectType, objectId, outcome, from, to } = q;
  return { actor, unitId, action, objectType, objectId, outcome, from, to };
}

export function auditRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;
  // trusted: this server's own key (its key file) and keys the operator configured, never the database's list
  const verifier = new VerifyCache(db, [ctx.audit.publicKey, ...ctx.config.auditTrustedKeys], ctx.clock);

  app.get(
    '/api/v1/audit/entries',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: '查询审计日志 Search the audit log',
        querystring: filterSchema.extend({ page: pageSchema, pageSize: pageSizeSchema }),
      },
    },
    async (req) => {
      const filter = filterOf(req.query);
      const { page, pageSize } = req.query;
      const [total, items] = await Promise.all([countEntries(db, filter), listEntries(db, filter, page, pageSize)]);
      await ctx.audit.record(actorOf(requirePrincipal(req), requestMeta(req)), {
        action: 'audit.read',
        objectType: 'audit_log',
        details: { filter, page, pageSize, returned: items.length },
      });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { permission: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验审计链 Verify the hash chain and signed checkpoints',
        querystring: z.object({ full: queryFlag }),
      },
    },
    async (req) => {
      const result = await verifier.verify(req.query.full);
      await ctx.audit.record(actorOf(requirePrincipal(req), requestMeta(req)), {
        action: 'audit.verify',
        objectType: 'audit_log',
        outcome: result.ok ? 'success' : 'failure',
        details: { checked: result.checked, firstBadSeq: result.firstBadSeq, mode: result.mode },
      });
      return result;
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { permission: 'audit.export' },
      schema: {
        tags: ['audit'],
        summary: '导出审计日志 Export the audit log (CSV or JSON Lines)',
        querystring: filterSchema.extend({ format: z.enum(['csv', 'json']).default('csv') }),
      },
    },
    async (req, reply) => {
      const filter = filterOf(req.query);
      await ctx.audit.record(actorOf(requirePrincipal(req), requestMeta(req)), {
        action: 'audit.export',
        objectType: 'audit_log',
        details: { filter, format: req.query.format },
      });
      const stamp = new Date(ctx.clock()).toISOString().slice(0, 19).replace(/[:T]/g, '');
      const csv = req.query.format === 'csv';
      reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="audit-${stamp}.${csv ? 'csv' : 'jsonl'}"`);
      return reply.send(Readable.from(csv ? exportCsv(db, filter) : exportJsonLines(db, filter)));
    },
  );
}
