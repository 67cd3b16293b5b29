// Login, lock-out, sessions, password change, separation of duties and API credentials, over HTTP on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/demo/index.js';
import { verifyChain } from '../../src/audit/index.js';
import { testEngines } from '../support/engines.js';
import { testClock } from '../support/context.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(testEngines())('identity on %s', (engine) => {
  let srv: TestServer;
  const clock = testClock();
  const lastAudit = async (action: string) =>
    srv.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();

  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine, clock });
  });
  afterAll(async () => srv.close());

  it('logs in with the right password, sets an HttpOnly SameSite cookie, and audits it', async () => {
    const c = new Client(srv.url);
    const r = await c.login('gaj');
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'gaj', unitName: '示例市公安局', roles: ['department_staff'] });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await c.get('/api/v1/auth/me')).body.user.username).toBe('gaj');
    expect(await lastAudit('auth.login')).toMatchObject({ actor_name: 'gaj', outcome: 'success' });
  });

  it('gives the same 401 for a wrong password and an unknown user, and audits both', async () => {
    const wrong = await new Client(srv.url).login('scjg', 'Wrong@password1');
    const unknown = await new Client(srv.url).login('nobody', 'Wrong@password1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    const failures = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'details'])
      .where('action', '=', 'auth.login')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.map((f) => f.actor_name)).toEqual(expect.arrayContaining(['scjg', 'nobody']));
  });

  it('locks an account for 15 minutes after 5 failures, even against the right password, until unlocked', async () => {
    const c = new Client(srv.url);
    for (let i = 0; i < 5; i++) expect((await c.login('mzj', 'Wrong@password1')).status).toBe(401);
    const lockedOut = await c.login('mzj');
    expect(lockedOut.status).toBe(423);
    expect(lockedOut.body.code).toBe('account_locked');
    expect(await lastAudit('auth.lockout')).toMatchObject({ object_id: demoId('user', 'mzj') });

    clock.advance(14 * 60_000);
    expect((await c.login('mzj')).status).toBe(423);
    clock.advance(2 * 60_000);
    expect((await c.login('mzj')).status).toBe(200);

    // and the security administrator can unlock earlier
    for (let i = 0; i < 5; i++) await c.login('rsj', 'Wrong@password1');
    expect((await c.login('rsj')).status).toBe(423);
    const sec = new Client(srv.url);
    await sec.login('secadmin');
    expect((await sec.post(`/api/v1/users/${demoId('user', 'rsj')}/unlock`)).status).toBe(204);
    expect((await c.login('rsj')).status).toBe(200);
  });

  it('answers an unknown name exactly as an account: locked after 5 failures, with the same status and message', async () => {
    const c = new Client(srv.url);
    for (let i = 0; i < 5; i++) {
      expect((await c.login('ghost', 'Wrong@password1')).status).toBe(401);
      expect((await c.login('assessor', 'Wrong@password1')).status).toBe(401);
    }
    const ghost = await c.login('ghost', 'Wrong@password1');
    const real = await c.login('assessor', 'Wrong@password1');
    expect(ghost.status).toBe(423);
    expect(real.status).toBe(423);
    expect(ghost.body).toEqual(real.body); // same code, message and lockedUntil: nothing tells them apart
    expect(ghost.body.code).toBe('account_locked');
    expect(await lastAudit('auth.lockout')).toMatchObject({ object_id: demoId('user', 'assessor') });
    const ghostLockout = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.lockout')
      .where('actor_name', '=', 'ghost')
      .executeTakeFirst();
    expect(JSON.parse(ghostLockout!.details)).toMatchObject({ unknownUser: true });

    clock.advance(16 * 60_000);
    expect((await c.login('ghost', 'Wrong@password1')).status).toBe(401);
    expect((await c.login('assessor')).status).toBe(200);
  });

  it('expires an idle session and an old one, and accepts the token as a bearer', async () => {
    const c = new Client(srv.url);
    await c.login('wjw');
    const bearer = (path: string) => fetch(srv.url + path, { headers: { authorization: `Bearer ${c.token}` } });
    expect((await bearer('/api/v1/auth/me')).status).toBe(200);
    clock.advance(29 * 60_000);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200); // activity slides the idle window
    clock.advance(29 * 60_000);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    clock.advance(31 * 60_000);
    const idle = await c.get('/api/v1/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('session_expired');
    // the refused token is in the audit log, against the session's user
    expect(await lastAudit('auth.session')).toMatchObject({
      outcome: 'denied',
      object_id: demoId('user', 'wjw'),
      details: expect.stringContaining('session_expired'),
    });

    const d = new Client(srv.url);
    await d.login('ybj');
    for (let i = 0; i < 25; i++) {
      clock.advance(29 * 60_000); // active all day: the absolute limit (12 h) still ends the session
      if ((await d.get('/api/v1/auth/me')).status !== 200) break;
    }
    const absolute = await d.get('/api/v1/auth/me');
    expect(absolute.body.code).toBe('session_expired');
  });

  it('ends the session on logout', async () => {
    const c = new Client(srv.url);
    await c.login('zrzy');
    expect((await c.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await fetch(srv.url + '/api/v1/auth/me', { headers: { authorization: `Bearer ${c.token}` } });
    expect(after.status).toBe(401);
    expect(await lastAudit('auth.logout')).toMatchObject({ actor_name: 'zrzy' });
  });

  it('changes a password under the policy and ends other sessions', async () => {
    const c = new Client(srv.url);
    const other = new Client(srv.url);
    await c.login('zjj');
    await other.login('zjj');
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Gongshu@2026', newPassword: 'short' })).body.code).toBe(
      'weak_password',
    );
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Gongshu@2026', newPassword: 'zjj-Password-2026' })).body.code).toBe(
      'weak_password',
    );
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'nope', newPassword: 'Another#Pass2026' })).status).toBe(401);
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Gongshu@2026', newPassword: 'Another#Pass2026' })).status).toBe(204);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await other.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new Client(srv.url).login('zjj', 'Another#Pass2026')).status).toBe(200);
  });

  it('enforces separation of duties: no account holds two of the three administrator roles', async () => {
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    const created = await sys.post('/api/v1/users', {
      username: 'newadmin',
      displayName: '新管理员',
      unitId: demoId('unit', 'PSU'),
      password: 'Strong#Pass2026',
    });
    expect(created.status).toBe(201);
    expect(created.body.roles).toEqual([]);
    // the system administrator may not grant roles
    expect((await sys.request('PUT', `/api/v1/users/${created.body.id}/roles`, { roles: ['sys_admin'] })).status).toBe(403);

    const sec = new Client(srv.url);
    await sec.login('secadmin');
    const both = await sec.request('PUT', `/api/v1/users/${created.body.id}/roles`, { roles: ['sys_admin', 'sec_admin'] });
    expect(both.status).toBe(409);
    expect(both.body.code).toBe('separation_of_duties');
    const mixed = await sec.request('PUT', `/api/v1/users/${created.body.id}/roles`, { roles: ['sys_admin', 'platform_staff'] });
    expect(mixed.status).toBe(409);
    const wrongUnit = await sec.request('PUT', `/api/v1/users/${created.body.id}/roles`, { roles: ['regulator'] });
    expect(wrongUnit.body.code).toBe('role_unit_mismatch');
    expect(
      (await sec.request('PUT', `/api/v1/users/${demoId('user', 'secadmin')}/roles`, { roles: ['sec_admin', 'auditor'] })).status,
    ).toBe(403);
    const ok = await sec.request('PUT', `/api/v1/users/${created.body.id}/roles`, { roles: ['platform_staff'] });
    expect(ok.status).toBe(200);
    expect(ok.body.roles).toEqual(['platform_staff']);
    const roles = await srv.ctx.database.db.selectFrom('user_roles').select('role').where('user_id', '=', created.body.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['platform_staff']);
    expect(await lastAudit('user.roles.set')).toMatchObject({ actor_name: 'secadmin', object_id: created.body.id });
  });

  it('only the auditor reads the audit log; administrators cannot', async () => {
    for (const who of ['sysadmin', 'secadmin', 'regulator', 'platform']) {
      const c = new Client(srv.url);
      await c.login(who);
      expect((await c.get('/api/v1/audit/entries')).status).toBe(403);
    }
    const auditor = new Client(srv.url);
    await auditor.login('auditor');
    const r = await auditor.get('/api/v1/audit/entries?action=access.denied&pageSize=50');
    expect(r.status).toBe(200);
    expect(r.body.items.map((e: any) => e.actorName)).toEqual(expect.arrayContaining(['sysadmin', 'secadmin', 'regulator', 'platform']));
  });

  it('issues an API credential whose secret is shown once, authenticates with it, and revokes it', async () => {
    const dev = new Client(srv.url);
    await dev.login('dev1');
    const created = await dev.post('/api/v1/credentials', { name: '数据同步' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^gsk_/);
    const listed = await dev.get('/api/v1/credentials');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret.split('.')[1]);
    const stored = await srv.ctx.database.db
      .selectFrom('api_credentials')
      .select('secret_hash')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_hash).not.toContain(created.body.secret.split('.')[1]);

    const asMachine = (path: string, init: RequestInit = {}) =>
      fetch(srv.url + path, { ...init, headers: { authorization: `Bearer ${created.body.secret}`, ...(init.headers ?? {}) } });
    const me = await asMachine('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(
      (
        await srv.ctx.database.db
          .selectFrom('api_credentials')
          .select('last_used_at')
          .where('id', '=', created.body.id)
          .executeTakeFirstOrThrow()
      ).last_used_at,
    ).not.toBeNull();
    // a machine client cannot mint more credentials
    expect(
      (
        await asMachine('/api/v1/credentials', {
          method: 'POST',
          body: JSON.stringify({ name: 'x' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(403);
    // another developer cannot revoke it; its owner can
    const dev2 = new Client(srv.url);
    await dev2.login('dev2');
    expect((await dev2.request('DELETE', `/api/v1/credentials/${created.body.id}`)).status).toBe(404);
    expect((await dev.request('DELETE', `/api/v1/credentials/${created.body.id}`)).status).toBe(204);
    expect((await asMachine('/api/v1/auth/me')).status).toBe(401);
    expect((await asMachine('/api/v1/auth/me')).status).toBe(401);
    expect(await lastAudit('auth.credential')).toMatchObject({ outcome: 'denied' });
  });

  it("keeps the three officers' accounts and their units out of the system administrator's reach (三员分立)", async () => {
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    for (const officer of ['auditor', 'secadmin']) {
      const r = await sys.request('PATCH', `/api/v1/users/${demoId('user', officer)}`, { status: 'disabled' });
      expect(r.status, officer).toBe(403);
      expect(r.body.code).toBe('officer_account');
    }
    // nor by disabling the unit that holds one: the regulator holds the auditor
    const unit = await sys.request('PATCH', `/api/v1/units/${demoId('unit', 'SZB')}`, { status: 'disabled' });
    expect(unit.status).toBe(403);
    expect(unit.body.code).toBe('unit_holds_officer');
    const state = async () => ({
      users: await srv.ctx.database.db.selectFrom('users').select('status').where('username', 'in', ['auditor', 'secadmin']).execute(),
      unit: await srv.ctx.database.db.selectFrom('units').select('status').where('id', '=', demoId('unit', 'SZB')).executeTakeFirst(),
    });
    expect(await state()).toEqual({ users: [{ status: 'active' }, { status: 'active' }], unit: { status: 'active' } });
    // ordinary accounts stay the system administrator's
    expect((await sys.request('PATCH', `/api/v1/users/${demoId('user', 'ybj')}`, { displayName: '示例医保局专员' })).status).toBe(200);

    // the security administrator changes the officers' accounts, and only those
    const sec = new Client(srv.url);
    await sec.login('secadmin');
    expect((await sec.request('PATCH', `/api/v1/officers/${demoId('user', 'ybj')}`, { status: 'disabled' })).body.code).toBe(
      'not_officer_account',
    );
    expect((await sec.request('PATCH', `/api/v1/officers/${demoId('user', 'secadmin')}`, { status: 'disabled' })).body.code).toBe(
      'cannot_disable_self',
    );
    expect((await sec.request('PATCH', `/api/v1/officers/${demoId('user', 'auditor')}`, { status: 'disabled' })).status).toBe(200);
    expect((await new Client(srv.url).login('auditor')).status).toBe(401);
    expect((await sec.request('PATCH', `/api/v1/officers/${demoId('user', 'auditor')}`, { status: 'active' })).status).toBe(200);
    expect((await new Client(srv.url).login('auditor')).status).toBe(200);
    expect(await lastAudit('user.update')).toMatchObject({ actor_name: 'secadmin', object_id: demoId('user', 'auditor') });
    // the system administrator has no way in through the officers' route
    expect((await sys.request('PATCH', `/api/v1/officers/${demoId('user', 'auditor')}`, { status: 'disabled' })).status).toBe(403);
  });

  it('makes an account the system administrator creates change its password before it can do anything else', async () => {
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    const created = await sys.post('/api/v1/users', {
      username: 'firstlogin',
      displayName: '首次登录',
      unitId: demoId('unit', 'PSU'),
      password: 'Initial#Pass2026',
    });
    expect(created.status).toBe(201);
    expect(created.body.mustChangePassword).toBe(true);
    const u = new Client(srv.url);
    const login = await u.login('firstlogin', 'Initial#Pass2026');
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    expect(await lastAudit('auth.login')).toMatchObject({ actor_name: 'firstlogin', outcome: 'success' });
    // who am I answers; everything else, a read of the unit directory or a new API credential, does not
    expect((await u.get('/api/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    for (const r of [await u.get('/api/v1/units/directory'), await u.post('/api/v1/credentials', { name: '同步' })]) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('password_change_required');
    }
    expect(await srv.ctx.database.db.selectFrom('api_credentials').select('id').where('user_id', '=', created.body.id).execute()).toEqual(
      [],
    );
    const denied = await lastAudit('access.denied');
    expect(denied).toMatchObject({ actor_name: 'firstlogin', outcome: 'denied' });
    expect(JSON.parse(denied!.details)).toMatchObject({ method: 'POST', route: '/api/v1/credentials', reason: 'password_change_required' });

    expect((await u.post('/api/v1/auth/password', { currentPassword: 'Initial#Pass2026', newPassword: 'MyOwn#Secret2026' })).status).toBe(
      204,
    );
    expect(JSON.parse((await lastAudit('auth.password.change'))!.details)).toEqual({ wasRequired: true });
    expect((await u.get('/api/v1/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await u.get('/api/v1/units/directory')).status).toBe(200);
    // the demo accounts were seeded without the flag
    expect((await new Client(srv.url).login('gaj')).body.user.mustChangePassword).toBe(false);
  });

  it('lets the system administrator reset an ordinary password: shown once, sessions ended, change forced, audited without it', async () => {
    const userId = (
      await srv.ctx.database.db.selectFrom('users').select('id').where('username', '=', 'firstlogin').executeTakeFirstOrThrow()
    ).id;
    // two sessions open: the one that changed the password in the test before, and this one
    const u = new Client(srv.url);
    expect((await u.login('firstlogin', 'MyOwn#Secret2026')).status).toBe(200);
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    const r = await sys.post(`/api/v1/users/${userId}/reset-password`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const temp: string = r.body.temporaryPassword;
    expect(temp).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16}$/);
    expect(r.body).toMatchObject({ userId, username: 'firstlogin', sessionsEnded: 2 });
    // the user's session is over, the old password no longer works, the temporary one forces a change
    expect((await u.get('/api/v1/auth/me')).status).toBe(401);
    expect((await new Client(srv.url).login('firstlogin', 'MyOwn#Secret2026')).status).toBe(401);
    const again = new Client(srv.url);
    expect((await again.login('firstlogin', temp)).body.user.mustChangePassword).toBe(true);
    expect((await again.get('/api/v1/users')).body.code).toBe('password_change_required');
    const entry = await lastAudit('user.password.reset');
    expect(entry).toMatchObject({ actor_name: 'sysadmin', object_id: userId, outcome: 'success' });
    expect(JSON.parse(entry!.details)).toEqual({ username: 'firstlogin', officer: false, sessionsEnded: 2 });
    const everything = await srv.ctx.database.db.selectFrom('audit_log').select('details').execute();
    expect(everything.filter((e) => e.details.includes(temp))).toEqual([]);

    // the security administrator has no ordinary-account reset, and the system administrator none for officers
    const sec = new Client(srv.url);
    await sec.login('secadmin');
    expect((await sec.post(`/api/v1/users/${userId}/reset-password`)).status).toBe(403);
    expect((await sec.post(`/api/v1/officers/${userId}/reset-password`)).body.code).toBe('not_officer_account');
    const officer = await sys.post(`/api/v1/users/${demoId('user', 'auditor')}/reset-password`);
    expect(officer.status).toBe(403);
    expect(officer.body.code).toBe('officer_account');
    expect((await sys.post(`/api/v1/officers/${demoId('user', 'auditor')}/reset-password`)).status).toBe(403);
    expect((await new Client(srv.url).login('auditor')).status).toBe(200); // unchanged by the refusals
    expect((await sys.post(`/api/v1/users/${demoId('user', 'nobody')}/reset-password`)).status).toBe(404);
  });

  it("leaves a reset account's API credentials working: they are the user's own secrets, not the password", async () => {
    const dev = new Client(srv.url);
    await dev.login('dev2');
    const secret: string = (await dev.post('/api/v1/credentials', { name: '重置前' })).body.secret;
    const sys = new Client(srv.url);
    await sys.login('sysadmin');
    expect((await sys.post(`/api/v1/users/${demoId('user', 'dev2')}/reset-password`)).status).toBe(200);
    expect((await dev.get('/api/v1/auth/me')).status).toBe(401);
    const asMachine = await fetch(`${srv.url}/api/v1/credentials`, { headers: { authorization: `Bearer ${secret}` } });
    expect(asMachine.status).toBe(200);
  });

  it("lets the security administrator reset the three officers' passwords, not his own", async () => {
    const sec = new Client(srv.url);
    await sec.login('secadmin');
    expect((await sec.post(`/api/v1/officers/${demoId('user', 'secadmin')}/reset-password`)).body.code).toBe('cannot_reset_self');
    const r = await sec.post(`/api/v1/officers/${demoId('user', 'auditor')}/reset-password`);
    expect(r.status).toBe(200);
    expect((await new Client(srv.url).login('auditor')).status).toBe(401);
    const a = new Client(srv.url);
    expect((await a.login('auditor', r.body.temporaryPassword)).body.user.mustChangePassword).toBe(true);
    expect((await a.get('/api/v1/audit/entries')).body.code).toBe('password_change_required');
    expect(await lastAudit('user.password.reset')).toMatchObject({ actor_name: 'secadmin', object_id: demoId('user', 'auditor') });
    expect(
      (await a.post('/api/v1/auth/password', { currentPassword: r.body.temporaryPassword, newPassword: 'Gongshu@2026!' })).status,
    ).toBe(204);
    expect((await a.get('/api/v1/audit/entries')).status).toBe(200);
  });

  it('forces a change at login once a password is older than GONGSHU_PASSWORD_MAX_DAYS, and not before', async () => {
    srv.ctx.config.passwordMaxDays = 90;
    try {
      expect((await new Client(srv.url).login('ybj')).body.user.mustChangePassword).toBe(false);
      clock.advance(90 * 86_400_000);
      const c = new Client(srv.url);
      expect((await c.login('ybj')).body.user.mustChangePassword).toBe(true);
      expect(JSON.parse((await lastAudit('auth.login'))!.details)).toMatchObject({ passwordExpired: true, mustChangePassword: true });
      expect((await c.get('/api/v1/units/directory')).body.code).toBe('password_change_required');
      expect((await c.post('/api/v1/auth/password', { currentPassword: 'Gongshu@2026', newPassword: 'Renewed#Pass2026' })).status).toBe(
        204,
      );
      expect((await new Client(srv.url).login('ybj', 'Renewed#Pass2026')).body.user.mustChangePassword).toBe(false);
    } finally {
      srv.ctx.config.passwordMaxDays = 0;
    }
  });

  it('keeps the audit chain intact through all of it', async () => {
    expect((await verifyChain(srv.ctx.database.db)).ok).toBe(true);
  });
});
