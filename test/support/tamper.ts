// Tamper tests play an attacker who owns the database: first they drop the append-only triggers
// (as such an attacker could), then they edit the log. The hash chain must still catch them.
import { sql, type Kysely } from 'kysely';
import type { DB, Engine } from '../../src/platform/db/index.js';

const TRIGGERS = [
  'audit_log_no_update',
  'audit_log_delete_archived_only',
  'audit_checkpoints_no_update',
  'audit_checkpoints_delete_archived_only',
];

export async function dropAuditGuards(db: Kysely<DB>, engine: Engine): Promise<void> {
  for (const t of TRIGGERS) {
    const table = t.startsWith('audit_log') ? 'audit_log' : 'audit_checkpoints';
    await sql.raw(engine === 'postgres' ? `drop trigger if exists ${t} on ${table}` : `drop trigger if exists ${t}`).execute(db);
  }
}
