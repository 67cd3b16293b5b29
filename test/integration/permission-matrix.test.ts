// Every role × every API route: allowed, or refused with 401/403 — nothing else — and default deny
// for anything the permission table does not grant. Routes come from the server itself, so a new
// route is in the matrix the day it is added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/index.js';
import { scopeFor, type Role } from '../../src/identity/index.js';
import { testEngines } from '../support/engines.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ZERO_ID = '00000000-0000-4000-8000-000000000000';

describe.each(testEngines())('permission matrix on %s', (engine) => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine });
  });
  afterAll(async () => srv.close());

  const call = (c: Client, method: string, url: string) =>
    c.request(method, url.replace(/:id\b/g, ZERO_ID), ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined);
  // logging out ends the session the rest of the matrix uses: it goes last
  const ordered = () => [...srv.accessRules].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));

  it('has routes to check', () => {
    expect(srv.accessRules.length).toBeGreaterThanOrEqual(15);
  });

  it('has exactly one public API route, the login: nothing became public by accident', () => {
    expect(srv.accessRules.filter((r) => r.public).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/auth/login']);
  });

  it('opens exactly who-am-I, password change and logout to a session that must change its password first', () => {
    expect(
      srv.accessRules
        .filter((r) => r.beforePasswordChange)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['GET /api/v1/auth/me', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/password']);
  });

  it('refuses every other route with 403 password_change_required to an account the system administrator just created, and audits each', async () => {
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    const created = await sys.post('/api/v1/users', {
      username: 'matrixnew',
      displayName: '新账号',
      unitId: DEMO_ACCOUNTS.find((a) => a.username === 'sysadmin')!.unitId,
      password: 'Initial#Pass2026',
    });
    expect(created.status).toBe(201);
    const c = new Client(srv.url);
    expect((await c.login('matrixnew', 'Initial#Pass2026')).status).toBe(200);
    const mismatches: string[] = [];
    const refused: string[] = [];
    for (const rule of ordered()) {
      if (rule.public) continue;
      const r = await call(c, rule.method, rule.url);
      const ok = rule.beforePasswordChange
        ? r.status !== 401 && r.status !== 403 && r.status < 500
        : r.status === 403 && r.body?.code === 'password_change_required';
      if (!ok) mismatches.push(`${rule.method} ${rule.url}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      if (r.status === 403) refused.push(`${rule.method} ${rule.url}`);
    }
    expect(mismatches).toEqual([]);
    expect(refused.length).toBe(srv.accessRules.filter((r) => !r.public && !r.beforePasswordChange).length);
    const audited = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('actor_name', '=', 'matrixnew')
      .where('action', '=', 'access.denied')
      .execute();
    const details = audited.map((e) => JSON.parse(e.details));
    expect(details.every((d) => d.reason === 'password_change_required')).toBe(true);
    const auditedRoutes = new Set(details.map((d) => `${d.method} ${d.route}`));
    expect(refused.filter((r) => !auditedRoutes.has(r))).toEqual([]);
  });

  it('refuses every non-public route to an anonymous caller with 401', async () => {
    const anon = new Client(srv.url);
    for (const rule of ordered()) {
      const r = await call(anon, rule.method, rule.url);
      if (rule.public) expect(r.status, `${rule.method} ${rule.url}`).not.toBe(401);
      else expect(r.status, `${rule.method} ${rule.url}`).toBe(401);
    }
  });

  // one account of each role
  const byRole = new Map<Role, string>();
  for (const a of DEMO_ACCOUNTS) for (const r of a.roles) if (!byRole.has(r)) byRole.set(r, a.username);

  it.each([...byRole.entries()])('gives %s (%s) exactly what the permission table grants', async (role, username) => {
    const c = new Client(srv.url);
    expect((await c.login(username)).status).toBe(200);
    const mismatches: string[] = [];
    const refused: string[] = [];
    for (const rule of ordered()) {
      if (rule.url === '/api/v1/auth/login') continue;
      const r = await call(c, rule.method, rule.url);
      const allowed = rule.public || rule.permission === null || scopeFor([role], rule.permission) !== null;
      const ok = allowed ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status === 403;
      if (!ok)
        mismatches.push(`${rule.method} ${rule.url} (${rule.permission ?? 'any'}): ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      if (r.status === 403) refused.push(`${rule.method} ${rule.url}`);
    }
    expect(mismatches).toEqual([]);
    // every refusal, reads included, is in the audit log under the account that was refused
    const audited = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('actor_name', '=', username)
      .where('action', 'in', ['access.denied', 'request.refused'])
      .where('outcome', '=', 'denied')
      .execute();
    const auditedRoutes = new Set(audited.map((e) => JSON.parse(e.details)).map((d) => `${d.method} ${d.route}`));
    expect(refused.filter((r) => !auditedRoutes.has(r))).toEqual([]);
  });
});
