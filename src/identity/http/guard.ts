// Authentication and authorisation for every route, by one hook (default deny): every route must
// declare `config.public`, `config.authenticated` or `config.permission` (src/platform/http/access.ts
// refuses to start a server with one that does not), and everything not public needs a principal.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/context.js';
import { describeError, type App } from '../../platform/http/index.js';
import { forbidden, unauthorized } from '../../platform/errors.js';
import { authenticateSession } from '../auth.js';
import { authenticateCredential, looksLikeCredential } from '../credentials.js';
import { actorOf, type Principal } from '../principal.js';
import { scopeFor, type Permission } from '../roles.js';
import { refusalThrottle } from './refusal-throttle.js';

export const SESSION_COOKIE = 'gongshu_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without logging in. */
    public?: boolean;
    /** Any logged-in user. */
    authenticated?: boolean;
    /** The permission the route needs (see roles.ts). */
    permission?: Permission;
    /** Keep a credential (machine client) out: console-only operations such as password change. */
    sessionOnly?: boolean;
    /** Open to a session whose password must be changed first (who am I, change password, logout); nothing else is. */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** set once a refusal of this request is in the audit log, so it is not recorded twice */
    refusalAudited: boolean;
  }
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthorized('unauthenticated', '请先登录 (login required)');
  return req.principal;
}

export function requestMeta(req: FastifyRequest) {
  return { ip: req.ip, requestId: req.id };
}

function tokenOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return req.cookies[SESSION_COOKIE] ?? null;
}

export interface AccessRule {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | null;
  /** reachable by a session that must change its password first */
  beforePasswordChange: boolean;
}

/** Installs the hooks and returns the access rule of every /api/ route, filled in as routes are added. */
export function installGuard(app: App, ctx: AppContext): AccessRule[] {
  const rules: AccessRule[] = [];
  app.decorateRequest('principal', null);
  app.decorateRequest('refusalAudited', false);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const c = (route.config ?? {}) as { public?: boolean; permission?: Permission; beforePasswordChange?: boolean };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        rules.push({
          method,
          url: route.url,
          public: !!c.public,
          permission: c.permission ?? null,
          beforePasswordChange: !!c.beforePasswordChange,
        });
    }
  });

  // refusals anyone can repeat at will are audited at most once a minute per key (see refusal-throttle.ts)
  const throttle = refusalThrottle();
  const anonymousActor = (req: FastifyRequest, type: 'user' | 'credential', id: string | null = null) => ({
    type,
    id,
    name: null,
    unitId: null,
    ...requestMeta(req),
  });

  // onRequest, before body parsing and validation: an anonymous or unauthorised caller learns nothing from them
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const config = req.routeOptions.config;
    // no route matched: the 404 answer tells nothing; every matched route declared its access
    if (!req.routeOptions.url || config.public) return;
    const route = req.routeOptions.url;
    const token = tokenOf(req);
    if (!token) throw unauthorized('unauthenticated', '请先登录 (login required)');
    if (looksLikeCredential(token)) {
      req.principal = await authenticateCredential(ctx, token);
      if (!req.principal) {
        const skipped = throttle.admit(`credential ${req.ip}`, ctx.clock());
        if (skipped !== null) {
          await ctx.audit.record(anonymousActor(req, 'credential'), {
            action: 'auth.credential',
            outcome: 'denied',
            details: { route, reason: 'invalid_credential', ...(skipped ? { skipped } : {}) },
          });
        }
        throw unauthorized('invalid_credential', '接口凭证无效或已吊销 (invalid or revoked API credential)');
      }
    } else {
      const check = await authenticateSession(ctx, token);
      if ('error' in check) {
        const skipped = throttle.admit(`session ${check.error} ${req.ip}`, ctx.clock());
        if (skipped !== null) {
          await ctx.audit.record(anonymousActor(req, 'user', check.userId ?? null), {
            action: 'auth.session',
            objectType: check.userId ? 'user' : null,
            objectId: check.userId ?? null,
            outcome: 'denied',
            details: { route, reason: check.error, ...(skipped ? { skipped } : {}) },
          });
        }
        throw check.error === 'session_expired'
          ? unauthorized('session_expired', '会话已过期，请重新登录 (session expired)')
          : unauthorized('unauthenticated', '请先登录 (login required)');
      }
      req.principal = check.principal;
    }
    const p = req.principal;
    if (config.sessionOnly && p.credential) throw forbidden('session_only', '此操作只能在控制台完成 (console only)');
    // a password someone else chose (or one too old) is replaced before the session does anything else
    // (等保 2.0); API credentials are separate secrets the user made, and keep working
    if (p.mustChangePassword && !p.credential && !config.beforePasswordChange) {
      req.refusalAudited = true;
      const skipped = MUTATING.has(req.method) ? 0 : throttle.admit(`must-change ${p.userId} ${req.method} ${route}`, ctx.clock());
      if (skipped !== null) {
        await ctx.audit.record(actorOf(p, requestMeta(req)), {
          action: 'access.denied',
          outcome: 'denied',
          details: { method: req.method, route, reason: 'password_change_required', ...(skipped ? { skipped } : {}) },
        });
      }
      throw forbidden('password_change_required', '请先修改初始密码或已重置的密码 (change your password first)');
    }
    if (config.permission && scopeFor(p.roles, config.permission) === null) {
      req.refusalAudited = true;
      const skipped = MUTATING.has(req.method) ? 0 : throttle.admit(`denied ${p.userId} ${req.method} ${route}`, ctx.clock());
      if (skipped !== null) {
        await ctx.audit.record(actorOf(p, requestMeta(req)), {
          action: 'access.denied',
          outcome: 'denied',
          details: { method: req.method, route, permission: config.permission, ...(skipped ? { skipped } : {}) },
        });
      }
      throw forbidden('forbidden', '没有执行此操作的权限 (permission denied)', { permission: config.permission });
    }
  });
  // a refused change (bad input, a broken rule, a conflict, a 403 from a service) is a security-relevant
  // event too: record it, in a transaction of its own because the change itself rolled back. A refused
  // read is recorded when it is a 403 (another unit's object, a console-only operation), throttled.
  app.addHook('onError', async (req, _reply, err) => {
    const known = describeError(err);
    if (!req.principal || !known || req.refusalAudited) return;
    if (MUTATING.has(req.method)) return recordRefusal(ctx, req, known.status, known.body.code);
    if (known.status !== 403) return;
    const skipped = throttle.admit(`refused ${req.principal.userId} ${req.method} ${req.routeOptions.url} ${known.body.code}`, ctx.clock());
    if (skipped === null) {
      req.refusalAudited = true;
      return;
    }
    await recordRefusal(ctx, req, known.status, known.body.code, skipped);
  });
  return rules;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Records that a change was refused: which route, which object (its path and ids), why. Never the body, which may hold secrets. */
export async function recordRefusal(ctx: AppContext, req: FastifyRequest, status: number, code: string, skipped = 0): Promise<void> {
  if (!req.principal || req.refusalAudited) return;
  req.refusalAudited = true;
  await ctx.audit.record(actorOf(req.principal, requestMeta(req)), {
    action: 'request.refused',
    outcome: status === 403 ? 'denied' : 'failure',
    details: {
      method: req.method,
      route: req.routeOptions.url ?? null,
      path: req.url.split('?')[0],
      params: req.params ?? {},
      status,
      code,
      ...(skipped ? { skipped } : {}),
    },
  });
}
