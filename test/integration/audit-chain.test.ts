// The audit chain on every engine: intact logs verify; any edit, deletion, insertion or truncated tail
// is found and named; concurrent writers never fork the chain; nothing survives a rolled-back change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AuditLog, SYSTEM_ACTOR, verifyChain, entryDigest } from '../../src/audit/index.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { dropAuditGuards } from '../support/tamper.js';
import { testEngines } from '../support/engines.js';

const actor = { ...SYSTEM_ACTOR, name: 'test' };
const execFileAsync = promisify(execFile);

async function appendMany(ctx: TestContext, n: number) {
  for (let i = 0; i < n; i++)
    await ctx.audit.record(actor, { action: 'test.event', objectType: 'thing', objectId: String(i), details: { i, text: '示例' } });
}

describe.each(testEngines())('audit chain on %s', (engine) => {
  let ctx: TestContext;
  beforeEach(async () => {
    // a checkpoint every 10 entries so the tail is covered in small logs
    ctx = await createTestContext(engine, { env: { GONGSHU_AUDIT_CHECKPOINT_EVERY: '10' } });
    await appendMany(ctx, 40);
  });
  afterEach(async () => ctx.close());
  // the platform key file's public key: what `audit verify` trusts, rather than the database's key list
  const trusted = () => ({ trustedKeys: [ctx.audit.publicKey] });

  it('verifies an intact log, checkpoints included', async () => {
    const r = await verifyChain(ctx.database.db, trusted());
    expect(r).toMatchObject({ ok: true, firstBadSeq: null, lastSeq: 41, trust: 'external' });
    expect(r.checked).toBe(41); // 40 events and the key registration
    expect(r.lastCheckpoint?.seq).toBe(40);
  });

  it('refuses, in the database itself, to update or delete an entry', async () => {
    const { db } = ctx.database;
    await expect(db.updateTable('audit_log').set({ details: '{}' }).where('seq', '=', 5).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 5).execute()).rejects.toThrow(/archiving/);
    await expect(db.deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/archiving/);
    expect((await verifyChain(db)).ok).toBe(true);
  });

  describe('with the guards dropped by an attacker who owns the database', () => {
    beforeEach(async () => dropAuditGuards(ctx.database.db, ctx.database.adapter.engine));

    it('detects an edited entry and names it', async () => {
      await ctx.database.db.updateTable('audit_log').set({ details: '{"i":999}' }).where('seq', '=', 17).execute();
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: false, firstBadSeq: 17 });
    });

    it('detects an edit whose hash was recomputed, by the broken link after it', async () => {
      const row = await ctx.database.db.selectFrom('audit_log').selectAll().where('seq', '=', 17).executeTakeFirstOrThrow();
      const forged = { ...row, seq: 17, actor_name: 'someone-else' };
      const { hash: _h, ...rest } = forged;
      await ctx.database.db
        .updateTable('audit_log')
        .set({ actor_name: 'someone-else', hash: entryDigest(rest) })
        .where('seq', '=', 17)
        .execute();
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: false, firstBadSeq: 18 });
    });

    it('detects a deleted entry', async () => {
      await ctx.database.db.deleteFrom('audit_log').where('seq', '=', 23).execute();
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: false, firstBadSeq: 23 });
    });

    it('detects an inserted entry (the rest renumbered to make room)', async () => {
      const { db } = ctx.database;
      // shift 30..41 up by one, from the top down to keep the key unique, and slip a forged entry in at 30
      for (let seq = 41; seq >= 30; seq--)
        await db
          .updateTable('audit_log')
          .set({ seq: seq + 1 })
          .where('seq', '=', seq)
          .execute();
      const prev = await db.selectFrom('audit_log').selectAll().where('seq', '=', 29).executeTakeFirstOrThrow();
      const base = { ...prev, seq: 30, action: 'test.forged', prev_hash: prev.hash };
      const { hash: _h, ...rest } = base;
      await db
        .insertInto('audit_log')
        .values({ ...rest, hash: entryDigest(rest) })
        .execute();
      expect(await verifyChain(db)).toMatchObject({ ok: false, firstBadSeq: 31 });
    });

    it('detects a truncated tail through a signed checkpoint that still covers it', async () => {
      await ctx.database.db.deleteFrom('audit_log').where('seq', '>=', 35).execute();
      const r = await verifyChain(ctx.database.db, trusted());
      expect(r.ok).toBe(false);
      expect(r.firstBadSeq).toBe(35);
      expect(r.reason).toMatch(/removed from the end/);
    });

    it('a tail cut together with its covering checkpoints shows only against an outside record of the head', async () => {
      const { db } = ctx.database;
      await db.deleteFrom('audit_log').where('seq', '>=', 35).execute();
      await db.deleteFrom('audit_checkpoints').where('seq', '>=', 35).execute();
      // what the database alone can say: intact up to 34, signed up to 30 — the operator compares that
      // signed head with what they recorded elsewhere
      const alone = await verifyChain(db, trusted());
      expect(alone).toMatchObject({ ok: true, lastSeq: 34, unsignedTail: 4 });
      expect(alone.signedHead?.seq).toBe(30);
      const r = await verifyChain(db, { ...trusted(), expectMinSeq: 41 });
      expect(r).toMatchObject({ ok: false, firstBadSeq: 35 });
      expect(r.reason).toMatch(/removed from the end/);
    });

    it('detects a forged checkpoint signature', async () => {
      await ctx.database.db
        .updateTable('audit_checkpoints')
        .set({ hash: 'f'.repeat(64) })
        .where('seq', '=', 20)
        .execute();
      expect(await verifyChain(ctx.database.db)).toMatchObject({ ok: false, firstBadSeq: 20 });
    });
  });

  it('writes nothing when the audited change rolls back', async () => {
    const before = await verifyChain(ctx.database.db);
    await expect(
      ctx.audit.transaction(actor, async (_trx, trail) => {
        trail.record({ action: 'test.doomed' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const after = await verifyChain(ctx.database.db);
    expect(after.lastSeq).toBe(before.lastSeq);
    const doomed = await ctx.database.db.selectFrom('audit_log').select('seq').where('action', '=', 'test.doomed').execute();
    expect(doomed).toHaveLength(0);
  });

  // The rows are inserted by the adapter (on SQLite through a prepared statement on the transaction's
  // own better-sqlite3 handle): they must be part of the transaction, not written beside it.
  describe('audit rows written by a transaction that then fails', () => {
    const change = (keyId: string) => ({
      key_id: keyId,
      algorithm: 'SM2',
      public_key: '04' + 'a'.repeat(128),
      created_at: '2026-11-27T03:00:00.000Z',
    });
    const survivors = async (keyId: string, action: string) => ({
      changed: await ctx.database.db.selectFrom('signing_keys').select('key_id').where('key_id', '=', keyId).execute(),
      audited: await ctx.database.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute(),
    });

    it('vanish with the change when the transaction throws after the append', async () => {
      const before = await verifyChain(ctx.database.db, trusted());
      await expect(
        ctx.database.db.transaction().execute(async (trx) => {
          await trx.insertInto('signing_keys').values(change('doomed-1')).execute();
          const rows = await ctx.audit.append(trx, [
            { actor, event: { action: 'test.doomed', objectId: 'a' } },
            { actor, event: { action: 'test.doomed', objectId: 'b' } },
          ]);
          // inside the transaction the rows are there…
          expect(await trx.selectFrom('audit_log').select('seq').where('action', '=', 'test.doomed').execute()).toHaveLength(rows.length);
          throw new Error('the change fails after its audit');
        }),
      ).rejects.toThrow('the change fails after its audit');
      // …and after the rollback neither they nor the change are
      expect(await survivors('doomed-1', 'test.doomed')).toEqual({ changed: [], audited: [] });
      const after = await verifyChain(ctx.database.db, trusted());
      expect(after).toMatchObject({ ok: true, lastSeq: before.lastSeq });
      // and the chain goes on from the same head
      await ctx.audit.record(actor, { action: 'test.after' });
      expect(await verifyChain(ctx.database.db, trusted())).toMatchObject({ ok: true, lastSeq: before.lastSeq + 1 });
    });

    it('vanish with the change when the append itself fails after inserting (checkpoint signing)', async () => {
      const failing = new AuditLog(
        ctx.database,
        {
          ...ctx.audit.signer,
          sign: () => {
            throw new Error('signing fails');
          },
        },
        { checkpointEvery: 1, checkpointMaxAgeMs: 0 },
      );
      await expect(
        failing.transaction(actor, async (trx, trail) => {
          await trx.insertInto('signing_keys').values(change('doomed-2')).execute();
          trail.record({ action: 'test.doomed-sign' });
        }),
      ).rejects.toThrow('signing fails');
      expect(await survivors('doomed-2', 'test.doomed-sign')).toEqual({ changed: [], audited: [] });
      expect(await verifyChain(ctx.database.db, trusted())).toMatchObject({ ok: true, lastSeq: 41 });
    });
  });

  it('refuses a transaction that records nothing', async () => {
    await expect(ctx.audit.transaction(actor, async () => 1)).rejects.toThrow(/recorded no audit entry/);
  });
});

describe.each(testEngines())('concurrent writers on %s', (engine) => {
  it('8 writer processes append 10,000 entries with no fork', async () => {
    const ctx = await createTestContext(engine);
    const WRITERS = 8;
    const TOTAL = 10_000;
    try {
      const script = fileURLToPath(new URL('../support/audit-writer.ts', import.meta.url));
      await Promise.all(
        Array.from({ length: WRITERS }, (_, w) =>
          execFileAsync(process.execPath, [
            '--import',
            'tsx',
            script,
            ctx.config.db,
            ctx.config.dataDir,
            String(TOTAL / WRITERS),
            `writer-${w}`,
          ]),
        ),
      );
      const r = await verifyChain(ctx.database.db);
      expect(r.ok).toBe(true);
      expect(r.checked).toBe(TOTAL + 1);
      const forks = await sql<{
        n: number;
      }>`select count(*) as n from (select prev_hash from audit_log group by prev_hash having count(*) > 1) f`.execute(ctx.database.db);
      expect(Number(forks.rows[0]!.n)).toBe(0);
      const perWriter = await ctx.database.db
        .selectFrom('audit_log')
        .select(['actor_name', (eb) => eb.fn.countAll<number>().as('n')])
        .where('action', '=', 'test.concurrent')
        .groupBy('actor_name')
        .execute();
      expect(perWriter.map((x) => Number(x.n))).toEqual(Array(WRITERS).fill(TOTAL / WRITERS));
    } finally {
      await ctx.close();
    }
  }, 300_000);
});
