// The append-only, SM3 hash-chained audit log. Entries are appended inside the caller's transaction,
// as its last step, so the change and its record commit or vanish together and the chain lock is held
// only for the moment of the append.
import type { Kysely, Transaction } from 'kysely';
import type { Database, DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { buildRow, GENESIS_HASH, type AuditActor, type AuditEvent, type AuditRow } from './entry.js';
import { checkpointMessage, type AuditSigner } from './signer.js';
import { writeHeadWitness } from './head-witness.js';

export interface AuditLogOptions {
  /** Sign a checkpoint at least every this many entries… */
  checkpointEvery: number;
  /** …and on the first append after this much time without one, so a truncated tail shows soon. */
  checkpointMaxAgeMs: number;
  clock?: () => number;
  /** Where checkpoint() keeps the signed head outside the database (head-witness.ts); none in tests that do not ask. */
  headWitnessPath?: string;
}

interface Pending {
  actor: AuditActor;
  event: AuditEvent;
}

/** Collects the audit entries of one transaction. */
export class AuditTrail {
  readonly pending: Pending[] = [];
  constructor(readonly actor: AuditActor) {}

  record(event: AuditEvent, actor: AuditActor = this.actor): void {
    this.pending.push({ actor, event });
  }
}

export class AuditLog {
  constructor(
    private readonly database: Database,
    /** The platform key: signs checkpoints here and archive files in archive.ts. */
    readonly signer: AuditSigner,
    private readonly options: AuditLogOptions,
  ) {}

  get publicKey(): string {
    return this.signer.publicKey;
  }

  /**
   * Runs `work` in a transaction and appends what it recorded before commit. A transaction that
   * records nothing is a programming error: every change and every data access is audited.
   */
  async transaction<T>(
    actor: AuditActor,
    work: (trx: Transaction<DB>, trail: AuditTrail) => Promise<T>,
    opts: { on?: Kysely<DB> } = {},
  ): Promise<T> {
    // `on`: a connection of its own (Database.dedicated) for long work that must not hold the shared one
    return (opts.on ?? this.database.db).transaction().execute(async (trx) => {
      const trail = new AuditTrail(actor);
      const result = await work(trx, trail);
      if (trail.pending.length === 0) throw new Error('an audited transaction recorded no audit entry');
      await this.append(trx, trail.pending);
      return result;
    });
  }

  /** Records events that change nothing else (a refused request, a failed login) in a transaction of their own. */
  async record(actor: AuditActor, ...events: AuditEvent[]): Promise<void> {
    await this.database.db.transaction().execute((trx) =>
      this.append(
        trx,
        events.map((event) => ({ actor, event })),
      ),
    );
  }

  /** Appends entries inside an open transaction. */
  async append(trx: Transaction<DB>, entries: readonly Pending[]): Promise<AuditRow[]> {
    if (entries.length === 0) return [];
    await this.database.adapter.lockAuditChain(trx);
    let { seq, hash } = await this.head(trx);
    const startSeq = seq;
    const at = nowIso(this.options.clock);
    const rows: AuditRow[] = [];
    for (const { actor, event } of entries) {
      seq += 1;
      const row = buildRow(seq, hash, at, actor, event);
      hash = row.hash;
      rows.push(row);
    }
    await this.database.adapter.insertAuditRows(trx, rows);
    await this.maybeCheckpoint(trx, startSeq, seq, hash, at);
    return rows;
  }

  /** The last entry of the chain, or the archive anchor it continues from, or the genesis. */
  private async head(trx: Transaction<DB>): Promise<{ seq: number; hash: string }> {
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (last) return { seq: Number(last.seq), hash: last.hash };
    const anchor = await trx
      .selectFrom('audit_anchors')
      .select(['archived_through_seq', 'archived_through_hash'])
      .orderBy('archived_through_seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (anchor) return { seq: Number(anchor.archived_through_seq), hash: anchor.archived_through_hash };
    return { seq: 0, hash: GENESIS_HASH };
  }

  private async maybeCheckpoint(trx: Transaction<DB>, fromSeq: number, toSeq: number, hash: string, at: string): Promise<void> {
    const every = this.options.checkpointEvery;
    const crossed = Math.floor(toSeq / every) > Math.floor(fromSeq / every);
    let due = crossed;
    if (!due) {
      const last = await trx.selectFrom('audit_checkpoints').select('at').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      due = !last || Date.parse(at) - Date.parse(last.at) >= this.options.checkpointMaxAgeMs;
    }
    if (!due) return;
    await this.writeCheckpoint(trx, toSeq, hash, at);
  }

  /**
   * Signs a checkpoint over the head of the chain if the head moved since the last one: `serve` calls
   * this on a timer and at shutdown, and loading data ends with it, so that little of the log is ever
   * unsigned. Returns the checkpoint written, or null when the head was already signed.
   */
  async checkpoint(): Promise<{ seq: number; at: string } | null> {
    const written = await this.database.db.transaction().execute(async (trx) => {
      await this.database.adapter.lockAuditChain(trx);
      const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (!last) return null;
      const seq = Number(last.seq);
      const signed = await trx.selectFrom('audit_checkpoints').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (signed && Number(signed.seq) >= seq) return null;
      const at = nowIso(this.options.clock);
      await this.writeCheckpoint(trx, seq, last.hash, at);
      return { seq, at };
    });
    // only after the commit: a witness ahead of the log would accuse it of a cut that never happened
    if (this.options.headWitnessPath) {
      const head = await this.database.db
        .selectFrom('audit_checkpoints')
        .select(['seq', 'hash', 'at', 'key_id', 'signature'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (head)
        writeHeadWitness(this.options.headWitnessPath, {
          seq: Number(head.seq),
          hash: head.hash,
          at: head.at,
          keyId: head.key_id,
          signature: head.signature,
        });
    }
    return written;
  }

  private async writeCheckpoint(trx: Transaction<DB>, seq: number, hash: string, at: string): Promise<void> {
    const signature = this.signer.sign(checkpointMessage(seq, hash, at));
    await trx.insertInto('audit_checkpoints').values({ seq, at, hash, key_id: this.signer.keyId, signature }).execute();
  }

  /**
   * Lists the signer's public key in the database. The list is a catalogue for people reading the
   * database, not a source of trust: verification trusts keys from outside it (trust.ts).
   */
  async registerSigningKey(): Promise<void> {
    const { db } = this.database;
    const known = await db.selectFrom('signing_keys').select('key_id').where('key_id', '=', this.signer.keyId).executeTakeFirst();
    if (known) return;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('signing_keys')
        .values({ key_id: this.signer.keyId, algorithm: 'SM2', public_key: this.signer.publicKey, created_at: nowIso(this.options.clock) })
        .execute();
      await this.append(trx, [
        {
          actor: { type: 'system', id: null, name: 'system', unitId: null },
          event: { action: 'audit.key_registered', objectType: 'signing_key', objectId: this.signer.keyId },
        },
      ]);
    });
  }
}
