// Which signing keys `audit verify` believes. The database's own list (signing_keys) cannot decide it:
// whoever can write the database can add a key there and re-sign a rewritten chain with it. Trust
// starts from keys that come from outside the database — the public key of the platform key file, keys
// an auditor gives with --trusted-key, GONGSHU_AUDIT_TRUSTED_KEYS — and spreads only along rotation
// records: an audit entry in which the outgoing and the incoming key both sign the hand-over, so that
// neither can be linked to the other without its private key.
import { sm2KeyId, sm2Verify } from '../platform/crypto/index.js';
import type { AuditSigner } from './signer.js';

export const ROTATION_ACTION = 'audit.key_rotated';

export interface RotationRecord {
  previousKeyId: string;
  previousPublicKey: string;
  keyId: string;
  publicKey: string;
  /** The outgoing key's signature over rotationMessage. */
  previousSignature: string;
  /** The incoming key's signature over the same message. */
  signature: string;
}

function rotationMessage(r: Pick<RotationRecord, 'previousKeyId' | 'previousPublicKey' | 'keyId' | 'publicKey'>): string {
  return `gongshu-key-rotation-v1|${r.previousKeyId}|${r.previousPublicKey}|${r.keyId}|${r.publicKey}`;
}

/** The hand-over from `outgoing` to `incoming`, signed by both. */
export function rotationRecord(outgoing: AuditSigner, incoming: AuditSigner): RotationRecord {
  const body = {
    previousKeyId: outgoing.keyId,
    previousPublicKey: outgoing.publicKey,
    keyId: incoming.keyId,
    publicKey: incoming.publicKey,
  };
  const message = rotationMessage(body);
  return { ...body, previousSignature: outgoing.sign(message), signature: incoming.sign(message) };
}

/** The rotation record in an entry's details, if it is one whose both signatures hold. */
export function validRotation(details: string): RotationRecord | null {
  let r: Partial<RotationRecord>;
  try {
    r = JSON.parse(details) as Partial<RotationRecord>;
  } catch {
    return null;
  }
  const { previousKeyId, previousPublicKey, keyId, publicKey, previousSignature, signature } = r;
  if (![previousKeyId, previousPublicKey, keyId, publicKey, previousSignature, signature].every((v) => typeof v === 'string')) return null;
  const record = r as RotationRecord;
  if (sm2KeyId(record.previousPublicKey) !== record.previousKeyId || sm2KeyId(record.publicKey) !== record.keyId) return null;
  const message = rotationMessage(record);
  if (!sm2Verify(message, record.previousSignature, record.previousPublicKey)) return null;
  if (!sm2Verify(message, record.signature, record.publicKey)) return null;
  return record;
}

/** Key id → public key. */
export type KeySet = Map<string, string>;

export function keySet(publicKeys: Iterable<string>): KeySet {
  return new Map([...publicKeys].map((k) => [sm2KeyId(k), k]));
}

/** The trusted keys and every key a chain of valid rotations links to one of them, in either direction. */
export function trustClosure(roots: KeySet, rotations: readonly RotationRecord[]): KeySet {
  const trusted = new Map(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rotations) {
      const linked = trusted.has(r.previousKeyId) || trusted.has(r.keyId);
      if (!linked) continue;
      for (const [id, key] of [
        [r.previousKeyId, r.previousPublicKey],
        [r.keyId, r.publicKey],
      ] as const) {
        if (!trusted.has(id)) {
          trusted.set(id, key);
          grew = true;
        }
      }
    }
  }
  return trusted;
}
