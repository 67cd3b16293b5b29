// GET /api/v1/audit/verify as the console calls it: incremental after the first check and saying so,
// in full on request, trusting the server's own key and not the database's key list; and the server
// signs the head of the log when it closes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/index.js';
import { Client } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { testEngines } from '../support/engines.js';
import { attackerSigner, dropAuditGuards, forgeChainWithOwnKey } from '../support/tamper.js';

describe.each(testEngines())('audit verify over HTTP on %s', (engine) => {
  let srv: TestServer;
  let auditor: Client;
  beforeEach(async () => {
    srv = await startTestServer({ demo: true, engine });
    auditor = new Client(srv.url);
    expect((await auditor.login('auditor')).status).toBe(200);
  });
  afterEach(async () => srv.close());

  it('checks in full first, then incrementally, and in full again when asked', async () => {
    const first = await auditor.get('/api/v1/audit/verify');
    expect(first.body).toMatchObject({ ok: true, mode: 'full', trust: 'external' });
    const second = await auditor.get('/api/v1/audit/verify');
    // the first check's own audit entry (and the login's) are what the second one reads
    expect(second.body).toMatchObject({ ok: true, mode: 'incremental', fullVerifiedAt: first.body.fullVerifiedAt });
    expect(second.body.checked).toBe(second.body.lastSeq);
    const full = await auditor.get('/api/v1/audit/verify?full=true');
    expect(full.body).toMatchObject({ ok: true, mode: 'full', checked: full.body.lastSeq });
    expect((await auditor.get('/api/v1/audit/verify?full=maybe')).status).toBe(400);
  });

  it('a chain re-signed with a key added to the database shows as broken in the console', async () => {
    const { db } = srv.ctx.database;
    await dropAuditGuards(db, engine);
    await forgeChainWithOwnKey(db, { seq: 5, actionName: 'unit.delete' }, attackerSigner());
    const r = await auditor.get('/api/v1/audit/verify');
    expect(r.body).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.body.reason).toMatch(/not trusted/);
  });

  it('signs the head of the log when the server closes', async () => {
    await auditor.get('/api/v1/audit/entries');
    const { db } = srv.ctx.database;
    const trustedKeys = [srv.ctx.audit.publicKey];
    await srv.app.close();
    const r = await verifyChain(db, { trustedKeys });
    expect(r).toMatchObject({ ok: true, unsignedTail: 0 });
  });
});
