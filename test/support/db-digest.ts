// A digest of the business data: every table of the schema and every dataset table, except the tables a
// refused request may legitimately write (the audit log and its checkpoints record the refusal; sessions
// record a sign-in) and the columns that count sign-in activity. Equal digests: no business row changed.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { TABLES, type DB } from '../../src/platform/db/index.js';

export const LOG_LIKE_TABLES = ['audit_log', 'audit_checkpoints', 'sessions'];

/** Columns that move on sign-in (and on a refused one): not business data. */
const ACTIVITY_COLUMNS: Record<string, string[]> = {
  users: ['failed_attempts', 'locked_until', 'last_login_at', 'previous_login_at'],
  api_credentials: ['last_used_at'],
};

export type Digest = Record<string, string>;

async function tableDigest(db: Kysely<DB>, table: string): Promise<string> {
  const skip = ACTIVITY_COLUMNS[table] ?? [];
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
  const lines = rows.map((row) =>
    JSON.stringify(
      Object.keys(row)
        .filter((k) => !skip.includes(k))
        .sort()
        .map((k) => [k, row[k]]),
    ),
  );
  const hash = createHash('sha256');
  for (const line of lines.sort()) hash.update(line).update('\n');
  return `${rows.length}:${hash.digest('hex').slice(0, 16)}`;
}

/** table name → row count and a hash of its rows, in a stable order. */
export async function businessDigest(db: Kysely<DB>): Promise<Digest> {
  const out: Digest = {};
  for (const t of TABLES) if (!LOG_LIKE_TABLES.includes(t.name)) out[t.name] = await tableDigest(db, t.name);
  const datasets = await db.selectFrom('dataset_tables').select('table_name').orderBy('table_name').execute();
  for (const d of datasets) out[d.table_name] = await tableDigest(db, d.table_name);
  return out;
}

/** The tables whose digest differs. */
export function changedTables(before: Digest, after: Digest): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
