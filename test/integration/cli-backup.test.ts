// The CLI as users run it: migrate, seed, audit verify (exit codes), and backup → restore round trips,
// including from SQLite into PostgreSQL and a backup taken while writes go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { verifyChain, SYSTEM_ACTOR } from '../../src/audit/index.js';
import { openDatabase, TABLES } from '../../src/platform/db/index.js';
import { runCli } from '../support/cli.js';
import { dropAuditGuards } from '../support/tamper.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { scratchDatabase, testEngines, type ScratchDb } from '../support/engines.js';

async function tableCounts(url: string): Promise<Record<string, number>> {
  const database = await openDatabase(url);
  try {
    const out: Record<string, number> = {};
    for (const t of TABLES)
      out[t.name] = Number(
        (
          await database.db
            .selectFrom(t.name)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  } finally {
    await database.close();
  }
}

describe.each(testEngines())('CLI on %s', (engine) => {
  let scratch: ScratchDb;
  beforeAll(async () => {
    scratch = await scratchDatabase(engine);
  });
  afterAll(async () => scratch.drop());

  it('migrates, seeds the demo once, and verifies the audit log', async () => {
    const args = ['--db', scratch.url, '--data-dir', scratch.dataDir];
    const migrate = await runCli(['migrate', ...args]);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied: 20261127T0130-foundation/);
    const seed = await runCli(['seed', '--demo', ...args]);
    expect(seed.stdout).toMatch(/demo city loaded: 16 units, 19 accounts, 31 catalog resources/);
    expect((await runCli(['seed', '--demo', ...args])).stdout).toMatch(/already has data/);
    const verify = await runCli(['audit', 'verify', ...args]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit chain intact/);
  });

  it('exits non-zero and names the first bad sequence after tampering', async () => {
    const database = await openDatabase(scratch.url);
    try {
      await dropAuditGuards(database.db, database.adapter.engine);
      await database.db.updateTable('audit_log').set({ action: 'unit.delete' }).where('seq', '=', 5).execute();
    } finally {
      await database.close();
    }
    const verify = await runCli(['audit', 'verify', '--json', '--db', scratch.url, '--data-dir', scratch.dataDir]);
    expect(verify.code).toBe(2);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });
});

describe.each(testEngines())('backup and restore from %s', (engine) => {
  let source: TestContext;
  beforeAll(async () => {
    source = await createTestContext(engine, { demo: true });
  });
  afterAll(async () => source.close());

  it.each(testEngines())('round-trips every row into an empty %s database, audit chain intact', async (targetEngine) => {
    const file = join(source.config.dataDir, `backup-to-${targetEngine}.gz`);
    const b = await runCli(['backup', file, '--db', source.config.db, '--data-dir', source.config.dataDir]);
    expect(b.code, b.stderr).toBe(0);
    const target = await scratchDatabase(targetEngine);
    try {
      const r = await runCli(['restore', file, '--db', target.url, '--data-dir', target.dataDir]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ auditChain: 'intact' });
      expect(await tableCounts(target.url)).toEqual(await tableCounts(source.config.db));
      const verify = await runCli(['audit', 'verify', '--db', target.url, '--data-dir', target.dataDir]);
      expect(verify.code).toBe(0);
      // a second restore into the now non-empty database is refused
      const again = await runCli(['restore', file, '--db', target.url, '--data-dir', target.dataDir]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/empty database/);
    } finally {
      await target.drop();
    }
  });

  it('takes a consistent snapshot while the server keeps writing', async () => {
    const file = join(source.config.dataDir, 'backup-live.gz');
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        await source.audit.record({ ...SYSTEM_ACTOR, name: 'live-writer' }, { action: 'test.live', details: { n: n++ } });
        await new Promise((r) => setTimeout(r, 2));
      }
      return n;
    })();
    const b = await runCli(['backup', file, '--db', source.config.db, '--data-dir', source.config.dataDir]);
    writing = false;
    const written = await writer;
    expect(b.code, b.stderr).toBe(0);
    expect(written).toBeGreaterThan(0);
    const target = await scratchDatabase(engine);
    try {
      const r = await runCli(['restore', file, '--db', target.url, '--data-dir', target.dataDir]);
      expect(r.code, r.stderr).toBe(0);
      const restored = await openDatabase(target.url);
      try {
        expect((await verifyChain(restored.db)).ok).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await target.drop();
    }
  });

  it('refuses a truncated backup file and applies nothing', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const file = join(source.config.dataDir, 'backup-full.gz');
    expect((await runCli(['backup', file, '--db', source.config.db, '--data-dir', source.config.dataDir])).code).toBe(0);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const cut = join(source.config.dataDir, 'backup-cut.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n'));
    const target = await scratchDatabase(engine);
    try {
      const r = await runCli(['restore', cut, '--db', target.url, '--data-dir', target.dataDir]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/truncated/);
      expect(Object.values(await tableCounts(target.url)).every((n) => n === 0)).toBe(true);
    } finally {
      await target.drop();
    }
  });
});
