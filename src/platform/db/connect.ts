// Opens the database named by a URL: `sqlite:PATH` (embedded default) or `postgres://…` (production).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql, SqliteDialect, type DatabaseConnection, type Driver } from 'kysely';
import { postgresAdapter, sqliteAdapter, type DbAdapter } from './adapter.js';
import type { DB } from './schema.js';

export interface Database {
  db: Kysely<DB>;
  adapter: DbAdapter;
  url: string;
  /** Filesystem path of the SQLite file; null on PostgreSQL. */
  sqlitePath: string | null;
  /**
   * A connection of its own for long write transactions (a batch): on SQLite the shared connection
   * stays free for readers meanwhile (WAL), and `native` gives prepared statements for bulk work.
   */
  dedicated(): Promise<DedicatedConnection>;
  /**
   * A small bookkeeping write (a session's last-seen time) that is skipped rather than waited for when
   * another connection holds SQLite's write lock (a long batch): it must never stall a request, let
   * alone the event loop. Returns whether it was written.
   */
  touch(work: (db: Kysely<DB>) => Promise<unknown>): Promise<boolean>;
  close(): Promise<void>;
}

export interface DedicatedConnection {
  db: Kysely<DB>;
  /** The better-sqlite3 handle under `db` (SQLite only): statements on it join db's open transaction. */
  native: BetterSqlite3.Database | null;
  close(): Promise<void>;
}

// PostgreSQL returns int8 and numeric as strings; our counters and sequences fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Dataset dates are calendar facts, not instants: keep them as the text they are, never a local-time Date.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => v.replace(' ', 'T'));

const BUSY_TIMEOUT_MS = 5000;
const BEGIN_DEADLINE_MS = 120_000;

/**
 * Kysely's SQLite driver begins transactions DEFERRED; a deferred reader that later writes can fail
 * with SQLITE_BUSY when another process wrote meanwhile (busy_timeout cannot help there). IMMEDIATE
 * takes the write lock up front. While another process holds that lock we wait asynchronously —
 * busy_timeout would block the whole event loop — retrying with jitter so no process starves.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly native: BetterSqlite3.Database) {
    super({ database: native });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const native = this.native;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      const deadline = Date.now() + BEGIN_DEADLINE_MS;
      native.pragma('busy_timeout = 0');
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await connection.executeQuery(CompiledQuery.raw('begin immediate'));
            return;
          } catch (err) {
            if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err;
            await new Promise((r) => setTimeout(r, Math.min(50, 1 + attempt) * (0.5 + Math.random())));
          }
        }
      } finally {
        native.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    };
    return driver;
  }
}

export function parseDbUrl(url: string): { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string } {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('sqlite URL needs a path: sqlite:./data/gongshu.db');
    return { engine: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { engine: 'postgres', url };
  throw new Error(`unsupported database URL "${url}": use sqlite:PATH or postgres://…`);
}

function openSqlite(path: string): { native: BetterSqlite3.Database; db: Kysely<DB> } {
  const native = new BetterSqlite3(path);
  native.pragma('journal_mode = WAL');
  native.pragma('foreign_keys = ON');
  // statement journals stay in memory (no temp files), and the WAL is folded back less often:
  // measured in bench/audit.ts, +46% audit appends at 100/tx and half the bytes written per entry
  native.pragma('temp_store = MEMORY');
  native.pragma('wal_autocheckpoint = 10000');
  native.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  native.pragma('synchronous = FULL'); // a commit survives power loss too: the audit log must not lose acknowledged entries
  return { native, db: new Kysely<DB>({ dialect: new ImmediateSqliteDialect(native) }) };
}

async function sqliteTouch(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<unknown>): Promise<boolean> {
  return db.connection().execute(async (conn) => {
    // one attempt at the write lock, without busy_timeout's blocking wait
    await sql`pragma busy_timeout = 0`.execute(conn);
    try {
      try {
        await sql`begin immediate`.execute(conn);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
        throw err;
      }
      try {
        await work(conn);
        await sql`commit`.execute(conn);
        return true;
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    } finally {
      await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(conn);
    }
  });
}

export async function openDatabase(url: string): Promise<Database> {
  const target = parseDbUrl(url);
  if (target.engine === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const { db } = openSqlite(target.path);
    return {
      db,
      adapter: sqliteAdapter,
      url,
      sqlitePath: target.path === ':memory:' ? null : target.path,
      dedicated: async () => {
        if (target.path === ':memory:') return { db, native: null, close: async () => {} };
        const own = openSqlite(target.path);
        // a batch fills a primary-key index in random key order: a larger page cache than the default
        // 2 MiB keeps more of it in memory (bench/ingest.ts measured −15% CPU per row at 64 MiB; 32 MiB
        // keeps the batch's process within its 300 MiB memory budget)
        own.native.pragma('cache_size = -32768');
        return { db: own.db, native: own.native, close: () => own.db.destroy() };
      },
      touch: (work) => sqliteTouch(db, work),
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle connection the server drops (restart, failover, a forced drop) is discarded by the pool;
  // without a listener its error event would crash the process.
  pool.on('error', (err) => process.emitWarning(`idle PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // the pool already gives each transaction a connection of its own
  return {
    db,
    adapter: postgresAdapter,
    url,
    sqlitePath: null,
    dedicated: async () => ({ db, native: null, close: async () => {} }),
    // row locks only: a bookkeeping write never waits on a batch
    touch: async (work) => {
      await work(db);
      return true;
    },
    close: () => db.destroy(),
  };
}
