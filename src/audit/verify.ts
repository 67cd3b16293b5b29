// Verifies the chain: every entry's hash, every link, no gap in sequence, every archive anchor and
// every signed checkpoint — with keys trusted from outside the database (trust.ts), so that a rewritten
// chain re-signed with a key the attacker added to signing_keys fails. What this cannot see: entries
// cut from the end together with the checkpoints that covered them. The result names the newest signed
// head it trusts (seq and time) so that an operator can compare it with a record kept elsewhere, and
// `expectMinSeq` turns such a record into a check.
//
// Speed: a long chain is read and hashed in worker threads (verify-scan.ts) while this thread checks
// the signatures it will need; the verdict is the same as one walk from the start.
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { connectionTarget } from '../platform/db/index.js';
import { GENESIS_HASH } from './entry.js';
import { anchorMessage, checkpointMessage, verifySignature } from './signer.js';
import { keySet, trustClosure, validRotation, type RotationRecord } from './trust.js';
import { scanChain } from './verify-scan.js';

export interface SignedHead {
  seq: number;
  at: string;
  keyId: string;
}

export interface VerifyOptions {
  /**
   * Public keys (hex) trusted from outside the database. Without them the keys the database lists are
   * believed, which proves only the chain's inner consistency (`trust: 'database'` in the result): the
   * CLI and the HTTP route always pass them.
   */
  trustedKeys?: readonly string[];
  /** The log is known (from a record kept elsewhere) to have reached at least this sequence. */
  expectMinSeq?: number;
  /**
   * Incremental: a previous verification ended at `seq` with `hash` and trusted `signedHead`; check that
   * entry is unchanged and verify only what follows. `trustedKeys` must then be the previous result's.
   */
  from?: { seq: number; hash: string; signedHead: SignedHead | null };
  /**
   * Threads that read and hash the entries: 1 is this thread; unset: two from 20,000 entries on
   * (verify-scan.ts). Workers need a database opened by openDatabase (not in memory, not a transaction).
   */
  threads?: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  lastSeq: number;
  /** The hash of entry `lastSeq` (where an incremental verification continues). */
  lastHash: string;
  /** The newest checkpoint signed by a trusted key; an operator compares it with an outside record. */
  signedHead: SignedHead | null;
  /** The same as { seq, at } (older callers and the console read this name). */
  lastCheckpoint: { seq: number; at: string } | null;
  /** Entries after the signed head: not yet covered by any signature. */
  unsignedTail: number;
  /** Where trust came from: keys given from outside the database, or (weaker) the database's own list. */
  trust: 'external' | 'database';
  /** Public keys trusted in the end: the given ones and those rotations link to them. */
  trustedKeys: string[];
}

/** SM2 verification, remembered: signatures checked ahead, while the chain is hashed, are not checked twice. */
class SignatureChecks {
  private readonly seen = new Map<string, boolean>();
  verify(message: string, signature: string, publicKey: string): boolean {
    const key = `${publicKey}\n${signature}\n${message}`;
    let ok = this.seen.get(key);
    if (ok === undefined) this.seen.set(key, (ok = verifySignature(message, signature, publicKey)));
    return ok;
  }
}

