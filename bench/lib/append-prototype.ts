// A prototype of AuditLog.append on SQLite without Kysely: the same steps (BEGIN IMMEDIATE, read the
// head, buildRow per entry, insert, checkpoint every N entries or after the maximum age, commit) with
// prepared statements cached on the better-sqlite3 connection and one single-row insert per entry.
// It measures what the append would cost if the SQLite adapter inserted audit rows itself; it is not
// a replacement for src/audit/audit-log.ts (no archive anchors, no Kysely transaction to join).
import BetterSqlite3 from 'better-sqlite3';
import { buildRow, GENESIS_HASH, type AuditActor, type AuditEvent, type AuditRow } from '../../src/audit/entry.js';
import { checkpointMessage } from '../../src/audit/signer.js';
import type { AuditSigner } from '../../src/audit/index.js';
import { VERIFY_COLUMNS } from '../../src/audit/verify-range.js';

const COLUMNS = VERIFY_COLUMNS; // every column, in the hashed order

export interface NativeAppender {
  record(actor: AuditActor, events: readonly AuditEvent[]): void;
  close(): void;
}

export function nativeAppender(
  path: string,
  signer: AuditSigner,
  options: { checkpointEvery: number; checkpointMaxAgeMs: number; pragmas?: string[] },
): NativeAppender {
  const db = new BetterSqlite3(path);
  // openDatabase's settings (src/platform/db/connect.ts)
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  for (const pragma of options.pragmas ?? []) db.pragma(pragma);
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const rollback = db.prepare('rollback');
  const head = db.prepare('select seq, hash from audit_log order by seq desc limit 1');
  const lastCheckpoint = db.prepare('select at from audit_checkpoints order by seq desc limit 1');
  const insert = db.prepare(`insert into audit_log (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`);
  const insertCheckpoint = db.prepare('insert into audit_checkpoints (seq, at, hash, key_id, signature) values (?, ?, ?, ?, ?)');

  return {
    record(actor, events) {
      begin.run();
      try {
        const last = head.get() as { seq: number; hash: string } | undefined;
        let seq = last ? Number(last.seq) : 0;
        let hash = last ? last.hash : GENESIS_HASH;
        const startSeq = seq;
        const at = new Date().toISOString();
        for (const event of events) {
          seq += 1;
          const row = buildRow(seq, hash, at, actor, event);
          hash = row.hash;
          insert.run(COLUMNS.map((c) => row[c]));
        }
        const every = options.checkpointEvery;
        let due = Math.floor(seq / every) > Math.floor(startSeq / every);
        if (!due) {
          const cp = lastCheckpoint.get() as { at: string } | undefined;
          due = !cp || Date.parse(at) - Date.parse(cp.at) >= options.checkpointMaxAgeMs;
        }
        if (due) insertCheckpoint.run(seq, at, hash, signer.keyId, signer.sign(checkpointMessage(seq, hash, at)));
        commit.run();
      } catch (err) {
        if (db.inTransaction) rollback.run();
        throw err;
      }
    },
    close: () => db.close(),
  };
}
