// /api/v1/units, /users, /roles: administration by the system administrator (units, accounts) and the
// security administrator (roles, unlocks), kept apart by the permission table (三员分立).
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { codeSchema, idSchema, safeText, usernameSchema, type App } from '../../platform/http/index.js';
import { createUnit, listUnits, unitDirectory, updateUnit } from '../units.js';
import { createUser, listUsers, setUserRoles, unlockUser, updateUser } from '../users.js';
import { resetPassword } from '../password-reset.js';
import { PERMISSIONS, ROLE_NAMES, ROLE_UNIT_TYPES, ROLES, SEPARATED_ROLES, UNIT_TYPES, type Permission } from '../roles.js';
import { requestMeta, requirePrincipal } from './guard.js';

const params = z.object({ id: idSchema });

export function adminRoutes(app: App, ctx: AppContext) {
  const { db } = ctx.database;

  app.get(
    '/api/v1/units',
    {
      config: { permission: 'units.read' },
      schema: { tags: ['identity'], summary: '单位列表 List units', querystring: z.object({ type: z.enum(UNIT_TYPES).optional() }) },
    },
    async (req) => ({ items: await listUnits(db, requirePrincipal(req), req.query) }),
  );

  // names and codes of organisations are not secret: every logged-in user may pick a unit (an
  // authoritative source, a supplier) from this list; the full records stay behind units.read
  app.get(
    '/api/v1/units/directory',
    { config: { authenticated: true }, schema: { tags: ['identity'], summary: '单位名录（所有登录用户） Directory of active units' } },
    async () => ({ items: await unitDirectory(db) }),
  );

  app.post(
    '/api/v1/units',
    {
      config: { permission: 'units.manage' },
      schema: {
        tags: ['identity'],
        summary: '新建单位 Create a unit',
        body: z.object({ code: codeSchema, name: safeText(100), type: z.enum(UNIT_TYPES), parentId: idSchema.nullish() }),
      },
    },
    async (req, reply) => reply.status(201).send(await createUnit(ctx, requirePrincipal(req), req.body, requestMeta(req))),
  );

  app.patch(
    '/api/v1/units/:id',
    {
      config: { permission: 'units.manage' },
      schema: {
        tags: ['identity'],
        summary: '修改单位 Update a unit',
        params,
        body: z.object({ name: safeText(100).optional(), status: z.enum(['active', 'disabled']).optional(), parentId: idSchema.nullish() }),
      },
    },
    async (req) => updateUnit(ctx, requirePrincipal(req), req.params.id, req.body, requestMeta(req)),
  );

  app.get(
    '/api/v1/users',
    {
      config: { permission: 'users.read' },
      schema: { tags: ['identity'], summary: '用户列表 List users', querystring: z.object({ unitId: idSchema.optional() }) },
    },
    async (req) => ({ items: await listUsers(db, requirePrincipal(req), req.query) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: '新建用户 Create a user (no roles: the security administrator assigns them)',
        body: z.object({ username: usernameSchema, displayName: safeText(50), unitId: idSchema, password: z.string().min(1).max(128) }),
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(ctx, requirePrincipal(req), req.body, requestMeta(req))),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags: ['identity'],
        summary: '修改或停用普通用户 Update or disable an ordinary user (not the three officers: see /api/v1/officers/:id)',
        params,
        body: z.object({ displayName: safeText(50).optional(), status: z.enum(['active', 'disabled']).optional() }),
      },
    },
    async (req) => updateUser(ctx, requirePrincipal(req), req.params.id, req.body, requestMeta(req)),
  );

  // the three officers' accounts: the security administrator's, not the system administrator's (三员分立)
  app.patch(
    '/api/v1/officers/:id',
    {
      config: { permission: 'officers.manage', sessionOnly: true },
      schema: {
        tags: ['identity'],
        summary: '修改或停用三员账号 Update or disable a system administrator, security administrator or auditor account',
        params,
        body: z.object({ displayName: safeText(50).optional(), status: z.enum(['active', 'disabled']).optional() }),
      },
    },
    async (req) => updateUser(ctx, requirePrincipal(req), req.params.id, req.body, requestMeta(req)),
  );

  // a temporary password, shown once; the user must replace it at the next login. Console only: a person
  // hands it over. Ordinary accounts by the system administrator, the officers' by the security administrator.
  const resetResponse = {
    200: z.object({ userId: z.string(), username: z.string(), temporaryPassword: z.string(), sessionsEnded: z.number() }),
  };
  for (const route of [
    {
      path: '/api/v1/users/:id/reset-password',
      permission: 'users.manage',
      summary: "重置普通用户密码（临时密码只显示一次） Reset an ordinary user's password; the temporary password is shown once",
    },
    {
      path: '/api/v1/officers/:id/reset-password',
      permission: 'officers.manage',
      summary: "重置三员账号密码（临时密码只显示一次） Reset an officer account's password; shown once",
    },
  ] as const) {
    app.post(
      route.path,
      {
        config: { permission: route.permission, sessionOnly: true },
        schema: { tags: ['identity'], summary: route.summary, params, response: resetResponse },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return resetPassword(ctx, requirePrincipal(req), req.params.id, requestMeta(req));
      },
    );
  }

  app.post(
    '/api/v1/users/:id/unlock',
    { config: { permission: 'users.unlock' }, schema: { tags: ['identity'], summary: '解锁用户 Unlock a locked account', params } },
    async (req, reply) => {
      await unlockUser(ctx, requirePrincipal(req), req.params.id, requestMeta(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/roles',
    { config: { permission: 'roles.read' }, schema: { tags: ['identity'], summary: '角色与权限 Roles and their permissions' } },
    async () => ({
      items: ROLES.map((code) => ({
        code,
        nameZh: ROLE_NAMES[code].zh,
        nameEn: ROLE_NAMES[code].en,
        unitTypes: ROLE_UNIT_TYPES[code],
        permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => code in PERMISSIONS[p]),
        separated: SEPARATED_ROLES.includes(code),
      })),
    }),
  );

  app.put(
    '/api/v1/users/:id/roles',
    {
      config: { permission: 'roles.assign', sessionOnly: true },
      schema: {
        tags: ['identity'],
        summary: '分配角色 Assign roles (separation of duties enforced)',
        params,
        body: z.object({ roles: z.array(z.enum(ROLES)).max(ROLES.length) }),
      },
    },
    async (req) => setUserRoles(ctx, requirePrincipal(req), req.params.id, req.body.roles, requestMeta(req)),
  );
}
