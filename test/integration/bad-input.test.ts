// Bad input of every kind gets a clear 4xx in the one error shape, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResources } from '../../src/catalog/index.js';
import { demoId } from '../../src/demo/index.js';
import { TABLES } from '../../src/platform/db/index.js';
import { idCheckChar } from '../../src/platform/validators/index.js';
import { drainJobs } from '../support/jobs.js';
import { testEngines } from '../support/engines.js';
import { Client, type Reply } from '../support/http.js';
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

  it('stores SQL and script fragments in catalog, rule-set and ticket text fields verbatim, or refuses them, and nothing else changes', async () => {
    const db = srv.ctx.database.db;
    const gaj = new Client(srv.url);
    expect((await gaj.login('gaj')).status).toBe(200);
    const platform = new Client(srv.url);
    await platform.login('platform');
    const population = (await allResources(db)).find((r) => r.name === '人口基本信息')!;
    // a ticket to dispute and decide: one record with a wrong check digit
    const first17 = '35050319800101234';
    const wrong = first17 + (idCheckChar(first17) === '1' ? '2' : '1');
    const upload = await gaj.request(
      'POST',
      `/api/v1/aggregation/batches/upload?resource=${population.id}&mode=upsert&fileName=bad.csv`,
      Buffer.from(`姓名,性别,公民身份号码,出生日期,联系电话,户籍地址\n张五,1,${wrong},1980-01-01,13800138000,示例路\n`),
      { 'content-type': 'application/octet-stream' },
    );
    expect([200, 202], JSON.stringify(upload.body)).toContain(upload.status);
    await drainJobs(srv.ctx);
    const ticket = (await gaj.get('/api/v1/governance/tickets')).body.items.find(
      (t: { batchId: string }) => t.batchId === upload.body.batch,
    );
    expect(ticket).toBeTruthy();
    const activeRules = (await platform.get(`/api/v1/governance/rule-sets/${population.id}`)).body.active.ruleSet;

    const draft = {
      name: '示例输入检查资源',
      kind: 'departmental',
      format: 'table',
      updateCycle: 'daily',
      sharingType: 'unconditional',
      sharingModes: ['query'],
      openType: 'none',
      grade: 'general',
      gradeLevel: 1,
      gradingRationale: '一般数据',
      elements: [{ code: 'xm', name: '姓名', type: 'string', key: true, required: true }],
    };
    const withElement = (field: string, bad: string) => ({ ...draft, elements: [{ ...draft.elements[0], [field]: bad }] });
    const resourceField = (field: string) => ({
      field: `resource.${field}`,
      send: (bad: string) => gaj.post('/api/v1/catalog/resources', { ...draft, [field]: bad }),
    });
    const elementField = (field: string) => ({
      field: `resource.elements[].${field}`,
      send: (bad: string) => gaj.post('/api/v1/catalog/resources', withElement(field, bad)),
    });

    // each text field: refused with a 400, or stored and read back as the very same string
    const FIELDS: {
      field: string;
      send: (bad: string) => Promise<Reply>;
      readBack?: (sent: Reply) => Promise<unknown>;
      changes?: string[];
      /** the refusal's code when it is not the schema's own */
      refusedWith?: string;
    }[] = [
      ...['name', 'summary', 'sharingCondition', 'sharingLegalBasis', 'openCondition', 'gradingRationale'].map(resourceField),
      ...['name', 'standardRef', 'codeTable'].map(elementField),
      // related resources must be catalogued codes: a fragment is no such code and is refused
      {
        field: 'resource.related[]',
        send: (bad) => gaj.post('/api/v1/catalog/resources', { ...draft, name: `示例关联资源${HOSTILE.indexOf(bad)}`, related: [bad] }),
        refusedWith: 'related_not_found',
      },
      {
        field: 'ruleSet.comment',
        send: (bad) => platform.request('PUT', `/api/v1/governance/rule-sets/${population.id}`, { ruleSet: activeRules, comment: bad }),
      },
      {
        field: 'ruleSet.rules[].message',
        send: (bad) =>
          platform.request('PUT', `/api/v1/governance/rule-sets/${population.id}`, {
            ruleSet: { ...activeRules, rules: activeRules.rules.map((r: object, i: number) => (i === 0 ? { ...r, message: bad } : r)) },
          }),
        readBack: async () => (await platform.get(`/api/v1/governance/rule-sets/${population.id}`)).body.active.ruleSet.rules[0].message,
        changes: ['rule_sets'],
      },
      { field: 'ticket.dispute.reason', send: (bad) => gaj.post(`/api/v1/governance/tickets/${ticket.id}/dispute`, { reason: bad }) },
      {
        field: 'ticket.decision.comment',
        send: (bad) => platform.post(`/api/v1/governance/tickets/${ticket.id}/decision`, { accept: false, comment: bad }),
      },
    ];

    // row counts of every table but the log-like ones, and the ticket's own state
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const t of TABLES) {
        if (['audit_log', 'audit_checkpoints', 'sessions'].includes(t.name)) continue;
        out[t.name] = Number(
          (
            await db
              .selectFrom(t.name as 'units')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      }
      out.ticket = await db
        .selectFrom('tickets')
        .select(['status', 'dispute_reason'])
        .where('id', '=', ticket.id)
        .executeTakeFirstOrThrow();
      return out;
    };

    for (const bad of HOSTILE) {
      for (const f of FIELDS) {
        const label = `${f.field} ← ${bad}`;
        const before = await snapshot();
        const r = await f.send(bad);
        const after = await snapshot();
        const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
        if (f.readBack) {
          expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
          expect(r.headers.get('content-type'), label).toMatch(/^application\/json/);
          // the literal string comes back inside JSON: stored text is data, and the console renders it as text
          expect(await f.readBack(r), label).toBe(bad);
          expect(
            changed.filter((k) => !f.changes!.includes(k)),
            label,
          ).toEqual([]);
        } else {
          expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(400);
          expect(r.body.code, label).toBe(f.refusedWith ?? 'validation_failed');
          expect(changed, label).toEqual([]);
        }
      }
    }
    // and no fragment ran as SQL: the tables are all there, the units and users as they were
    expect((await db.selectFrom('units').select('name').where('id', '=', demoId('unit', 'GAJ')).executeTakeFirstOrThrow()).name).toBe(
      '示例市公安局',
    );
  });
});
