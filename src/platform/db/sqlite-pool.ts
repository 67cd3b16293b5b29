// SQLite with a few connections instead of Kysely's one. With one shared connection, a request waiting
// for the write lock (held by a batch on its own connection) holds that connection, and every other
// request — reads included — queues behind it. With a pool, readers go on (WAL lets them) while writers
// wait. Waiting is always asynchronous: busy_timeout is 0 and a busy statement is retried with jitter,
// because better-sqlite3's busy_timeout would block the whole event loop.
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type Transaction,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

const WAIT_DEADLINE_MS = 120_000;

const sleep = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(50, 1 + attempt) * (0.5 + Math.random())));
const isBusy = (err: unknown) => (err as { code?: string }).code === 'SQLITE_BUSY';

/** Opens a connection with the pragmas every connection needs (WAL is a property of the file). */
export function openSqliteConnection(path: string): BetterSqlite3.Database {
  const native = new BetterSqlite3(path);
  native.pragma('journal_mode = WAL');
  native.pragma('foreign_keys = ON');
  // statement journals stay in memory (no temp files), and the WAL is folded back less often:
  // measured in bench/audit.ts, +46% audit appends at 100/tx and half the bytes written per entry
  native.pragma('temp_store = MEMORY');
  native.pragma('wal_autocheckpoint = 10000');
  native.pragma('busy_timeout = 0'); // waits happen in PooledConnection, asynchronously
  native.pragma('synchronous = FULL'); // a commit survives power loss too: the audit log must not lose acknowledged entries
  return native;
}

class PooledConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(readonly native: BetterSqlite3.Database) {}

  private once<R>(query: CompiledQuery): QueryResult<R> {
    const stmt = this.native.prepare(query.sql);
    const params = query.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // inside a transaction begun IMMEDIATE the lock is ours; an explicit BEGIN reports busy to its caller
    const retry = !this.inTransaction && !/^\s*begin\b/i.test(query.sql);
    const deadline = Date.now() + WAIT_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return this.once<R>(query);
      } catch (err) {
        if (!retry || !isBusy(err) || Date.now() > deadline) throw err;
        await sleep(attempt);
      }
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('SQLite streams select queries only');
    for (const row of this.native.prepare(query.sql).iterate(query.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/**
 * The better-sqlite3 handle of the connection `db` runs on — for a transaction, the connection that
 * holds it open, so statements run on the handle join that transaction (hot paths use it to run
 * cached prepared statements instead of compiling SQL each time). Kysely offers no public way to reach
 * a transaction's connection; its executor's connection provider, bound to that connection, is it.
 */
export async function nativeConnectionOf(trx: Transaction<any>): Promise<BetterSqlite3.Database> {
  // outside a transaction the provider would hand out a pooled connection and take it back at once
  if (!trx.isTransaction) throw new Error('the native connection of a transaction only');
  const native = await trx.getExecutor().provideConnection(async (c) => {
    if (!(c instanceof PooledConnection)) throw new Error('not a pooled SQLite connection');
    return c.native;
  });
  if (!native.inTransaction) throw new Error('the transaction is not open on its connection');
  return native;
}

/**
 * A pool of up to `size` connections opened on demand. Transactions begin IMMEDIATE: a deferred reader
 * that later writes could fail with SQLITE_BUSY when another connection wrote meanwhile.
 */
class SqlitePoolDriver implements Driver {
  private readonly all: PooledConnection[] = [];
  private readonly idle: PooledConnection[] = [];
  private readonly waiting: ((c: PooledConnection) => void)[] = [];

  constructor(
    private readonly open: () => BetterSqlite3.Database,
    private readonly size: number,
  ) {}

  async init(): Promise<void> {
    this.idle.push(this.add());
  }

  private add(): PooledConnection {
    const c = new PooledConnection(this.open());
    this.all.push(c);
    return c;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const c = this.idle.pop();
    if (c) return c;
    if (this.all.length < this.size) return this.add();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const c = connection as PooledConnection;
    const deadline = Date.now() + WAIT_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        c.native.exec('begin immediate');
        c.inTransaction = true;
        return;
      } catch (err) {
        if (!isBusy(err) || Date.now() > deadline) throw err;
        await sleep(attempt);
      }
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    c.native.exec('commit');
    c.inTransaction = false;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as PooledConnection;
    try {
      if (c.native.inTransaction) c.native.exec('rollback');
    } finally {
      c.inTransaction = false;
    }
  }

  async destroy(): Promise<void> {
    for (const c of this.all) c.native.close();
    this.all.length = 0;
    this.idle.length = 0;
  }
}

/** Kysely's SQLite dialect (compiler, adapter, introspector) over the pool. */
export class PooledSqliteDialect extends SqliteDialect {
  constructor(
    private readonly open: () => BetterSqlite3.Database,
    private readonly size: number,
  ) {
    // the base class wants a database; the pool's driver replaces the one it would make
    super({ database: {} as never });
  }

  override createDriver(): Driver {
    return new SqlitePoolDriver(this.open, this.size);
  }
}
