// Key rotation: the platform key is replaced by a new one, and the hand-over is written into the log as
// an entry both keys sign (trust.ts), so that whoever trusts either key comes to trust the other and the
// whole history verifies. The old private key is kept aside (keys/retired/), not deleted: an archive or
// a backup signed by it is still checked with its public key, which the rotation entry records.
import { existsSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppContext } from '../app/context.js';
import { generateSm2KeyPair } from '../platform/crypto/index.js';
import { nowIso } from '../platform/db/index.js';
import { SYSTEM_ACTOR, type AuditActor } from './entry.js';
import { keyFilePath, signerFromKeys } from './signer.js';
import { ROTATION_ACTION, rotationRecord } from './trust.js';

export interface RotationResult {
  previousKeyId: string;
  keyId: string;
  publicKey: string;
  seq: number;
  retiredKeyFile: string;
}

/** Rotates the platform key of `ctx` (run with the server stopped: a running server keeps signing with the old key). */
export async function rotateSigningKey(ctx: AppContext, actor: AuditActor = SYSTEM_ACTOR): Promise<RotationResult> {
  const outgoing = ctx.audit.signer;
  const pair = generateSm2KeyPair();
  const incoming = signerFromKeys(pair.publicKey, pair.privateKey);
  const current = keyFilePath(ctx.config.dataDir);
  const next = `${current}.next`;
  const retired = join(dirname(current), 'retired', `${outgoing.keyId}.json`);
  if (existsSync(retired)) throw new Error(`a retired key file already exists: ${retired}`);
  // the new key reaches the disk before the database names it, so that a crash cannot leave a log
  // that trusts a key nobody holds
  writeFileSync(next, JSON.stringify({ algorithm: 'SM2', ...pair }, null, 2), { mode: 0o600, flag: 'wx' });
  let seq: number;
  try {
    const record = rotationRecord(outgoing, incoming);
    seq = await ctx.audit.transaction(actor, async (trx, trail) => {
      await trx
        .insertInto('signing_keys')
        .values({ key_id: incoming.keyId, algorithm: 'SM2', public_key: incoming.publicKey, created_at: nowIso(ctx.clock) })
        .execute();
      trail.record({ action: ROTATION_ACTION, objectType: 'signing_key', objectId: incoming.keyId, details: { ...record } });
      const head = await trx.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return (head ? Number(head.seq) : 0) + 1;
    });
  } catch (err) {
    unlinkSync(next);
    throw err;
  }
  // the old key signs the head that now includes the hand-over, the last thing it signs
  await ctx.audit.checkpoint();
  mkdirSync(dirname(retired), { recursive: true, mode: 0o700 });
  renameSync(current, retired);
  renameSync(next, current);
  return { previousKeyId: outgoing.keyId, keyId: incoming.keyId, publicKey: incoming.publicKey, seq, retiredKeyFile: retired };
}
