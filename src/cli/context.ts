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

/** Refuses a SQLite path that does not exist, instead of creating an empty database there. */
export async function assertDatabaseExists(url: string): Promise<void> {
  const { parseDbUrl } = await import('../platform/db/index.js');
  const target = parseDbUrl(url);
  if (target.engine === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) {
    throw new Error(`数据库文件不存在：${target.path}；请用 --db 或 GONGSHU_DB 指向服务器的数据库 (no such database file)`);
  }
}

/**
 * For commands that only read: the database as it is — not migrated, without the signing key or the
 * audit log — at or after `needs`, the migration that made the tables the command reads.
 */
export async function withDatabase<T>(
  opts: CommonOptions,
  work: (database: Database) => Promise<T>,
  needs = '20261127T0130-foundation',
): Promise<T> {
  const { loadConfig } = await import('../platform/config/index.js');
  const { currentSchema, openDatabase } = await import('../platform/db/index.js');
  const config = loadConfig({ db: opts.db, dataDir: opts.dataDir, logLevel: 'warn' });
  await assertDatabaseExists(config.db);
  const database = await openDatabase(config.db);
  try {
    const schema = await currentSchema(database);
    if (!schema) throw new Error('这不是公数数据库，或从未初始化 (not a Gongshu database)');
    if (schema < needs) throw new Error(`数据库结构版本 ${schema} 过旧，请先运行 gongshu migrate (the database needs migrating)`);
    return await work(database);
  } finally {
    await database.close();
  }
}
