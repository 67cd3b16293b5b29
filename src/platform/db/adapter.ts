// The small set of things that differ between SQLite and PostgreSQL, held in one object so that
// domain code never asks which engine it runs on.
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { AuditLogTable, DB } from './schema.js';
import { nativeConnectionOf } from './sqlite-pool.js';

export type Engine = 'sqlite' | 'postgres';

export interface DbAdapter {
  readonly engine: Engine;
  /**
   * Serialise appends to the audit chain inside the current transaction. On SQLite every write
   * transaction already holds the database's single write lock (BEGIN IMMEDIATE); on PostgreSQL a
   * transaction-scoped advisory lock does it, released at commit or rollback.
   */
  lockAuditChain(trx: Transaction<DB>): Promise<void>;
  /**
   * Inserts audit rows, in order, inside the open transaction `trx` (on its connection, so they commit
   * or roll back with it). The audit append's hot path: SQLite runs one cached single-row prepared
   * statement per row on the transaction's better-sqlite3 handle (bench/audit.ts: Kysely's multi-row
   * insert, compiled and prepared anew each time, cost ≈ 20 µs more per entry); PostgreSQL inserts
   * through Kysely in multi-row chunks.
   */
  insertAuditRows(trx: Transaction<DB>, rows: readonly AuditLogTable[]): Promise<void>;
  /** Case-insensitive substring match operator. */
  readonly likeOperator: 'like' | 'ilike';
  /**
   * A condition: the row of `alias` has `term` anywhere in its text `column`, through the full-text
   * index where the engine has one (SQLite: the FTS5 trigram table `ftsTable` over the same rowids;
   * PostgreSQL: a pg_trgm index on the column). Trigram indexes need three characters: shorter terms
   * are answered by scanning, correctly but without the index.
   */
  containsText(target: { alias: string; column: string; ftsTable: string }, term: string): RawBuilder<SqlBool>;
  /**
   * The query with its rows locked until the transaction ends, so that a read-check-write is not
   * raced by another transaction (PostgreSQL: FOR UPDATE). SQLite needs nothing: every write
   * transaction begins IMMEDIATE and so already runs alone.
   */
  forUpdate<Q extends SelectQueryBuilder<any, any, any>>(query: Q): Q;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(err: unknown): boolean;
  /** Size of the database in bytes, for status pages. */
  databaseSize(db: Kysely<DB>): Promise<number>;
}

/**
 * One prepared insert per connection, for the connection's life (the handle is the key). Its columns are
 * the rows' own keys (the audit module builds every row with the same ones, in its hashed order), bound
 * by name, so the column list lives in one place: src/audit/entry.ts.
 */
const auditInserts = new WeakMap<BetterSqlite3.Database, { columns: string; stmt: BetterSqlite3.Statement }>();

function auditInsertOn(native: BetterSqlite3.Database, columns: readonly string[]): BetterSqlite3.Statement {
  const key = columns.join(',');
  let cached = auditInserts.get(native);
  if (cached?.columns !== key) {
    if (!columns.every((c) => /^[a-z_]+$/.test(c))) throw new Error(`not an audit_log column list: ${key}`);
    const stmt = native.prepare(`insert into audit_log (${key}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    cached = { columns: key, stmt };
    auditInserts.set(native, cached);
  }
  return cached.stmt;
}

const PG_AUDIT_CHUNK = 500; // 15 parameters a row: well below PostgreSQL's 65,535

const AUDIT_LOCK_KEY = 0x67_73_61_75; // "gsau": any stable 32-bit number unique to this lock

/** `%term%` with LIKE's own wildcards escaped (by backslash, declared with ESCAPE). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Trigrams are of characters (code points), not UTF-16 units: 人口 is two. */
function shorterThanTrigram(term: string): boolean {
  return [...term].length < 3;
}

/** An FTS5 phrase: the term quoted, so that every character in it (%, _, *, -, …) is literal. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export const sqliteAdapter: DbAdapter = {
  engine: 'sqlite',
  containsText({ alias, column, ftsTable }, term) {
    // A LIKE with ESCAPE is not offered to FTS5 (its plan shows `INDEX 0:`, a full scan of the index),
    // so terms of three characters or more are asked as a quoted phrase, which the trigram index
    // answers as a substring match (`INDEX 0:M…`). Shorter terms have no trigram: they are matched on
    // the row itself, with LIKE's own wildcards escaped.
    if (shorterThanTrigram(term)) return sql<SqlBool>`${sql.ref(`${alias}.${column}`)} like ${likePattern(term)} escape '\\'`;
    return sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in (select rowid from ${sql.table(ftsTable)} where ${sql.table(ftsTable)} match ${ftsPhrase(term)})`;
  },
  forUpdate(query) {
    return query;
  },
  async lockAuditChain() {
    // nothing to do: the transaction began IMMEDIATE and holds the write lock
  },
  async insertAuditRows(trx, rows) {
    if (rows.length === 0) return;
    const native = await nativeConnectionOf(trx);
    const insert = auditInsertOn(native, Object.keys(rows[0]!));
    for (const r of rows) insert.run(r);
  },
  likeOperator: 'like',
  isUniqueViolation(err) {
    return (
      (typeof err === 'object' && err !== null && String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT_UNIQUE')) ||
      String((err as { code?: unknown })?.code) === 'SQLITE_CONSTRAINT_PRIMARYKEY'
    );
  },
  async databaseSize(db) {
    const r = await sql<{ size: number }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`.execute(db);
    return Number(r.rows[0]?.size ?? 0);
  },
};

export const postgresAdapter: DbAdapter = {
  engine: 'postgres',
  containsText({ alias, column }, term) {
    // backslash is ILIKE's default escape, so the pattern needs no ESCAPE clause; the pg_trgm GIN index
    // answers it for terms of three characters or more (in a database whose LC_CTYPE classifies
    // Chinese characters as letters, e.g. C.UTF-8 or zh_CN.UTF-8: under plain C they yield no trigrams)
    return sql<SqlBool>`${sql.ref(`${alias}.${column}`)} ilike ${likePattern(term)}`;
  },
  forUpdate(query) {
    return query.forUpdate() as typeof query;
  },
  async lockAuditChain(trx) {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  },
  async insertAuditRows(trx, rows) {
    for (let i = 0; i < rows.length; i += PG_AUDIT_CHUNK) {
      await trx
        .insertInto('audit_log')
        .values(rows.slice(i, i + PG_AUDIT_CHUNK))
        .execute();
    }
  },
  likeOperator: 'ilike',
  isUniqueViolation(err) {
    return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
  },
  async databaseSize(db) {
    const r = await sql<{ size: string }>`select pg_database_size(current_database()) as size`.execute(db);
    return Number(r.rows[0]?.size ?? 0);
  },
};
