// /api/v1/credentials: API credentials for machine clients.
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { idSchema, safeText, type App } from '../../platform/http/index.js';
import { createCredential, listCredentials, revokeCredential } from '../credentials.js';
import { requestMeta, requirePrincipal } from './guard.js';

export function credentialRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/v1/credentials',
    { config: { permission: 'credentials.read' }, schema: { tags: ['identity'], summary: 'API 凭证列表 List API credentials' } },
    async (req) => ({
      items: await listCredentials(ctx.database.db, requirePrincipal(req)),
    }),
  );

  app.post(
    '/api/v1/credentials',
    {
      config: { permission: 'credentials.own', sessionOnly: true },
      schema: {
        tags: ['identity'],
        summary: '新建 API 凭证（密钥只显示一次） Create an API credential; the secret is shown once',
        body: z.object({ name: safeText(60) }),
      },
    },
    async (req, reply) => reply.status(201).send(await createCredential(ctx, requirePrincipal(req), req.body.name, requestMeta(req))),
  );

  app.delete(
    '/api/v1/credentials/:id',
    {
      config: { permission: 'credentials.read' },
      schema: { tags: ['identity'], summary: '吊销 API 凭证 Revoke an API credential', params: z.object({ id: idSchema }) },
    },
    async (req, reply) => {
      await revokeCredential(ctx, requirePrincipal(req), req.params.id, requestMeta(req));
      return reply.status(204).send();
    },
  );
}
