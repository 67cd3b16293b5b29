// The small set of things that differ between SQLite and PostgreSQL, held in one object so that
// domain code never asks which engine it runs on.
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface DbAdapter {
  readonly engine: Engine;
  /**
   * Serialise appends to the audit chain inside the current transaction. On SQLite every write
   * transaction already holds the database's single write lock (BEGIN IMMEDIATE); on PostgreSQL a
   * transaction-scoped advisory lock does it, released at commit or rollback.
   */
  lockAuditChain(trx: Transaction<DB>): Promise<void>;
  /** Case-insensitive substring match operator. */
  readonly likeOperator: 'like' | 'ilike';
  /**
   * A condition: the row of `alias` has `term` anywhere in its text `column`, through the full-text
   * index where the engine has one (SQLite: the FTS5 trigram table `ftsTable` over the same rowids).
   */
  containsText(target: { alias: string; column: string; ftsTable: string }, term: string): RawBuilder<SqlBool>;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(err: unknown): boolean;
  /** Size of the database in bytes, for status pages. */
  databaseSize(db: Kysely<DB>): Promise<number>;
}

const AUDIT_LOCK_KEY = 0x67_73_61_75; // "gsau": any stable 32-bit number unique to this lock

/** `%term%` with LIKE's own wildcards escaped (by backslash, declared with ESCAPE). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const sqliteAdapter: DbAdapter = {
  engine: 'sqlite',
  containsText({ alias, column, ftsTable }, term) {
    // the trigram FTS index answers LIKE for terms of three characters or more; shorter ones scan it
    return sql<SqlBool>`${sql.ref(`${alias}.rowid`)} in (select rowid from ${sql.table(ftsTable)} where ${sql.ref(column)} like ${likePattern(term)} escape '\\')`;
  },
  async lockAuditChain() {
    // nothing to do: the transaction began IMMEDIATE and holds the write lock
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
    return sql<SqlBool>`${sql.ref(`${alias}.${column}`)} ilike ${likePattern(term)} escape '\\'`;
  },
  async lockAuditChain(trx) {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
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
