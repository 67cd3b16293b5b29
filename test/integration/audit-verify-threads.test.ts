// Verification split over worker threads must reach the same verdict as one walk from the start: the
// same first bad sequence, reason, count, last hash and signed head — above all where a fault sits on
// or across the boundary between two threads' ranges, which only the stitching of ranges can see.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSigningKey, SYSTEM_ACTOR, verifyChain, entryDigest, type VerifyOptions } from '../../src/audit/index.js';
import { scanChain } from '../../src/audit/verify-scan.js';
import { connectionTarget } from '../../src/platform/db/index.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { dropAuditGuards } from '../support/tamper.js';
import { testEngines } from '../support/engines.js';

const actor = { ...SYSTEM_ACTOR, name: 'test' };
const EVENTS = 1200;
const LAST = EVENTS + 1; // and the key registration, at seq 1
// where verify-scan.ts splits 1..LAST for two threads: the second range starts here
const SECOND = 1 + Math.ceil(LAST / 2);

describe.each(testEngines())('verification in worker threads on %s', (engine) => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext(engine, { env: { GONGSHU_AUDIT_CHECKPOINT_EVERY: '50' } });
    for (let t = 0; t < EVENTS / 100; t++) {
      await ctx.audit.record(
        actor,
        ...Array.from({ length: 100 }, (_, i) => ({
          action: 'test.event',
          objectType: 'thing',
          objectId: String(t * 100 + i),
          details: { i, text: '示例' },
        })),
      );
    }
  }, 60_000);
  afterEach(async () => ctx.close());

  /** The verdict with 1, 2 and 3 threads: all must be equal; returns it. */
  async function sameEverywhere(opts: VerifyOptions = {}) {
    const base = { trustedKeys: [ctx.audit.publicKey], ...opts };
    const one = await verifyChain(ctx.database.db, { ...base, threads: 1 });
    expect(await verifyChain(ctx.database.db, { ...base, threads: 2 })).toEqual(one);
    expect(await verifyChain(ctx.database.db, { ...base, threads: 3 })).toEqual(one);
    return one;
  }

  async function editWithRecomputedHash(seq: number, actorName: string) {
    const { db } = ctx.database;
    const row = await db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const { hash: _h, ...rest } = { ...row, seq, actor_name: actorName };
    await db
      .updateTable('audit_log')
      .set({ actor_name: actorName, hash: entryDigest(rest) })
      .where('seq', '=', seq)
      .execute();
  }

  it('workers really check the ranges, and an intact chain verifies as on one thread', async () => {
    const started = await scanChain(ctx.database.db, {
      start: { seq: 0, hash: '0'.repeat(64) },
      wanted: new Set([50, SECOND, LAST]),
      threads: 2,
      target: connectionTarget(ctx.database.db),
    });
    expect(started.parallel).toBe(true);
    const scan = await started.done;
    expect(scan).toMatchObject({ checked: LAST, next: LAST + 1, fault: null });
    expect([...scan.hashAt.keys()].sort((a, b) => a - b)).toEqual([50, SECOND, LAST]);
    const r = await sameEverywhere();
    expect(r).toMatchObject({ ok: true, checked: LAST, lastSeq: LAST, unsignedTail: 0 });
  });

  it('an incremental check from an earlier result is the same on threads', async () => {
    const before = await verifyChain(ctx.database.db, { trustedKeys: [ctx.audit.publicKey] });
    await ctx.audit.record(actor, ...Array.from({ length: 300 }, (_, i) => ({ action: 'test.more', details: { i } })));
    const r = await sameEverywhere({ from: { seq: before.lastSeq, hash: before.lastHash, signedHead: before.signedHead } });
    expect(r).toMatchObject({ ok: true, checked: 300, lastSeq: LAST + 300 });
  });

  it('follows a key rotation found in either range', async () => {
    const first = ctx.audit.publicKey;
    await rotateSigningKey(ctx, actor);
    await ctx.audit.record(actor, ...Array.from({ length: 200 }, (_, i) => ({ action: 'test.after-rotation', details: { i } })));
    const r = await sameEverywhere({ trustedKeys: [first] });
    expect(r.ok).toBe(true);
    expect(r.trustedKeys).toHaveLength(2);
  });

  describe('with the guards dropped by an attacker who owns the database', () => {
    beforeEach(async () => dropAuditGuards(ctx.database.db, ctx.database.adapter.engine));
    const del = (lo: number, hi = lo) => ctx.database.db.deleteFrom('audit_log').where('seq', '>=', lo).where('seq', '<=', hi).execute();

    it('an edited entry inside the second range', async () => {
      await ctx.database.db
        .updateTable('audit_log')
        .set({ details: '{"i":999}' })
        .where('seq', '=', SECOND + 17)
        .execute();
      expect(await sameEverywhere()).toMatchObject({ ok: false, firstBadSeq: SECOND + 17, checked: SECOND + 16 });
    });

    it('an edited entry that is the first of the second range', async () => {
      await ctx.database.db.updateTable('audit_log').set({ details: '{"i":999}' }).where('seq', '=', SECOND).execute();
      expect(await sameEverywhere()).toMatchObject({ ok: false, firstBadSeq: SECOND });
    });

    it('a re-hashed edit of the last entry of the first range: the link across the boundary breaks', async () => {
      await editWithRecomputedHash(SECOND - 1, 'someone-else');
      const r = await sameEverywhere();
      expect(r).toMatchObject({ ok: false, firstBadSeq: SECOND });
      expect(r.reason).toMatch(/does not link/);
    });

    it('a re-hashed edit of the first entry of the second range, whose link is also broken: the link is named', async () => {
      await ctx.database.db
        .updateTable('audit_log')
        .set({ prev_hash: 'e'.repeat(64) })
        .where('seq', '=', SECOND)
        .execute();
      const r = await sameEverywhere();
      expect(r).toMatchObject({ ok: false, firstBadSeq: SECOND });
      expect(r.reason).toMatch(/does not link/);
    });

    it('a deleted entry at either side of the boundary, and a gap across it', async () => {
      await del(SECOND);
      expect(await sameEverywhere()).toMatchObject({ ok: false, firstBadSeq: SECOND });
      await del(SECOND - 1);
      const r = await sameEverywhere();
      expect(r).toMatchObject({ ok: false, firstBadSeq: SECOND - 1, lastSeq: SECOND - 2 });
      expect(r.reason).toBe(`entry ${SECOND - 1} is missing (next present is ${SECOND + 1})`);
      await del(SECOND - 10, SECOND + 10);
      expect(await sameEverywhere()).toMatchObject({ ok: false, firstBadSeq: SECOND - 10 });
    });

    it('a deleted first entry and a truncated tail', async () => {
      await del(LAST - 30, LAST);
      const tail = await sameEverywhere();
      expect(tail).toMatchObject({ ok: false, lastSeq: LAST - 31 });
      expect(tail.reason).toMatch(/removed from the end/);
      await del(1);
      expect(await sameEverywhere()).toMatchObject({ ok: false, firstBadSeq: 1, checked: 0 });
    });

    it('the whole second range cut away with the checkpoints that covered it', async () => {
      await del(SECOND, LAST);
      await ctx.database.db.deleteFrom('audit_checkpoints').where('seq', '>=', SECOND).execute();
      const r = await sameEverywhere();
      expect(r).toMatchObject({ ok: true, lastSeq: SECOND - 1, checked: SECOND - 1 });
      expect(await sameEverywhere({ expectMinSeq: LAST })).toMatchObject({ ok: false, firstBadSeq: SECOND });
    });
  });
});
