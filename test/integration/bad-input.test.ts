// Bad input of every kind gets a clear 4xx in the one error shape, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoId } from '../../src/demo/index.js';
import { testEngines } from '../support/engines.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const HOSTILE = [
  "'; DROP TABLE units; --",
  '示例局" OR "1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'name`whoami`',
  '1; SELECT * FROM users',
];

describe.each(testEngines())('bad input on %s', (engine) => {
  let srv: TestServer;
  let admin: Client;
  const counts = async () => ({
    units: Number(
      (
        await srv.ctx.database.db
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    users: Number(
      (
        await srv.ctx.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  beforeAll(async () => {
    srv = await startTestServer({ demo: true, engine });
    admin = new Client(srv.url);
    await admin.login('sysadmin');
  });
  afterAll(async () => srv.close());

  it('answers malformed JSON, a wrong content type and an oversized body with 4xx and the error shape', async () => {
    const before = await counts();
    const malformed = await admin.request('POST', '/api/v1/units', '{"code": "X1", "name": ', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'malformed_json' });
    const wrongType = await admin.request('POST', '/api/v1/units', 'code=X1&name=y', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('unsupported_media_type');
    const huge = await admin.request(
      'POST',
      '/api/v1/units',
      JSON.stringify({ code: 'X2', name: 'a'.repeat(2 * 1024 * 1024), type: 'department' }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
    expect(await counts()).toEqual(before);
  });

  it('refuses SQL and script fragments in every text field of units and users', async () => {
    const before = await counts();
    for (const bad of HOSTILE) {
      const unit = await admin.post('/api/v1/units', { code: 'OK1', name: bad, type: 'department' });
      expect(unit.status, bad).toBe(400);
      expect(unit.body.code).toBe('validation_failed');
      expect((await admin.post('/api/v1/units', { code: bad, name: '示例单位', type: 'department' })).status, bad).toBe(400);
      expect(
        (
          await admin.post('/api/v1/users', {
            username: bad,
            displayName: '张三',
            unitId: demoId('unit', 'GAJ'),
            password: 'Strong#Pass2026',
          })
        ).status,
        bad,
      ).toBe(400);
      expect(
        (
          await admin.post('/api/v1/users', {
            username: 'zhangsan',
            displayName: bad,
            unitId: demoId('unit', 'GAJ'),
            password: 'Strong#Pass2026',
          })
        ).status,
        bad,
      ).toBe(400);
      expect((await admin.request('PATCH', `/api/v1/units/${demoId('unit', 'GAJ')}`, { name: bad })).status, bad).toBe(400);
      // and in the login form, which takes any text: a plain refusal, nothing more
      expect((await new Client(srv.url).login(bad, bad)).status).toBe(401);
    }
    expect(await counts()).toEqual(before);
    const gaj = await srv.ctx.database.db
      .selectFrom('units')
      .select('name')
      .where('id', '=', demoId('unit', 'GAJ'))
      .executeTakeFirstOrThrow();
    expect(gaj.name).toBe('示例市公安局');
  });

  it('accepts ordinary Chinese names with their punctuation', async () => {
    const r = await admin.post('/api/v1/units', { code: 'TEST-01', name: '示例市大数据中心（政务服务·一网通办）', type: 'department' });
    expect(r.status).toBe(201);
    expect(r.body.name).toBe('示例市大数据中心（政务服务·一网通办）');
  });

  it('refuses unknown enum values, bad ids and duplicate codes with a clear message', async () => {
    expect((await admin.post('/api/v1/units', { code: 'X3', name: '示例', type: 'ministry' })).status).toBe(400);
    expect((await admin.request('PATCH', '/api/v1/units/not-a-uuid', { name: '示例' })).status).toBe(400);
    const dup = await admin.post('/api/v1/units', { code: 'GAJ', name: '重复', type: 'department' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('unit_code_taken');
    expect((await admin.request('PATCH', '/api/v1/units/00000000-0000-4000-8000-000000000000', { name: '示例' })).status).toBe(404);
  });

  it("refuses a cycle of parent units and disabling one's own unit, and audits each refusal", async () => {
    const a = (await admin.post('/api/v1/units', { code: 'CYC-A', name: '示例甲', type: 'department' })).body;
    const b = (await admin.post('/api/v1/units', { code: 'CYC-B', name: '示例乙', type: 'department', parentId: a.id })).body;
    const cycle = await admin.request('PATCH', `/api/v1/units/${a.id}`, { parentId: b.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('invalid_parent');
    const own = await admin.request('PATCH', `/api/v1/units/${demoId('unit', 'PSU')}`, { status: 'disabled' });
    expect(own.body.code).toBe('cannot_disable_own_unit');
    const refused = await srv.ctx.database.db
      .selectFrom('audit_log')
      .select(['details', 'actor_name'])
      .where('action', '=', 'request.refused')
      .execute();
    const codes = refused.map((r) => JSON.parse(r.details).code);
    expect(codes).toEqual(expect.arrayContaining(['invalid_parent', 'cannot_disable_own_unit', 'validation_failed', 'unit_code_taken']));
    expect(refused.every((r) => r.actor_name === 'sysadmin')).toBe(true);
    expect(JSON.parse(refused.find((r) => JSON.parse(r.details).code === 'invalid_parent')!.details)).toMatchObject({
      path: `/api/v1/units/${a.id}`,
      params: { id: a.id },
    });
  });

  it('answers unknown API paths with 404 JSON and serves health and OpenAPI', async () => {
    const missing = await admin.get('/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const health = await new Client(srv.url).get('/healthz');
    expect(health.body).toMatchObject({ status: 'ok', database: engine });
    const spec = await new Client(srv.url).get('/api/openapi.json');
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/audit/entries', '/api/v1/units']));
    expect(health.headers.get('x-request-id')).toBeTruthy();
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests'); // plain-HTTP intranets
    expect((await fetch(srv.url + '/api/docs/')).status).toBe(200); // Swagger UI needs no login, like the spec
    const badUrl = await admin.get('/api/v1/units?type=%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) });
  });

  it('has no route that edits or deletes audit entries', async () => {
    const auditor = new Client(srv.url);
    await auditor.login('auditor');
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST']) {
      const r = await auditor.request(method, '/api/v1/audit/entries', method === 'DELETE' ? undefined : {});
      expect(r.status).toBe(404);
    }
  });
});
