// Audit hardening (R3.1.8, issue #2 item 5).
// 1. Archive anchors carry the cut-off and an SM2 signature by the platform key, so that a row typed in
//    with plain SQL (a forged anchor) no longer lets the chain "start" wherever an attacker likes.
// 2. The delete guards of 20261127T0200 also refuse removing entries and checkpoints younger than three
//    calendar years, the legal floor the database can check by itself (a longer configured period is
//    enforced by `audit archive`). A forged anchor therefore cannot be used to delete recent entries.
import { sql, type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

// ISO text as the application writes it (2026-11-27T08:00:00.000Z): compared as text, it orders as time
const SQLITE_THREE_YEARS_AGO = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-3 years')`;

const SQLITE = [
  `drop trigger audit_log_delete_archived_only`,
  `create trigger audit_log_delete_archived_only before delete on audit_log
     when not exists (select 1 from audit_anchors where archived_through_seq >= old.seq)
       or old.at > ${SQLITE_THREE_YEARS_AGO}
     begin select raise(abort, 'audit entries are removed only by archiving, and only after three years'); end`,
  `drop trigger audit_checkpoints_delete_archived_only`,
  `create trigger audit_checkpoints_delete_archived_only before delete on audit_checkpoints
     when not exists (select 1 from audit_anchors where archived_through_seq >= old.seq)
       or old.at > ${SQLITE_THREE_YEARS_AGO}
     begin select raise(abort, 'audit checkpoints are removed only by archiving, and only after three years'); end`,
];

const POSTGRES = [
  // replaces the function both delete triggers call; the triggers themselves stay as they are
  `create or replace function gongshu_delete_archived_only() returns trigger language plpgsql as $$
   begin
     if not exists (select 1 from audit_anchors where archived_through_seq >= old.seq) then
       raise exception 'rows of % are removed only by archiving', tg_table_name using errcode = 'P0001';
     end if;
     if old.at::timestamptz > now() - interval '3 years' then
       raise exception 'rows of % are kept at least three years (R3.1.8)', tg_table_name using errcode = 'P0001';
     end if;
     return old;
   end $$`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_anchors').addColumn('cutoff', 'text').execute();
  await db.schema.alterTable('audit_anchors').addColumn('key_id', 'text').execute();
  await db.schema.alterTable('audit_anchors').addColumn('signature', 'text').execute();
  const statements = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
  for (const statement of statements) await sql.raw(statement).execute(db);
}
