// Builds the whole HTTP application from an AppContext: platform plumbing, the guard, every module's routes, the console.
import { sql } from 'kysely';
import { auditRoutes, startCheckpointTimer } from '../audit/index.js';
import { catalogRoutes } from '../catalog/index.js';
import { aggregationRoutes, correctionRoutes, uploadRoutes } from '../aggregation/index.js';
import { governanceRoutes } from '../governance/index.js';
import { adminRoutes, authRoutes, credentialRoutes, installGuard, type AccessRule } from '../identity/http/index.js';
import { createServer, type App } from '../platform/http/index.js';
import type { AppContext } from './context.js';
import { VERSION } from './version.js';
import { serveConsole } from './web.js';

export interface BuildOptions {
  /** Login attempts per client IP per minute. */
  loginRateLimitPerMinute?: number;
  /** Where logs go (default: standard output). */
  logStream?: NodeJS.WritableStream;
  /**
   * Sign the head of the audit log every GONGSHU_AUDIT_CHECKPOINT_SECONDS and when the app closes
   * (default true). Turned off only by tests that count checkpoints themselves.
   */
  checkpointTimer?: boolean;
}

export interface GongshuApp {
  app: App;
  /** Every /api/ route with the permission it needs: the permission matrix test walks this list. */
  accessRules: AccessRule[];
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<App> {
  return (await buildAppWithRules(ctx, opts)).app;
}

export async function buildAppWithRules(ctx: AppContext, opts: BuildOptions = {}): Promise<GongshuApp> {
  const app = await createServer({
    logLevel: ctx.config.logLevel,
    version: VERSION,
    logStream: opts.logStream,
    trustProxy: ctx.config.trustProxy,
  });
  const accessRules = installGuard(app, ctx);

  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok', version: VERSION, database: ctx.database.adapter.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', version: VERSION, database: ctx.database.adapter.engine });
    }
  });

  authRoutes(app, ctx, {
    loginRateLimit: { max: opts.loginRateLimitPerMinute ?? 30, timeWindow: '1 minute' },
    secureCookies: ctx.config.secureCookies,
  });
  adminRoutes(app, ctx);
  credentialRoutes(app, ctx);
  auditRoutes(app, ctx);
  catalogRoutes(app, ctx);
  aggregationRoutes(app, ctx);
  correctionRoutes(app, ctx);
  uploadRoutes(app, ctx);
  governanceRoutes(app, ctx);
  await serveConsole(app, ctx.config.webDir);
  if (opts.checkpointTimer !== false) {
    const timer = startCheckpointTimer(ctx.audit, ctx.config.auditCheckpointSeconds * 1000, (err) =>
      app.log.error({ err }, 'signing an audit checkpoint failed'),
    );
    // onClose runs before `serve` closes the database: the last requests' entries get signed too
    app.addHook('onClose', async () => timer.stop());
  }
  return { app, accessRules };
}
