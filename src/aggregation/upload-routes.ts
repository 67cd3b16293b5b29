// The two routes that take a file as the raw request body — a batch upload and a ticket's correction
// file — in a scope of their own, so that only they stream their body to disk: elsewhere a text/csv or
// octet-stream body stays an unsupported media type.
import { z } from 'zod';
import type { Readable } from 'node:stream';
import type { AppContext } from '../app/context.js';
import { requirePrincipal } from '../identity/http/index.js';
import { idSchema, type App } from '../platform/http/index.js';
import { badRequest } from '../platform/errors.js';
import { BATCH_MODES, summaryOf } from './batch-model.js';
import { receiveFile, resourceForSubmit, submitFile } from './batches.js';
import { MAX_UPLOAD_BYTES } from './import-file.js';
import { submitterOf } from './routes.js';
import { correctableTicket } from './correction-routes.js';

const STREAMED_TYPES = ['application/octet-stream', 'text/csv', 'application/x-ndjson', 'application/jsonl'];

function bodyStream(body: unknown): Readable {
  if (!body || typeof (body as Readable).pipe !== 'function')
    throw badRequest('bad_content_type', '请以 application/octet-stream 上传文件原始内容 (send the file as the raw body)');
  return body as Readable;
}

export function uploadRoutes(app: App, ctx: AppContext) {
  void app.register(async (child) => {
    const scope = child as unknown as App;
    for (const type of STREAMED_TYPES) scope.addContentTypeParser(type, (_req, payload, done) => done(null, payload));

    scope.post(
      '/api/v1/aggregation/batches/upload',
      {
        config: { permission: 'batches.submit' },
        schema: {
          tags: ['aggregation'],
          summary: '上传文件创建批次（请求体为文件原始内容）Upload a file as a batch (raw body: CSV, XLSX or JSON Lines)',
          querystring: z.object({
            resource: z.string().min(1).max(60),
            mode: z.enum(BATCH_MODES).default('upsert'),
            fileName: z.string().min(1).max(200),
          }),
        },
      },
      async (req, reply) => {
        const who = submitterOf(requirePrincipal(req), req);
        const resource = await resourceForSubmit(ctx, who, req.query.resource);
        const received = await receiveFile(ctx.config.dataDir, bodyStream(req.body), MAX_UPLOAD_BYTES);
        const sub = await submitFile(ctx, who, { resource, received, fileName: req.query.fileName, mode: req.query.mode });
        ctx.kickJobs?.();
        return reply.status(sub.duplicate ? 200 : 202).send({ ...summaryOf(sub.batch), duplicate: sub.duplicate });
      },
    );

    scope.post(
      '/api/v1/governance/tickets/:id/correction-file',
      {
        config: { permission: 'tickets.correct' },
        schema: {
          tags: ['governance'],
          summary:
            '上传更正文件（可含“记录号”列指向原记录，否则按主键匹配）Upload a correction file (a 记录号 column names the original records; else matched by key)',
          params: z.object({ id: idSchema }),
          querystring: z.object({ fileName: z.string().min(1).max(200) }),
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const { t, resource } = await correctableTicket(ctx, p, req.params.id);
        const received = await receiveFile(ctx.config.dataDir, bodyStream(req.body), MAX_UPLOAD_BYTES);
        const sub = await submitFile(
          ctx,
          { ...submitterOf(p, req), unitId: t.unit_id },
          { resource, received, fileName: req.query.fileName, mode: 'upsert', correction: { batchId: t.batch_id, ticketId: t.id } },
        );
        ctx.kickJobs?.();
        return reply.status(sub.duplicate ? 200 : 202).send({ ...summaryOf(sub.batch), duplicate: sub.duplicate });
      },
    );
  });
}
