// `gongshu migrate`, `seed --demo`, `backup FILE`, `restore FILE`.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { assertDatabaseExists, withContext, type CommonOptions } from './context.js';
import { dataDirOption, dbOption } from './options.js';

export function registerDbCommands(program: Command) {
  program
    .command('migrate')
    .description('升级数据库结构 apply database migrations')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions) => {
      const { migrateToLatest, openDatabase } = await import('../platform/db/index.js');
      const { loadConfig } = await import('../platform/config/index.js');
      const config = loadConfig({ db: opts.db, dataDir: opts.dataDir });
      const database = await openDatabase(config.db);
      try {
        const results = await migrateToLatest(database);
        for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
        if (results.length === 0) console.log('database is up to date');
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('载入演示数据 load the demo city')
    .option('--demo', 'the demo city (required)')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { demo?: boolean }) => {
      const { seedDemo } = await import('../demo/index.js');
      if (!opts.demo) throw new Error('say what to seed: --demo');
      await withContext(opts, async (ctx) => {
        const r = await seedDemo(ctx, { data: true });
        console.log(
          r.seeded
            ? `demo city loaded: ${r.units} units, ${r.accounts} accounts, ${r.resources} catalog resources, ${r.batches} data batches`
            : 'the database already has data; demo not loaded',
        );
      });
    });

  program
    .command('init')
    .description('初始化新安装：平台技术服务单位、监管单位与三员账号（随机密码只显示一次） set up a new installation')
    .requiredOption('--platform-code <code>', 'code of the platform service unit, e.g. PSU')
    .requiredOption('--platform-name <name>', 'name of the platform service unit')
    .requiredOption('--regulator-code <code>', 'code of the regulator, e.g. SZB')
    .requiredOption('--regulator-name <name>', 'name of the regulator (the city data authority)')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions & { platformCode: string; platformName: string; regulatorCode: string; regulatorName: string }) => {
      const { firstInstall } = await import('../identity/index.js');
      await withContext(opts, async (ctx) => {
        const accounts = await firstInstall(ctx, {
          platformUnit: { code: opts.platformCode, name: opts.platformName },
          regulatorUnit: { code: opts.regulatorCode, name: opts.regulatorName },
        });
        console.log('三员账号已创建；请立即记下密码并在首次登录后修改 (write these down now; they are not shown again):');
        for (const a of accounts) console.log(`  ${a.username}\t${a.role}\t${a.unit}\t${a.password}`);
      });
    });

  program
    .command('backup <file>')
    .description('一致性备份（可在服务运行时执行） consistent backup, safe while the server runs')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (file: string, opts: CommonOptions) => {
      const { backup } = await import('../platform/db/index.js');
      // the server's database and data directory: its stored files go into the backup, and its key signs the record of it
      const { loadConfig } = await import('../platform/config/index.js');
      await assertDatabaseExists(loadConfig({ db: opts.db, dataDir: opts.dataDir }).db);
      await withContext(opts, async (ctx) => {
        const r = await backup(ctx.database, join(ctx.config.dataDir, 'files'), file);
        await ctx.audit.record(
          { type: 'system', id: null, name: 'cli:backup', unitId: null },
          { action: 'backup.create', objectType: 'backup', objectId: file, details: r },
        );
        console.log(JSON.stringify({ file, ...r }));
      });
    });

  program
    .command('restore <file>')
    .description('恢复到空数据库 restore a backup into an empty database')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (file: string, opts: CommonOptions) => {
      const { openDatabase, restore } = await import('../platform/db/index.js');
      const { loadConfig } = await import('../platform/config/index.js');
      const { verifyChain, headWitnessPath } = await import('../audit/index.js');
      const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn' });
      const database = await openDatabase(config.db);
      try {
        const r = await restore(database, join(config.dataDir, 'files'), file);
        const check = await verifyChain(database.db);
        // a head witness here signed a log that the restored one replaces: kept aside as the record of
        // how far the lost log had come (the entries since the backup are gone), not compared with
        const witness = headWitnessPath(config.dataDir);
        const witnessKeptAs = existsSync(witness) ? `${witness}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
        if (witnessKeptAs) renameSync(witness, witnessKeptAs);
        console.log(
          JSON.stringify({
            file,
            ...r,
            auditChain: check.ok ? 'intact' : `broken at ${check.firstBadSeq}: ${check.reason}`,
            ...(witnessKeptAs ? { headWitnessKeptAs: witnessKeptAs } : {}),
          }),
        );
        if (!check.ok) process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
}
