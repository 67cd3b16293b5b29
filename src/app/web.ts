// Serves the built console (web/dist) with a fallback to index.html for its client-side routes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '../platform/http/index.js';
import { declarePublic, notFoundHandler } from '../platform/http/index.js';

export async function serveConsole(app: App, webDir: string): Promise<void> {
  const hasConsole = existsSync(join(webDir, 'index.html'));
  // wildcard: files built after the server started are served too; a missing one falls through to the handler below
  // the console's files are public (its data is not: every API call is checked by the guard)
  if (hasConsole) {
    await declarePublic(app, () => app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] }));
  }
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    // a missing asset is a 404, not the console page (a browser would report a confusing MIME error)
    const isApi = path.startsWith('/api/') || path.startsWith('/open/') || path.startsWith('/assets/') || path === '/healthz';
    if (!isApi && req.method === 'GET' && hasConsole) return reply.type('text/html').sendFile('index.html');
    if (!isApi && req.method === 'GET') {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('控制台尚未构建，请运行 npm run build (the console is not built: run npm run build)');
    }
    return notFoundHandler(req, reply);
  });
}
