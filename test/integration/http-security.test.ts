// Login rate limiting and log redaction: secrets never reach the logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app/index.js';
import { createTestContext, type TestContext } from '../support/context.js';
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
