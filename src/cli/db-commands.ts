// `gongshu migrate`, `seed --demo`, `backup FILE`, `restore FILE`.
import { join } from 'node:path';
import { Command } from 'commander';
import { withContext, type CommonOptions } from './context.js';
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
        const r = await seedDemo(ctx);
        console.log(
          r.seeded
            ? `demo city loaded: ${r.units} units, ${r.accounts} accounts, ${r.resources} catalog resources`
            : 'the database already has data; demo not loaded',
        );
      });
    });

  program
    .command('backup <file>')
    .description('一致性备份（可在服务运行时执行） consistent backup, safe while the server runs')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (file: string, opts: CommonOptions) => {
      const { backup } = await import('../platform/db/index.js');
      // the server's data directory: its stored files go into the backup, and its key signs the record of it
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
      const { verifyChain } = await import('../audit/index.js');
      const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn' });
      const database = await openDatabase(config.db);
      try {
        const r = await restore(database, join(config.dataDir, 'files'), file);
        const check = await verifyChain(database.db);
        console.log(JSON.stringify({ file, ...r, auditChain: check.ok ? 'intact' : `broken at ${check.firstBadSeq}: ${check.reason}` }));
        if (!check.ok) process.exitCode = 2;
      } finally {
        await database.close();
      }
    });
}
