// The audit review's probes (issue #2, item 5; R3.1.8), on every engine: an attacker who can write the
// database must not get `verify` to say ok — not by re-signing a rewritten chain with a key of their own
// (probe C), not by a forged archive anchor (probe B), and a truncated tail must be caught wherever a
// signature or an outside record still covers it (probe A). Also: rotations, the checkpoint timer, and
// the console's incremental verification.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openContext } from '../../src/app/index.js';
import { rotateSigningKey, ROTATION_ACTION, startCheckpointTimer, SYSTEM_ACTOR, verifyChain, VerifyCache } from '../../src/audit/index.js';
import { anchorMessage, checkpointMessage } from '../../src/audit/signer.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';
import { attackerSigner, dropAuditGuards, forgeChainWithOwnKey } from '../support/tamper.js';

const actor = { ...SYSTEM_ACTOR, name: 'test' };

async function appendMany(ctx: Pick<TestContext, 'audit'>, n: number) {
  for (let i = 0; i < n; i++)
    await ctx.audit.record(actor, { action: 'test.event', objectType: 'thing', objectId: String(i), details: { i } });
}

describe.each(testEngines())('audit trust on %s', (engine) => {
  let ctx: TestContext;
  let trusted: { trustedKeys: string[] };
  beforeEach(async () => {
    // checkpoints at 1 (the first write), 10, 20, 30, 40; entry 1 is the key registration
    ctx = await createTestContext(engine, { env: { GONGSHU_AUDIT_CHECKPOINT_EVERY: '10' } });
    await appendMany(ctx, 40);
    trusted = { trustedKeys: [ctx.audit.publicKey] };
  });
  afterEach(async () => ctx.close());

  it('verifies an intact log with the key file’s public key and reports the signed head', async () => {
    const r = await verifyChain(ctx.database.db, trusted);
    expect(r).toMatchObject({ ok: true, trust: 'external', lastSeq: 41, unsignedTail: 1 });
    expect(r.signedHead).toMatchObject({ seq: 40, keyId: ctx.audit.signer.keyId });
    expect(r.trustedKeys).toEqual([ctx.audit.publicKey]);
  });

  it('fails when it trusts only a key that did not sign the log', async () => {
    const r = await verifyChain(ctx.database.db, { trustedKeys: [attackerSigner().publicKey] });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/not trusted/);
    expect((await verifyChain(ctx.database.db, { trustedKeys: [] })).reason).toMatch(/no trusted signing key/);
  });

  it('probe C: a chain rewritten and re-signed with a key added to signing_keys fails, naming the first re-signed checkpoint', async () => {
    const { db } = ctx.database;
    await dropAuditGuards(db, engine);
    await forgeChainWithOwnKey(db, { seq: 5, actionName: 'unit.delete' }, attackerSigner());
    // the attack worked against the old verify, which believed the database's key list …
    expect(await verifyChain(db)).toMatchObject({ ok: true, trust: 'database' });
    // … and fails once the keys come from outside the database
    const r = await verifyChain(db, trusted);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/checkpoint at 1 is signed by key [0-9a-f]{16}, which is not trusted/);
  });

  it('a key slipped into signing_keys fails verify even when it signs nothing', async () => {
    const stray = attackerSigner();
    await ctx.database.db
      .insertInto('signing_keys')
      .values({ key_id: stray.keyId, algorithm: 'SM2', public_key: stray.publicKey, created_at: new Date().toISOString() })
      .execute();
    const r = await verifyChain(ctx.database.db, trusted);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 42 });
    expect(r.reason).toMatch(new RegExp(`signing key ${stray.keyId} is listed in the database but not trusted`));
  });

  it('probe B: with the guards in place, plain SQL cannot delete recent entries even behind a forged anchor', async () => {
    const { db } = ctx.database;
    const e30 = await db.selectFrom('audit_log').selectAll().where('seq', '=', 30).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await db
      .insertInto('audit_anchors')
      .values({ archived_through_seq: 30, archived_through_hash: e30.hash, archive_file: 'x.gz', archive_sm3: '0'.repeat(64), at })
      .execute();
    await expect(db.deleteFrom('audit_checkpoints').where('seq', '<=', 30).execute()).rejects.toThrow(/three years/);
    await expect(db.deleteFrom('audit_log').where('seq', '<=', 30).execute()).rejects.toThrow(/three years/);
    expect(await db.selectFrom('audit_log').select('seq').where('seq', '<=', 30).execute()).toHaveLength(30);
    // the forged anchor alone already fails verify: nothing signed it
    const r = await verifyChain(db, trusted);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/anchor through 30 is not signed by a trusted key/);
  });

  it('probe B with the guards dropped: the forged anchor is named, also when the attacker signs it', async () => {
    const { db } = ctx.database;
    await dropAuditGuards(db, engine);
    const e30 = await db.selectFrom('audit_log').selectAll().where('seq', '=', 30).executeTakeFirstOrThrow();
    const attacker = attackerSigner();
    const anchor = {
      seq: 30,
      hash: e30.hash,
      cutoff: '2020-01-01T00:00:00.000Z',
      archiveFile: 'x.gz',
      archiveSm3: '0'.repeat(64),
      at: e30.at,
    };
    await db
      .insertInto('audit_anchors')
      .values({
        archived_through_seq: 30,
        archived_through_hash: e30.hash,
        archive_file: anchor.archiveFile,
        archive_sm3: anchor.archiveSm3,
        at: anchor.at,
        cutoff: anchor.cutoff,
        key_id: attacker.keyId,
        signature: attacker.sign(anchorMessage(anchor)),
      })
      .execute();
    await db.deleteFrom('audit_checkpoints').where('seq', '<=', 30).execute();
    await db.deleteFrom('audit_log').where('seq', '<=', 30).execute();
    const r = await verifyChain(db, trusted);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/entries 1–30 are unaccounted for/);
  });

  it('probe A: a tail cut with its checkpoints verifies only up to the signed head it reports; an outside record catches it', async () => {
    const { db } = ctx.database;
    await dropAuditGuards(db, engine);
    await db.deleteFrom('audit_log').where('seq', '>=', 25).execute();
    await db.deleteFrom('audit_checkpoints').where('seq', '>=', 25).execute();
    const alone = await verifyChain(db, trusted);
    // the database alone cannot tell this from a log that ended at 24: the signed head is what to compare
    expect(alone).toMatchObject({ ok: true, lastSeq: 24, unsignedTail: 4 });
    expect(alone.signedHead?.seq).toBe(20);
    const r = await verifyChain(db, { ...trusted, expectMinSeq: 41 });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 25 });
    expect(r.reason).toMatch(/known to have reached 41/);
  });

  it('a log with every checkpoint deleted fails: nothing trusted covers it', async () => {
    const { db } = ctx.database;
    await dropAuditGuards(db, engine);
    await db.deleteFrom('audit_checkpoints').execute();
    const r = await verifyChain(db, trusted);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/no checkpoint signed by a trusted key/);
  });

  it('signs the head on demand and on a timer, and once more when the timer stops', async () => {
    expect(await ctx.audit.checkpoint()).toMatchObject({ seq: 41 });
    expect(await ctx.audit.checkpoint()).toBeNull(); // the head did not move
    const timer = startCheckpointTimer(ctx.audit, 50, (err) => {
      throw err;
    });
    await appendMany(ctx, 3);
    await new Promise((r) => setTimeout(r, 300));
    expect((await verifyChain(ctx.database.db, trusted)).signedHead?.seq).toBe(44);
    await appendMany(ctx, 2);
    await timer.stop();
    expect(await verifyChain(ctx.database.db, trusted)).toMatchObject({ ok: true, lastSeq: 46, unsignedTail: 0 });
  });

  it('a rotation signed by both keys links them: either key alone verifies the whole history', async () => {
    const old = ctx.audit.publicKey;
    const rotation = await rotateSigningKey(ctx, actor);
    // the next start loads the new key file, as the server would
    const next = await openContext(loadConfig({ db: ctx.config.db, dataDir: ctx.config.dataDir, logLevel: 'silent' }, {}));
    try {
      expect(next.audit.signer.keyId).toBe(rotation.keyId);
      await appendMany(next, 12);
      await next.audit.checkpoint();
      const cps = await ctx.database.db.selectFrom('audit_checkpoints').select(['seq', 'key_id']).orderBy('seq').execute();
      expect(new Set(cps.map((c) => c.key_id))).toEqual(new Set([rotation.previousKeyId, rotation.keyId]));
      for (const key of [old, rotation.publicKey]) {
        const r = await verifyChain(ctx.database.db, { trustedKeys: [key] });
        expect(r, r.reason ?? '').toMatchObject({ ok: true, unsignedTail: 0 });
        expect(new Set(r.trustedKeys)).toEqual(new Set([old, rotation.publicKey]));
      }
    } finally {
      await next.database.close();
    }
  });

  it('a key made without a rotation (lost key) is trusted only when given explicitly', async () => {
    const { rmSync } = await import('node:fs');
    const { keyFilePath } = await import('../../src/audit/index.js');
    const old = ctx.audit.publicKey;
    rmSync(keyFilePath(ctx.config.dataDir));
    const next = await openContext(
      loadConfig({ db: ctx.config.db, dataDir: ctx.config.dataDir, logLevel: 'silent' }, { GONGSHU_NEW_SIGNING_KEY: 'true' }),
    );
    try {
      await appendMany(next, 3);
      await next.audit.checkpoint();
      const r = await verifyChain(ctx.database.db, { trustedKeys: [next.audit.publicKey] });
      expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
      expect(r.reason).toMatch(/not trusted/);
      expect(await verifyChain(ctx.database.db, { trustedKeys: [old] })).toMatchObject({ ok: false });
      expect(await verifyChain(ctx.database.db, { trustedKeys: [old, next.audit.publicKey] })).toMatchObject({ ok: true });
    } finally {
      await next.database.close();
    }
  });

  it('a rotation record the outgoing key did not sign links nothing', async () => {
    const attacker = attackerSigner();
    const platform = ctx.audit.signer;
    const message = `gongshu-key-rotation-v1|${platform.keyId}|${platform.publicKey}|${attacker.keyId}|${attacker.publicKey}`;
    await ctx.audit.record(actor, {
      action: ROTATION_ACTION,
      objectType: 'signing_key',
      objectId: attacker.keyId,
      details: {
        previousKeyId: platform.keyId,
        previousPublicKey: platform.publicKey,
        keyId: attacker.keyId,
        publicKey: attacker.publicKey,
        previousSignature: attacker.sign(message),
        signature: attacker.sign(message),
      },
    });
    const head = await ctx.database.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(42); // no checkpoint due: 42 crosses no tenth and the last one is recent
    // the attacker's key signs a checkpoint over it (an insert, which the guards allow)
    const at = new Date(Date.now() + 1000).toISOString();
    await ctx.database.db
      .insertInto('audit_checkpoints')
      .values({ seq: 42, at, hash: head.hash, key_id: attacker.keyId, signature: attacker.sign(checkpointMessage(42, head.hash, at)) })
      .execute();
    const r = await verifyChain(ctx.database.db, trusted);
    expect(r.trustedKeys).toEqual([ctx.audit.publicKey]);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 42 });
    expect(r.reason).toMatch(/not trusted/);
  });

  it('the console’s check is incremental, says so, and a full check finds what it does not re-read', async () => {
    const { db } = ctx.database;
    const cache = new VerifyCache(db, [ctx.audit.publicKey]);
    const first = await cache.verify();
    expect(first).toMatchObject({ ok: true, mode: 'full', checked: 41 });
    await appendMany(ctx, 5);
    await ctx.audit.checkpoint();
    const second = await cache.verify();
    expect(second).toMatchObject({ ok: true, mode: 'incremental', checked: 46, lastSeq: 46, fullVerifiedAt: first.fullVerifiedAt });
    expect(second.signedHead?.seq).toBe(46);
    // an edit in the already-checked part is not re-read by the incremental check …
    await dropAuditGuards(db, engine);
    await db.updateTable('audit_log').set({ details: '{"i":999}' }).where('seq', '=', 17).execute();
    expect(await cache.verify()).toMatchObject({ ok: true, mode: 'incremental' });
    // … a full check finds it, and the failure is not cached
    expect(await cache.verify(true)).toMatchObject({ ok: false, mode: 'full', firstBadSeq: 17 });
    expect(await cache.verify()).toMatchObject({ ok: false, mode: 'full', firstBadSeq: 17 });
  });

  it('the incremental check still notices the entry it ended at being replaced, and new entries that do not link', async () => {
    const { db } = ctx.database;
    const cache = new VerifyCache(db, [ctx.audit.publicKey]);
    await cache.verify();
    await dropAuditGuards(db, engine);
    await db
      .updateTable('audit_log')
      .set({ hash: 'e'.repeat(64) })
      .where('seq', '=', 41)
      .execute();
    expect(await cache.verify()).toMatchObject({ ok: false, mode: 'incremental', firstBadSeq: 41 });
  });
});
