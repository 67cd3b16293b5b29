// Login rate limiting, log redaction (secrets never reach the logs), refusals audited without letting a
// flood fill the log, and default deny for every route the server has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../src/app/index.js';
import { demoId } from '../../src/demo/index.js';
import { createServer, declarePublic, type App } from '../../src/platform/http/index.js';
import { forbidden } from '../../src/platform/errors.js';
import { createTestContext, testClock, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('login rate limit', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ demo: true, build: { loginRateLimitPerMinute: 5 } });
  });
  afterAll(async () => srv.close());

  it('answers 429 after the per-minute limit from one address', async () => {
    const c = new Client(srv.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.login('nobody', 'Wrong#pass2026')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await c.login('nobody', 'Wrong#pass2026');
    expect(limited.body).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/秒后再试/) });
    const audited = await srv.ctx.database.db.selectFrom('audit_log').select('outcome').where('action', '=', 'auth.rate_limited').execute();
    expect(audited).toEqual([{ outcome: 'denied' }]); // once a minute per address, however many attempts
  });

  it('believes X-Forwarded-For only from a proxy it was told to trust', async () => {
    await fetch(srv.url + '/api/v1/auth/me', { headers: { 'x-forwarded-for': '1.1.1.1' } });
    const c = new Client(srv.url);
    await c.request('POST', '/api/v1/auth/login', { username: 'gaj', password: 'Wrong#pass2026' }, { 'x-forwarded-for': '1.1.1.1' });
    const entry = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select('ip')
      .where('action', '=', 'auth.login')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.ip).toBe('127.0.0.1');
  });
});

describe('log redaction', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { demo: true });
  });
  afterAll(async () => ctx.close());

  it('keeps passwords, tokens and cookies out of the request logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ ...ctx, config: { ...ctx.config, logLevel: 'trace' } }, { logStream: sink });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'gaj', password: 'Gongshu@2026' } });
      expect(login.statusCode).toBe(200);
      const token = login.json().token as string;
      await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: `Bearer ${token}`, cookie: `gongshu_session=${token}` },
      });
      const all = lines.join('');
      expect(all.length).toBeGreaterThan(0);
      expect(all).not.toContain('Gongshu@2026');
      expect(all).not.toContain(token);
    } finally {
      await app.close();
    }
  });
});

