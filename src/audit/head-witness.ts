// The signed head kept outside the database (审计链头见证). Whoever controls the database can cut the
// tail of the log together with the checkpoints that signed it, and the database alone then looks
// intact. So each time the head is signed, its checkpoint (sequence, hash, time, key, signature) is also
// written to a file in the data directory: a different trust domain from a PostgreSQL server's, and a
// record `audit verify` compares the log with. The file carries its own SM2 signature, so it can be
// copied anywhere (the auditor's machine) and still be checked with the trusted public key alone.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../platform/db/index.js';
import { checkpointMessage, verifySignature } from './signer.js';
import { sm2KeyId } from '../platform/crypto/index.js';

const witnessSchema = z
  .object({
    format: z.literal('gongshu-audit-head-v1'),
    seq: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().min(1),
    keyId: z.string().min(1),
    signature: z.string().min(1),
  })
  .strict();
export type HeadWitness = z.infer<typeof witnessSchema>;

export function headWitnessPath(dataDir: string): string {
  return join(dataDir, 'audit-head.json');
}

/**
 * Replaces the witness with a newer signed head, durably (write, fsync, rename); an older head than the
 * file's is ignored, so a late writer cannot move the witness back.
 */
export function writeHeadWitness(path: string, head: Omit<HeadWitness, 'format'>): void {
  const current = readHeadWitness(path);
  if (current && current.seq >= head.seq) return;
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, JSON.stringify({ format: 'gongshu-audit-head-v1', ...head }, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The witness in the file, or null when there is none; a file that does not parse throws. */
export function readHeadWitness(path: string): HeadWitness | null {
  if (!existsSync(path)) return null;
  const parsed = witnessSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`审计链头见证文件格式不正确 ${path} (not an audit head witness)`);
  return parsed.data;
}

export type WitnessCheck = { ok: true; seq: number } | { ok: false; firstBadSeq: number; reason: string };

/**
 * Compares the log with a witness: the witness must be signed by a trusted key, and the log must still
 * hold the entry it signed, with the same hash. (The chain walk proves the rest: every entry links to
 * the one before it.)
 */
export async function checkHeadWitness(db: Kysely<DB>, witness: HeadWitness, trustedKeys: readonly string[]): Promise<WitnessCheck> {
  const key = trustedKeys.find((k) => sm2KeyId(k) === witness.keyId);
  if (!key || !verifySignature(checkpointMessage(witness.seq, witness.hash, witness.at), witness.signature, key))
    return {
      ok: false,
      firstBadSeq: witness.seq,
      reason: `链头见证 #${witness.seq} 的签名不是可信密钥的 (the head witness is not signed by a trusted key)`,
    };
  const entry = await db.selectFrom('audit_log').select('hash').where('seq', '=', witness.seq).executeTakeFirst();
  if (!entry) {
    // a log idle for the whole retention period may have had its witnessed head archived with the rest
    const anchor = await db
      .selectFrom('audit_anchors')
      .select('archived_through_seq')
      .where('archived_through_seq', '>=', witness.seq)
      .executeTakeFirst();
    if (anchor) return { ok: true, seq: witness.seq };
  }
  if (!entry)
    return {
      ok: false,
      firstBadSeq: witness.seq,
      reason: `日志中没有链头见证记下的第 ${witness.seq} 条：末尾被截断 (the log no longer holds the witnessed head: its tail was cut)`,
    };
  if (entry.hash !== witness.hash)
    return {
      ok: false,
      firstBadSeq: witness.seq,
      reason: `第 ${witness.seq} 条的哈希与链头见证不符 (the witnessed head's hash differs)`,
    };
  return { ok: true, seq: witness.seq };
}