export async function verifyChain(db: Kysely<DB>, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const anchors = (await db.selectFrom('audit_anchors').selectAll().orderBy('archived_through_seq').execute()).map((a) => ({
    ...a,
    archived_through_seq: Number(a.archived_through_seq),
  }));
  const anchor = anchors.at(-1);
  const anchorSeq = anchor ? anchor.archived_through_seq : 0;
  const listedKeys = await db.selectFrom('signing_keys').selectAll().execute();
  const trust: VerifyResult['trust'] = opts.trustedKeys ? 'external' : 'database';
  const roots = keySet(opts.trustedKeys ?? listedKeys.map((k) => k.public_key));

  const from = opts.from ?? null;
  let expectedSeq = from ? from.seq + 1 : anchorSeq + 1;
  let prevHash = from ? from.hash : anchor ? anchor.archived_through_hash : GENESIS_HASH;
  let signedHead: SignedHead | null = from ? from.signedHead : null;
  let checked = 0;
  const result = (fields: Partial<VerifyResult>, trusted: string[] = [...roots.values()]): VerifyResult => {
    const lastSeq = expectedSeq - 1;
    return {
      ok: false,
      checked,
      firstBadSeq: null,
      reason: null,
      lastSeq,
      lastHash: prevHash,
      signedHead,
      lastCheckpoint: signedHead && { seq: signedHead.seq, at: signedHead.at },
      unsignedTail: lastSeq - (signedHead?.seq ?? anchorSeq),
      trust,
      trustedKeys: trusted,
      ...fields,
    };
  };
  const fail = (seq: number, reason: string) => result({ firstBadSeq: seq, reason });

  if (roots.size === 0) return result({ reason: '没有可信的签名公钥 (no trusted signing key: give the key file or --trusted-key)' });
  if (from && from.seq > anchorSeq) {
    const same = await db.selectFrom('audit_log').select('hash').where('seq', '=', from.seq).executeTakeFirst();
    if (same?.hash !== from.hash) return fail(from.seq, `entry ${from.seq} changed since it was last verified`);
  }

  const checkpoints = (
    await db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('seq', '>', from ? from.seq : 0)
      .orderBy('seq')
      .execute()
  ).map((c) => ({ ...c, seq: Number(c.seq) }));
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const signatures = new SignatureChecks();

  // 1. the chain itself; a break is reported after the anchors, whose sequences come first
  const scan = await scanChain(db, {
    start: { seq: expectedSeq - 1, hash: prevHash },
    wanted,
    threads: opts.threads,
    target: connectionTarget(db),
  });
  if (scan.parallel) {
    // while workers hash: the signatures steps 3 and 4 will ask for, with the keys they will most
    // likely be asked with (a key a rotation introduces is listed in signing_keys too)
    const candidates = new Map([...listedKeys.map((k) => [k.key_id, k.public_key] as const), ...roots]);
    for (const cp of checkpoints) {
      const publicKey = candidates.get(cp.key_id);
      if (publicKey) signatures.verify(checkpointMessage(cp.seq, cp.hash, cp.at), cp.signature, publicKey);
    }
  }
  const chain = await scan.done;
  checked = chain.checked;
  expectedSeq = chain.next;
  prevHash = chain.last;
  const hashAt = chain.hashAt;
  const rotations: RotationRecord[] = [];
  for (const details of chain.rotations) {
    const rotation = validRotation(details);
    if (rotation) rotations.push(rotation);
  }
  let chainFailure: VerifyResult | null = chain.fault && fail(chain.fault.seq, chain.fault.reason);
  if (!from && !chainFailure) {
    // the read `where seq >= expected` skips anything below the start: a forged prefix must not hide there
    const below = await db.selectFrom('audit_log').select('seq').where('seq', '<=', anchorSeq).limit(1).executeTakeFirst();
    if (below) chainFailure = fail(Number(below.seq), `entry ${below.seq} lies before the start of the chain`);
  }

  // 2. who is trusted: the given keys and what valid rotations in the log link to them
  const trusted = from ? roots : trustClosure(roots, rotations);
  const trustedKeys = [...trusted.values()];
  const failT = (seq: number, reason: string) => result({ firstBadSeq: seq, reason }, trustedKeys);

  // 3. archive anchors: each must be signed by a trusted key, or the chain's start is an attacker's word
  if (!from) {
    for (const [i, a] of anchors.entries()) {
      const firstCovered = (anchors[i - 1]?.archived_through_seq ?? 0) + 1;
      const message =
        a.cutoff &&
        anchorMessage({
          seq: a.archived_through_seq,
          hash: a.archived_through_hash,
          cutoff: a.cutoff,
          archiveFile: a.archive_file,
          archiveSm3: a.archive_sm3,
          at: a.at,
        });
      const key = a.key_id ? trusted.get(a.key_id) : undefined;
      if (!message || !a.signature || !key || !signatures.verify(message, a.signature, key)) {
        return failT(
          firstCovered,
          `the archive anchor through ${a.archived_through_seq} is not signed by a trusted key: entries ${firstCovered}–${a.archived_through_seq} are unaccounted for`,
        );
      }
    }
  }
  if (chainFailure) return { ...chainFailure, trustedKeys };

  // 4. checkpoints: signed by a trusted key, over an entry that is still there with the same hash
  const lastSeq = expectedSeq - 1;
  for (const cp of checkpoints) {
    const publicKey = trusted.get(cp.key_id);
    if (!publicKey) {
      return failT(
        cp.seq,
        `checkpoint at ${cp.seq} is signed by key ${cp.key_id}, which is not trusted (not the key file's, not given with --trusted-key, not introduced by a rotation signed by a trusted key)`,
      );
    }
    if (!signatures.verify(checkpointMessage(cp.seq, cp.hash, cp.at), cp.signature, publicKey)) {
      return failT(cp.seq, `checkpoint at ${cp.seq} has an invalid signature`);
    }
    if (cp.seq > lastSeq) {
      return failT(lastSeq + 1, `the log ends at ${lastSeq} but a signed checkpoint covers ${cp.seq}: entries were removed from the end`);
    }
    if (cp.seq > anchorSeq && hashAt.get(cp.seq) !== cp.hash) return failT(cp.seq, `entry ${cp.seq} differs from its signed checkpoint`);
    signedHead = { seq: cp.seq, at: cp.at, keyId: cp.key_id };
  }

  // 5. a key listed in the database that no trusted key vouches for was put there by someone else
  if (!from) {
    for (const k of listedKeys) {
      if (trusted.has(k.key_id)) continue;
      const registered = await db
        .selectFrom('audit_log')
        .select('seq')
        .where('object_type', '=', 'signing_key')
        .where('object_id', '=', k.key_id)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      return failT(
        registered ? Number(registered.seq) : lastSeq + 1,
        `signing key ${k.key_id} is listed in the database but not trusted: no trusted key introduces it (give it with --trusted-key if it is yours)`,
      );
    }
  }

  // 6. a live log that no trusted signature covers at all proves nothing about who wrote it
  if (lastSeq > anchorSeq && (signedHead?.seq ?? 0) <= anchorSeq) {
    return failT(anchorSeq + 1, `no checkpoint signed by a trusted key covers the live log (entries ${anchorSeq + 1}–${lastSeq})`);
  }
  if (opts.expectMinSeq !== undefined && lastSeq < opts.expectMinSeq) {
    return failT(
      lastSeq + 1,
      `the log ends at ${lastSeq}, but it is known to have reached ${opts.expectMinSeq}: entries were removed from the end`,
    );
  }
  return result({ ok: true }, trustedKeys);
}
