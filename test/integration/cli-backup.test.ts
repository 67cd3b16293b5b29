// The CLI as users run it: migrate, seed, audit verify (exit codes), and backup → restore round trips,
// including from SQLite into PostgreSQL and a backup taken while writes go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { keyFilePath, verifyChain, SYSTEM_ACTOR } from '../../src/audit/index.js';
import { openDatabase, TABLES } from '../../src/platform/db/index.js';
import { runCli } from '../support/cli.js';
import { dropAuditGuards } from '../support/tamper.js';
import { createTestContext, type TestContext } from '../support/context.js';
import { allResources } from '../../src/catalog/index.js';
import { migrations } from '../../src/platform/db/migrations/index.js';
import { importFile } from '../../src/aggregation/index.js';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from '../../src/demo/data/index.js';
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
    // and every dataset table the registry names
    for (const { table_name } of await database.db.selectFrom('dataset_tables').select('table_name').execute())
      out[table_name] = Number(
        (
          await database.db
            .selectFrom(table_name as 'units')
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
    expect(seed.stdout).toMatch(/demo city loaded: 16 units, 19 accounts, 32 catalog resources/);
    expect((await runCli(['seed', '--demo', ...args])).stdout).toMatch(/already has data/);
    const verify = await runCli(['audit', 'verify', ...args]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit chain intact/);
  });

  it('refuses to verify a database file that does not exist, and to sign with a stray new key', async () => {
    const missing = await runCli(['audit', 'verify', '--db', `sqlite:${join(scratch.dataDir, 'nope.db')}`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/不存在|no such database/);
    const strayDir = join(scratch.dataDir, 'elsewhere');
    const stray = await runCli(['backup', join(strayDir, 'b.gz'), '--db', scratch.url, '--data-dir', strayDir]);
    expect(stray.code).not.toBe(0);
    expect(stray.stderr).toMatch(/GONGSHU_NEW_SIGNING_KEY/);
    const keys = await openDatabase(scratch.url).then(async (d) => {
      try {
        return await d.db.selectFrom('signing_keys').select('key_id').execute();
      } finally {
        await d.close();
      }
    });
    expect(keys).toHaveLength(1);
    expect((await runCli(['audit', 'verify-archive', join(scratch.dataDir, 'none.gz')])).stderr).toMatch(/不存在/);
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

/** Every stored file under a data directory's files/, by relative path, with its SM3 digest. */
function storedFiles(dataDir: string): Record<string, string> {
  const root = join(dataDir, 'files');
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  for (const e of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out[relative(root, path)] = createHash('sm3').update(readFileSync(path)).digest('hex');
  }
  return out;
}

describe.each(testEngines())('backup and restore from %s', (engine) => {
  let source: TestContext;
  beforeAll(async () => {
    source = await createTestContext(engine, { demo: true });
    // records in a dataset table too: made at run time, they must survive the round trip as well
    const population = (await allResources(source.database.db)).find((r) => r.name === '人口基本信息')!;
    const csv = join(source.config.dataDir, 'population.csv');
    await writeRecords(csv, populationRecords({ count: 300, today: '2026-11-27' }), { format: 'csv', columns: POPULATION_COLUMNS });
    const who = {
      actor: { ...SYSTEM_ACTOR, name: 'test', unitId: population.providerUnitId },
      unitId: population.providerUnitId,
      anyResource: false,
    };
    await importFile(source, who, {
      resourceRef: population.id,
      path: csv,
      fileName: 'population.csv',
      mode: 'upsert',
      owner: 'test:backup:1',
    });
    // a stored file, as uploads and corrections are kept: arbitrary bytes (not text) in a nested folder
    const uploads = join(source.config.dataDir, 'files', 'uploads', 'backup-test');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, '示例上传.bin'), Buffer.concat([randomBytes(70_000), Buffer.from([0, 255, 10, 13])]));
  });
  afterAll(async () => source.close());

  it.each(testEngines())('round-trips every row into an empty %s database, audit chain intact', async (targetEngine) => {
    const file = join(source.config.dataDir, `backup-to-${targetEngine}.gz`);
    const atBackup = await tableCounts(source.config.db);
    const b = await runCli(['backup', file, '--db', source.config.db, '--data-dir', source.config.dataDir]);
    expect(b.code, b.stderr).toBe(0);
    // the backup records itself in the audit log, after its snapshot
    const backupEntry = await source.database.db
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'backup.create')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(backupEntry?.object_id).toBe(file);
    const target = await scratchDatabase(targetEngine);
    try {
      const r = await runCli(['restore', file, '--db', target.url, '--data-dir', target.dataDir]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ auditChain: 'intact' });
      expect(await tableCounts(target.url)).toEqual(atBackup);
      // every stored file comes back byte for byte
      const stored = storedFiles(source.config.dataDir);
      expect(Object.keys(stored)).toContain(join('uploads', 'backup-test', '示例上传.bin'));
      expect(storedFiles(target.dataDir)).toEqual(stored);
      // the private key is not in the backup and the new data directory has no key file: the auditor
      // gives the platform's public key (here the source's key file) rather than trusting the database
      const bare = await runCli(['audit', 'verify', '--db', target.url, '--data-dir', target.dataDir]);
      expect(bare.code, bare.stdout).toBe(3);
      const trusted = ['--trusted-key', keyFilePath(source.config.dataDir)];
      const verify = await runCli(['audit', 'verify', '--db', target.url, '--data-dir', target.dataDir, ...trusted]);
      expect(verify.code, verify.stderr).toBe(0);
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

describe.each(testEngines())("restoring an older release's backup on %s", (engine) => {
  it("restores at the backup's schema, then brings the database up to date", async () => {
    const { AuditLog, loadOrCreateSigner } = await import('../../src/audit/index.js');
    const { bootstrapIdentity } = await import('../../src/identity/index.js');
    const { DEMO_ACCOUNTS, DEMO_UNITS, DEMO_PASSWORD } = await import('../../src/demo/index.js');
    const { loadConfig } = await import('../../src/platform/config/index.js');
    const { currentSchema, migrateUpTo } = await import('../../src/platform/db/index.js');
    const old = await scratchDatabase(engine);
    const target = await scratchDatabase(engine);
    try {
      // a database as the release before the catalog left it
      const database = await openDatabase(old.url);
      await migrateUpTo(database, '20261127T0200-audit-append-only');
      const audit = new AuditLog(database, loadOrCreateSigner(old.dataDir), { checkpointEvery: 100, checkpointMaxAgeMs: 60_000 });
      await audit.registerSigningKey();
      const ctx = { config: loadConfig({ db: old.url, dataDir: old.dataDir }, {}), database, audit, clock: Date.now };
      await bootstrapIdentity(ctx, { ...SYSTEM_ACTOR, name: 'old-release' }, DEMO_UNITS, [], DEMO_PASSWORD);
      // a user row as that release wrote it: without the columns later migrations add
      await audit.transaction({ ...SYSTEM_ACTOR, name: 'old-release' }, async (trx, trail) => {
        const now = new Date().toISOString();
        await trx
          .insertInto('users')
          .values({
            id: DEMO_ACCOUNTS[0]!.id,
            username: 'sysadmin',
            display_name: '示例系统管理员',
            unit_id: DEMO_ACCOUNTS[0]!.unitId,
            password_hash: 'x',
            password_changed_at: now,
            status: 'active',
            failed_attempts: 0,
            locked_until: null,
            last_login_at: now,
            created_at: now,
            updated_at: now,
          } as never)
          .execute();
        trail.record({ action: 'user.create', objectType: 'user', objectId: DEMO_ACCOUNTS[0]!.id });
      });
      await database.close();

      const file = join(old.dataDir, 'old.gz');
      expect((await runCli(['backup', file, '--db', old.url, '--data-dir', old.dataDir])).code).toBe(0);
      const r = await runCli(['restore', file, '--db', target.url, '--data-dir', target.dataDir]);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ auditChain: 'intact' });
      const restored = await openDatabase(target.url);
      try {
        expect(await currentSchema(restored)).toBe(Object.keys(migrations).at(-1));
        expect(await restored.db.selectFrom('users').select(['username', 'previous_login_at']).execute()).toEqual([
          { username: 'sysadmin', previous_login_at: null },
        ]);
        expect((await restored.db.selectFrom('units').select('id').execute()).length).toBe(DEMO_UNITS.length);
        expect(await restored.db.selectFrom('catalog_resources').selectAll().execute()).toEqual([]);
      } finally {
        await restored.close();
      }
    } finally {
      await old.drop();
      await target.drop();
    }
  });
});

describe.each(testEngines())('first installation on %s', (engine) => {
  it('creates the three administrators with their own random passwords, once', async () => {
    const scratch = await scratchDatabase(engine);
    try {
      const args = [
        '--db',
        scratch.url,
        '--data-dir',
        scratch.dataDir,
        '--platform-code',
        'PSU',
        '--platform-name',
        '泉州大数据公司',
        '--regulator-code',
        'SZB',
        '--regulator-name',
        '市数字办',
      ];
      const r = await runCli(['init', ...args]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => l.startsWith('  '));
      expect(lines.map((l) => l.trim().split('\t')[0])).toEqual(['sysadmin', 'secadmin', 'auditor']);
      const passwords = lines.map((l) => l.trim().split('\t')[3]!);
      expect(new Set(passwords).size).toBe(3);
      for (const p of passwords) expect(p).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16}$/);
      const database = await openDatabase(scratch.url);
      try {
        const users = await database.db
          .selectFrom('users')
          .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
          .select(['username', 'role'])
          .orderBy('username')
          .execute();
        expect(users).toEqual([
          { username: 'auditor', role: 'auditor' },
          { username: 'secadmin', role: 'sec_admin' },
          { username: 'sysadmin', role: 'sys_admin' },
        ]);
        const { verifyPassword } = await import('../../src/platform/crypto/index.js');
        const stored = await database.db
          .selectFrom('users')
          .select(['username', 'password_hash'])
          .where('username', '=', 'auditor')
          .executeTakeFirstOrThrow();
        expect(await verifyPassword(passwords[2]!, stored.password_hash)).toBe(true);
      } finally {
        await database.close();
      }
      const again = await runCli(['init', ...args]);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/全新安装|already has units/);
    } finally {
      await scratch.drop();
    }
  });
});
