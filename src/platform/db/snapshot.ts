// A consistent read-only view of the whole database while the server keeps writing.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './connect.js';
import type { DB } from './schema.js';

/**
 * SQLite: a second connection in a deferred read transaction sees one WAL snapshot and blocks no
 * writer. PostgreSQL: a REPEATABLE READ transaction sees one snapshot.
 */
export async function withSnapshot<T>(database: Database, read: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (database.sqlitePath) {
    const native = new BetterSqlite3(database.sqlitePath, { readonly: true });
    native.pragma('busy_timeout = 10000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) });
    try {
      return await db.transaction().execute(read);
    } finally {
      await db.destroy();
    }
  }
  return database.db.transaction().setIsolationLevel('repeatable read').execute(read);
}
