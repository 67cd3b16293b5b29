// The console's audit page asks for the chain's state on every visit; checking the whole chain each
// time costs seconds on a large log. This keeps, per process, where the last successful check ended
// (seq, hash, signed head, trusted keys) and checks only what was appended since, plus that the entry
// it ended at is unchanged. That does not re-read older entries: an edit there by someone who dropped
// the triggers shows only in a full check, which the result says it is not (`mode`, `fullVerifiedAt`)
// and which anyone can ask for (`full`). A new archive anchor or signing key forces a full check.
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { verifyChain, type VerifyResult } from './verify.js';

export interface CachedVerifyResult extends VerifyResult {
  mode: 'full' | 'incremental';
  /** When the chain was last checked from its start (this process). */
  fullVerifiedAt: string;
}

interface Stamp {
  anchors: number;
  keys: number;
}

export class VerifyCache {
  private last: { result: VerifyResult; stamp: Stamp; fullVerifiedAt: string } | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly trustedKeys: readonly string[],
    private readonly clock: () => number = Date.now,
  ) {}

  async verify(full = false): Promise<CachedVerifyResult> {
    const stamp = await this.stamp();
    const last = this.last;
    const reusable = !full && last && last.stamp.anchors === stamp.anchors && last.stamp.keys === stamp.keys;
    if (!reusable) {
      const fullVerifiedAt = nowIso(this.clock);
      const result = await verifyChain(this.db, { trustedKeys: this.trustedKeys });
      this.last = result.ok ? { result, stamp, fullVerifiedAt } : null;
      return { ...result, mode: 'full', fullVerifiedAt };
    }
    const { result: before } = last;
    const r = await verifyChain(this.db, {
      trustedKeys: before.trustedKeys,
      from: { seq: before.lastSeq, hash: before.lastHash, signedHead: before.signedHead },
    });
    const result: VerifyResult = { ...r, checked: before.checked + r.checked };
    // a failure is not remembered: the next visit checks everything again
    this.last = result.ok ? { result, stamp, fullVerifiedAt: last.fullVerifiedAt } : null;
    return { ...result, mode: 'incremental', fullVerifiedAt: last.fullVerifiedAt };
  }

  private async stamp(): Promise<Stamp> {
    const [anchors, keys] = await Promise.all([
      this.db
        .selectFrom('audit_anchors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('signing_keys')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { anchors: Number(anchors.n), keys: Number(keys.n) };
  }
}
