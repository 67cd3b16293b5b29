// Opens the AppContext for a CLI command from its --db / --data-dir options, and closes it after.
import type { AppContext } from '../app/index.js';
import type { ConfigOverrides } from '../platform/config/index.js';
import type { Database } from '../platform/db/index.js';
import { existsSync } from 'node:fs';

export interface CommonOptions {
  db?: string;
  dataDir?: string;
}

export async function withContext<T>(
  opts: CommonOptions,
  work: (ctx: AppContext) => Promise<T>,
  overrides: ConfigOverrides = {},
): Promise<T> {
  // loaded when a command runs, so that `gongshu --help` starts at once
  const { openContext } = await import('../app/index.js');
  const { loadConfig } = await import('../platform/config/index.js');
  const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn', ...overrides });
  const ctx = await openContext(config);
  try {
    return await work(ctx);
  } finally {
    await ctx.database.close();
  }
}

/** For commands that only read: the database, without the signing key or the audit log. */
export async function withDatabase<T>(opts: CommonOptions, work: (database: Database) => Promise<T>, mustExist = false): Promise<T> {
  const { loadConfig } = await import('../platform/config/index.js');
  const { migrateToLatest, openDatabase, parseDbUrl } = await import('../platform/db/index.js');
  const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn' });
  const target = parseDbUrl(config.db);
  if (mustExist && target.engine === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new Error(`数据库文件不存在：${target.path} (no such database file)`);
  }
  const database = await openDatabase(config.db);
  try {
    await migrateToLatest(database);
    return await work(database);
  } finally {
    await database.close();
  }
}
