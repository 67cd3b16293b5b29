// Defence in depth for R3.1.8: the database itself refuses to update audit entries, checkpoints and
// archive anchors, and deletes audit entries only when an archive anchor covers them. The hash chain
// still detects tampering by anyone who drops these triggers; this stops the honest mistake and the
// casual edit.
import { sql, type Kysely } from 'kysely';
import { PostgresAdapter } from 'kysely';

const SQLITE = [
  `create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`,
  `create trigger audit_log_delete_archived_only before delete on audit_log
     when not exists (select 1 from audit_anchors where archived_through_seq >= old.seq)
     begin select raise(abort, 'audit entries are removed only by archiving'); end`,
  `create trigger audit_checkpoints_no_update before update on audit_checkpoints begin select raise(abort, 'audit_checkpoints is append-only'); end`,
  `create trigger audit_checkpoints_delete_archived_only before delete on audit_checkpoints
     when not exists (select 1 from audit_anchors where archived_through_seq >= old.seq)
     begin select raise(abort, 'audit checkpoints are removed only by archiving'); end`,
  `create trigger audit_anchors_no_update before update on audit_anchors begin select raise(abort, 'audit_anchors is append-only'); end`,
  `create trigger audit_anchors_no_delete before delete on audit_anchors begin select raise(abort, 'audit_anchors is append-only'); end`,
];

const POSTGRES = [
  `create function gongshu_append_only() returns trigger language plpgsql as $$
   begin
     raise exception '% is append-only', tg_table_name using errcode = 'P0001';
   end $$`,
  `create function gongshu_delete_archived_only() returns trigger language plpgsql as $$
   begin
     if not exists (select 1 from audit_anchors where archived_through_seq >= old.seq) then
       raise exception 'rows of % are removed only by archiving', tg_table_name using errcode = 'P0001';
     end if;
     return old;
   end $$`,
  `create trigger audit_log_no_update before update on audit_log for each row execute function gongshu_append_only()`,
  `create trigger audit_log_delete_archived_only before delete on audit_log for each row execute function gongshu_delete_archived_only()`,
  `create trigger audit_checkpoints_no_update before update on audit_checkpoints for each row execute function gongshu_append_only()`,
  `create trigger audit_checkpoints_delete_archived_only before delete on audit_checkpoints for each row execute function gongshu_delete_archived_only()`,
  `create trigger audit_anchors_no_change before update or delete on audit_anchors for each row execute function gongshu_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
  for (const statement of statements) await sql.raw(statement).execute(db);
}
