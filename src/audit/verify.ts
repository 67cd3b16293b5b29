// Verifies the chain: every entry's hash, every link, no gap in sequence, and every signed checkpoint
// (so that deleting the newest entries — a truncated tail — is caught as well as an edit in the middle).
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { entryDigest, GENESIS_HASH } from './entry.js';
import { checkpointMessage, verifySignature } from './signer.js';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  reason: string | null;
  lastSeq: number;
  lastCheckpoint: { seq: number; at: string } | null;
}

const PAGE = 5000;

export async function verifyChain(db: Kysely<DB>): Promise<VerifyResult> {
  const anchor = await db
    .selectFrom('audit_anchors')
    .select(['archived_through_seq', 'archived_through_hash'])
    .orderBy('archived_through_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let expectedSeq = anchor ? Number(anchor.archived_through_seq) + 1 : 1;
  let prevHash = anchor ? anchor.archived_through_hash : GENESIS_HASH;
  const hashAt = new Map<number, string>();
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  const keys = new Map((await db.selectFrom('signing_keys').selectAll().execute()).map((k) => [k.key_id, k.public_key]));
  const wanted = new Set(checkpoints.map((c) => Number(c.seq)));

  let checked = 0;
  const fail = (seq: number, reason: string): VerifyResult => ({
    ok: false,
    checked,
    firstBadSeq: seq,
    reason,
    lastSeq: expectedSeq - 1,
    lastCheckpoint: null,
  });

  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(PAGE).execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing (next present is ${seq})`);
      if (row.prev_hash !== prevHash) return fail(seq, `entry ${seq} does not link to the entry before it`);
      const { hash, ...rest } = row;
      if (entryDigest({ ...rest, seq }) !== hash) return fail(seq, `entry ${seq} was altered: its hash does not match its content`);
      if (wanted.has(seq)) hashAt.set(seq, hash);
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < PAGE) break;
  }
  // Entries below the first live one were archived; an earlier read `where seq >= expected` also skips
  // a forged prefix, so make sure nothing sits below the anchor.
  const below = await db
    .selectFrom('audit_log')
    .select('seq')
    .where('seq', '<', anchor ? Number(anchor.archived_through_seq) + 1 : 1)
    .limit(1)
    .executeTakeFirst();
  if (below) return fail(Number(below.seq), `entry ${below.seq} lies before the start of the chain`);

  const lastSeq = expectedSeq - 1;
  let lastCheckpoint: VerifyResult['lastCheckpoint'] = null;
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    const publicKey = keys.get(cp.key_id);
    if (!publicKey) return fail(seq, `checkpoint at ${seq} is signed by an unknown key ${cp.key_id}`);
    if (!verifySignature(checkpointMessage(seq, cp.hash, cp.at), cp.signature, publicKey)) {
      return fail(seq, `checkpoint at ${seq} has an invalid signature`);
    }
    if (seq > lastSeq)
      return {
        ...fail(lastSeq + 1, `the log ends at ${lastSeq} but a signed checkpoint covers ${seq}: entries were removed from the end`),
        checked,
      };
    const archived = anchor && seq <= Number(anchor.archived_through_seq);
    if (!archived && hashAt.get(seq) !== cp.hash) return fail(seq, `entry ${seq} differs from its signed checkpoint`);
    lastCheckpoint = { seq, at: cp.at };
  }
  return { ok: true, checked, firstBadSeq: null, reason: null, lastSeq, lastCheckpoint };
}