describe.each(testEngines())('refusals in the audit log on %s', (engine) => {
  let ctx: TestContext;
  let app: App;
  const clock = testClock();
  const entries = async (action: string) =>
    (
      await ctx.database.db
        .selectFrom('audit_log')
        .select(['actor_name', 'object_id', 'details', 'outcome'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute()
    ).map((e) => ({ ...e, details: JSON.parse(e.details) }));
  const get = (url: string, token?: string) =>
    app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const login = async (username: string) =>
    (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Gongshu@2026' } })).json()
      .token as string;

  beforeAll(async () => {
    ctx = await createTestContext(engine, { demo: true, clock });
    app = await buildApp(ctx);
    // a read that a service refuses (another unit's object, say), as any route may
    app.get('/api/v1/test/forbidden-read', { config: { authenticated: true } }, async () => {
      throw forbidden('forbidden', "无权访问其他单位的数据 (no access to another unit's objects)");
    });
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('audits an invalid session token once a minute per address, counting those left out', async () => {
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/auth/me', 'not-a-session')).statusCode).toBe(401);
    expect(await entries('auth.session')).toEqual([
      expect.objectContaining({ outcome: 'denied', details: { route: '/api/v1/auth/me', reason: 'invalid_token' } }),
    ]);
    clock.advance(61_000);
    expect((await get('/api/v1/auth/me', 'not-a-session')).statusCode).toBe(401);
    expect((await entries('auth.session'))[1]).toMatchObject({ details: { reason: 'invalid_token', skipped: 2 } });
  });

  it('audits an expired session against its user', async () => {
    const token = await login('wjw');
    clock.advance(31 * 60_000);
    const r = await get('/api/v1/auth/me', token);
    expect(r.json().code).toBe('session_expired');
    expect((await entries('auth.session')).at(-1)).toMatchObject({
      object_id: demoId('user', 'wjw'),
      details: { reason: 'session_expired' },
    });
  });

  it('audits a refused read (403) from the permission table and from a service, throttled', async () => {
    const token = await login('sysadmin');
    const before = (await entries('access.denied')).length;
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/audit/entries', token)).statusCode).toBe(403);
    const denied = (await entries('access.denied')).slice(before);
    expect(denied).toEqual([
      expect.objectContaining({
        actor_name: 'sysadmin',
        details: { method: 'GET', route: '/api/v1/audit/entries', permission: 'audit.read' },
      }),
    ]);

    for (let i = 0; i < 2; i++) expect((await get('/api/v1/test/forbidden-read', token)).statusCode).toBe(403);
    const refused = (await entries('request.refused')).filter((e) => e.details.route === '/api/v1/test/forbidden-read');
    expect(refused).toEqual([expect.objectContaining({ actor_name: 'sysadmin', outcome: 'denied' })]);
    expect(refused[0]!.details).toMatchObject({ method: 'GET', status: 403, code: 'forbidden' });

    clock.advance(61_000);
    expect((await get('/api/v1/audit/entries', token)).statusCode).toBe(403);
    expect((await entries('access.denied')).at(-1)).toMatchObject({ details: { skipped: 2 } });
  });

  it('still audits every refused change, unthrottled', async () => {
    const token = await login('regulator');
    const before = (await entries('access.denied')).length;
    for (let i = 0; i < 3; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: { authorization: `Bearer ${token}` },
        payload: { code: 'X', name: '示例', type: 'department' },
      });
      expect(r.statusCode).toBe(403);
    }
    expect((await entries('access.denied')).length - before).toBe(3);
  });
});

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

describe('default deny for every route', () => {
  let ctx: TestContext;
  let app: App;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite', { demo: true });
    app = await buildApp(ctx);
  });
  afterAll(async () => {
    await app.close();
    await ctx.close();
  });

  it('refuses to start with a route that declares no access, wherever it is', () => {
    for (const url of ['/open/v1/undeclared', '/undeclared', '/api/v1/undeclared']) {
      expect(() => app.get(url, async () => 'x')).toThrow(/declares no access rule/);
    }
  });

  it('marks public only the routes registered inside declarePublic, not a plugin queued before it', async () => {
    const server = await createServer({ logLevel: 'silent', version: 'test' });
    const seen: Record<string, boolean> = {};
    server.addHook('onRequest', async (req) => {
      seen[req.url] = !!req.routeOptions.config.public;
    });
    void server.register(async (scope) => {
      scope.get('/queued', { config: { authenticated: true } }, async () => 'queued');
    });
    // a plugin registered and awaited, as @fastify/static and Swagger UI are: awaiting it loads the queue
    await declarePublic(server, () =>
      server.register(async (scope) => {
        scope.get('/declared', async () => 'declared');
      }),
    );
    await server.inject('/queued');
    await server.inject('/declared');
    expect(seen).toEqual({ '/queued': false, '/declared': true });
    await server.close();
  });

  it('asks for a login on a route outside /api/ that is not public', async () => {
    app.get('/open/v1/members-only', { config: { authenticated: true } }, async () => ({ secret: 1 }));
    const r = await app.inject({ method: 'GET', url: '/open/v1/members-only' });
    expect(r.statusCode).toBe(401);
    expect(r.json().code).toBe('unauthenticated');
  });

  it('keeps what is declared public reachable: health, the open catalog, the API documentation', async () => {
    for (const url of ['/healthz', '/open/v1/catalog', '/api/openapi.json', '/api/docs']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });

  it.skipIf(!existsSync(join(webDist, 'index.html')))('serves the built console to anyone, its pages and its files', async () => {
    for (const url of ['/', '/login', '/favicon.svg']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
