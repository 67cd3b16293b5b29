// Retention (R3.1.8): nothing younger than three years can be archived or deleted; older entries go
// into a signed archive that verifies on its own, and the live chain still verifies after them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { archiveAudit, retentionCutoff, SYSTEM_ACTOR, verifyArchive, verifyChain } from '../../src/audit/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { createTestContext, testClock, type TestClock, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';

const DAY = 86_400_000;

describe('retention configuration', () => {
  it('may raise the retention period but never lower it below three years', () => {
    expect(loadConfig({}, {}).auditRetentionYears).toBe(3);
    expect(loadConfig({}, { GONGSHU_AUDIT_RETENTION_YEARS: '10' }).auditRetentionYears).toBe(10);
    expect(() => loadConfig({}, { GONGSHU_AUDIT_RETENTION_YEARS: '2' })).toThrow(/below 3 years/);
    // the old setting in days is refused, not ignored: ignoring it could shorten a chosen retention
    expect(() => loadConfig({}, { GONGSHU_AUDIT_RETENTION_DAYS: '3650' })).toThrow(/GONGSHU_AUDIT_RETENTION_YEARS/);
  });

  it('counts calendar years, not 1095 days', () => {
    const at = (iso: string) => new Date(retentionCutoff(Date.parse(iso), 3)).toISOString();
    // 1095 days before 2026-11-27 is 2023-11-28: a day short, because 2024 has 29 February
    expect(at('2026-11-27T08:00:00.000Z')).toBe('2023-11-27T08:00:00.000Z');
    // 29 February goes back to 28 February (as PostgreSQL's now() - interval '3 years' does)
    expect(at('2028-02-29T12:00:00.000Z')).toBe('2025-02-28T12:00:00.000Z');
  });
});

describe.each(testEngines())('audit archiving on %s', (engine) => {
  let ctx: TestContext;
  let clock: TestClock;
  const record = async (n: number, tag: string) => {
    for (let i = 0; i < n; i++) await ctx.audit.record({ ...SYSTEM_ACTOR, name: 'test' }, { action: 'test.event', details: { tag, i } });
  };

  beforeEach(async () => {
    clock = testClock(Date.parse('2022-01-01T00:00:00Z'));
    ctx = await createTestContext(engine, { clock, env: { GONGSHU_AUDIT_CHECKPOINT_EVERY: '7' } });
    await record(30, 'old');
    clock.advance(400 * DAY);
    await record(10, 'newer');
    clock.now = Date.parse('2026-11-27T00:00:00Z');
    await record(5, 'recent');
  });
  afterEach(async () => ctx.close());

  it('refuses to archive anything inside the retention period', async () => {
    const file = join(ctx.config.dataDir, 'refused.jsonl.gz');
    await expect(archiveAudit(ctx, '2024-06-01T00:00:00Z', file)).rejects.toThrow(/retention/);
    expect((await verifyChain(ctx.database.db)).checked).toBe(46);
  });

  it('archives the old entries into a file that verifies alone, and the live chain continues from its anchor', async () => {
    const file = join(ctx.config.dataDir, 'archive-2022.jsonl.gz');
    const r = await archiveAudit(ctx, '2022-06-01T00:00:00Z', file);
    expect(r).toMatchObject({ fromSeq: 1, throughSeq: 31, count: 31 }); // the key registration and 30 old events
    expect(await verifyArchive(file)).toMatchObject({ ok: true, fromSeq: 1, throughSeq: 31, count: 31 });

    // the anchor is signed by the platform key: the live chain verifies with that key alone
    const live = await verifyChain(ctx.database.db, { trustedKeys: [ctx.audit.publicKey] });
    expect(live.ok).toBe(true);
    expect(live.signedHead?.seq).toBe(47); // archiving signs the new head at once
    expect(live.checked).toBe(46 - 31 + 1); // what is left, plus the entry recording the archiving
    const archivedEntry = await ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'audit.archive')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(archivedEntry.details)).toMatchObject({ count: 31 });

    // later appends keep linking; a second archive starts where the first ended
    await record(3, 'after');
    expect((await verifyChain(ctx.database.db)).ok).toBe(true);
    clock.advance(2 * 365 * DAY);
    const second = await archiveAudit(ctx, '2023-06-01T00:00:00Z', join(ctx.config.dataDir, 'archive-2023.jsonl.gz'));
    expect(second).toMatchObject({ fromSeq: 32, throughSeq: 41 });
    expect((await verifyChain(ctx.database.db, { trustedKeys: [ctx.audit.publicKey] })).ok).toBe(true);
  });

  it('names an anchor whose signed fields were changed (here: which archive file it vouches for)', async () => {
    await archiveAudit(ctx, '2022-06-01T00:00:00Z', join(ctx.config.dataDir, 'archive-2022.jsonl.gz'));
    const { db } = ctx.database;
    await sql
      .raw(engine === 'postgres' ? 'drop trigger audit_anchors_no_change on audit_anchors' : 'drop trigger audit_anchors_no_update')
      .execute(db);
    await db
      .updateTable('audit_anchors')
      .set({ archive_sm3: 'a'.repeat(64) })
      .execute();
    const r = await verifyChain(db, { trustedKeys: [ctx.audit.publicKey] });
    expect(r).toMatchObject({ ok: false, firstBadSeq: 1 });
    expect(r.reason).toMatch(/anchor through 31 is not signed by a trusted key/);
  });

  it('finds an altered, truncated or re-signed archive file', async () => {
    const file = join(ctx.config.dataDir, 'a.jsonl.gz');
    await archiveAudit(ctx, '2022-06-01T00:00:00Z', file);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const write = (name: string, ls: string[]) => {
      const p = join(ctx.config.dataDir, name);
      writeFileSync(p, gzipSync(ls.join('\n') + '\n'));
      return p;
    };
    const altered = [...lines];
    altered[5] = altered[5]!.replace('old', 'odd'); // inside the escaped details text
    expect((await verifyArchive(write('altered.gz', altered))).reason).toMatch(/altered/);
    expect((await verifyArchive(write('cut.gz', lines.slice(0, -3)))).reason).toMatch(/truncated/);
    const dropped = [...lines.slice(0, 4), ...lines.slice(5)];
    expect((await verifyArchive(write('dropped.gz', dropped))).ok).toBe(false);
    const trailer = JSON.parse(lines.at(-1)!);
    trailer.trailer.signature = trailer.trailer.signature.replace(/.{4}$/, '0000');
    expect((await verifyArchive(write('resigned.gz', [...lines.slice(0, -1), JSON.stringify(trailer)]))).ok).toBe(false);
  });
});
