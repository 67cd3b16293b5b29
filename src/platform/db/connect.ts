// Opens the database named by a URL: `sqlite:PATH` (embedded default) or `postgres://…` (production).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { openSqliteConnection, PooledSqliteDialect } from './sqlite-pool.js';
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

/** Connections of the shared pool; a batch's dedicated connection comes on top. */
const SQLITE_POOL_SIZE = 4;

export type DbTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export function parseDbUrl(url: string): DbTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('sqlite URL needs a path: sqlite:./data/gongshu.db');
    return { engine: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { engine: 'postgres', url };
  throw new Error(`unsupported database URL "${url}": use sqlite:PATH or postgres://…`);
}

const targets = new WeakMap<Kysely<DB>, DbTarget>();

/**
 * Where a database opened by openDatabase lives, for work that opens connections of its own in other
 * threads (audit verification hashes in worker threads); null for an in-memory SQLite database, which
 * exists only on its connection, and for anything else (a transaction).
 */
export function connectionTarget(db: Kysely<DB>): DbTarget | null {
  return targets.get(db) ?? null;
}

function openSqlite(path: string, poolSize: number): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PooledSqliteDialect(() => openSqliteConnection(path), poolSize) });
}

async function sqliteTouch(db: Kysely<DB>, work: (db: Kysely<DB>) => Promise<unknown>): Promise<boolean> {
  return db.connection().execute(async (conn) => {
    // one attempt at the write lock: an explicit BEGIN is not retried by the pool (busy_timeout is 0)
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
  });
}

export async function openDatabase(url: string): Promise<Database> {
  const target = parseDbUrl(url);
  if (target.engine === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const memory = target.path === ':memory:';
    // an in-memory database exists once per connection: it gets a pool of one
    const db = openSqlite(target.path, memory ? 1 : SQLITE_POOL_SIZE);
    if (!memory) targets.set(db, target);
    return {
      db,
      adapter: sqliteAdapter,
      url,
      sqlitePath: memory ? null : target.path,
      dedicated: async () => {
        if (memory) return { db, native: null, close: async () => {} };
        const native = openSqliteConnection(target.path);
        // a batch fills a primary-key index in random key order: a larger page cache than the default
        // 2 MiB keeps more of it in memory (bench/ingest.ts measured −15% CPU per row at 64 MiB; 32 MiB
        // keeps the batch's process within its 300 MiB memory budget)
        native.pragma('cache_size = -32768');
        const own = new Kysely<DB>({ dialect: new PooledSqliteDialect(() => native, 1) });
        return { db: own, native, close: () => own.destroy() };
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
  targets.set(db, target);
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
