// /api/v1/auth: login, logout, who am I, password change.
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import type { App } from '../../platform/http/index.js';
import { changePassword, login, logout } from '../auth.js';
import { principalView } from '../principal.js';
import { requestMeta, requirePrincipal, SESSION_COOKIE } from './guard.js';
import { refusalThrottle } from './refusal-throttle.js';

export interface AuthRouteOptions {
  loginRateLimit: { max: number; timeWindow: string };
  secureCookies: boolean;
}

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitType: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export function authRoutes(app: App, ctx: AppContext, opts: AuthRouteOptions) {
  const limitedRecently = refusalThrottle();
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          ...opts.loginRateLimit,
          // once a minute per address, so that a flood of refused attempts cannot flood the log
          onExceeded: (req) => {
            const skipped = limitedRecently.admit(req.ip, ctx.clock());
            if (skipped === null) return;
            void ctx.audit.record(
              { type: 'user', id: null, name: null, unitId: null, ...requestMeta(req) },
              { action: 'auth.rate_limited', outcome: 'denied', details: { route: '/api/v1/auth/login', ...(skipped ? { skipped } : {}) } },
            );
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: '登录 Login with user name and password',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: z.object({ user: userSchema, token: z.string(), expiresAt: z.string() }) },
      },
    },
    async (req, reply) => {
      const result = await login(ctx, req.body.username, req.body.password, {
        ...requestMeta(req),
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        path: '/',
        expires: new Date(result.expiresAt),
      });
      return { user: principalView(result.principal), token: result.token, expiresAt: result.expiresAt };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { authenticated: true, beforePasswordChange: true }, schema: { tags: ['auth'], summary: '退出 Logout' } },
    async (req, reply) => {
      await logout(ctx, requirePrincipal(req), requestMeta(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      config: { authenticated: true, beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '当前用户 Current user', response: { 200: z.object({ user: userSchema }) } },
    },
    async (req) => ({
      user: principalView(requirePrincipal(req)),
    }),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { authenticated: true, sessionOnly: true, beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change password',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      },
    },
    async (req, reply) => {
      await changePassword(ctx, requirePrincipal(req), req.body.currentPassword, req.body.newPassword, requestMeta(req));
      return reply.status(204).send();
    },
  );
}
