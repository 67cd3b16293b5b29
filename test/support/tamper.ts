// Tamper tests play an attacker who owns the database: first they drop the append-only triggers
// (as such an attacker could), then they edit the log. The hash chain must still catch them.
import { sql, type Kysely } from 'kysely';
import { entryDigest, GENESIS_HASH, signerFromKeys, type AuditSigner } from '../../src/audit/index.js';
import { checkpointMessage } from '../../src/audit/signer.js';
import { generateSm2KeyPair } from '../../src/platform/crypto/index.js';
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

/**
 * Probe C of the audit review: rewrite one entry, recompute every hash after it, list the attacker's own
 * key in signing_keys and re-sign every checkpoint with it. Needs the guards dropped first.
 */
export async function forgeChainWithOwnKey(
  db: Kysely<DB>,
  edit: { seq: number; actionName: string },
  attacker: AuditSigner,
): Promise<void> {
  const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', edit.seq).orderBy('seq').execute();
  const before = await db
    .selectFrom('audit_log')
    .select('hash')
    .where('seq', '=', edit.seq - 1)
    .executeTakeFirst();
  let prev = before?.hash ?? GENESIS_HASH;
  const hashes = new Map<number, string>();
  for (const row of rows) {
    const seq = Number(row.seq);
    const { hash: _old, ...rest } = { ...row, seq, prev_hash: prev, action: seq === edit.seq ? edit.actionName : row.action };
    const hash = entryDigest(rest);
    await db.updateTable('audit_log').set({ action: rest.action, prev_hash: prev, hash }).where('seq', '=', seq).execute();
    hashes.set(seq, hash);
    prev = hash;
  }
  await db
    .insertInto('signing_keys')
    .values({ key_id: attacker.keyId, algorithm: 'SM2', public_key: attacker.publicKey, created_at: new Date().toISOString() })
    .execute();
  for (const cp of await db.selectFrom('audit_checkpoints').selectAll().execute()) {
    const seq = Number(cp.seq);
    const hash = hashes.get(seq) ?? cp.hash;
    await db
      .updateTable('audit_checkpoints')
      .set({ hash, key_id: attacker.keyId, signature: attacker.sign(checkpointMessage(seq, hash, cp.at)) })
      .where('seq', '=', seq)
      .execute();
  }
}

/** A key pair of the attacker's own, made the way the platform makes its key. */
export function attackerSigner(): AuditSigner {
  const pair = generateSm2KeyPair();
  return signerFromKeys(pair.publicKey, pair.privateKey);
}
