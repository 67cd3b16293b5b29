// A durable job queue in the database. A job is claimed under a lease; a process that dies leaves its
// lease behind, and the job is claimed again when the lease runs out — or at once when the owner was a
// process on this host that no longer exists. Handlers must therefore be safe to run again: the batch
// handler does all its writing in one transaction, so a second run starts from a clean store.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely, Transaction } from 'kysely';
import type { DB, JobsTable } from '../db/index.js';
import { nowIso } from '../db/index.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type Job = JobsTable;

export const DEFAULT_LEASE_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 3;

/** Who holds a lease: `<role>:<host>:<pid>`, so a process on the same host can tell a dead owner. */
export function ownerId(role: string): string {
  return `${role}:${hostname()}:${process.pid}`;
}

/** For an owner on this host, whether its process is alive; null when it cannot be told (another host). */
function ownerAlive(owner: string | null): boolean | null {
  if (!owner) return false;
  const [, host, pid] = owner.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return null;
  if (Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * A running job may be taken over when its owner is gone: on this host the process table says so
 * (a live owner keeps its job however long it runs); for an owner elsewhere, its lease has run out.
 */
function abandoned(job: Job, now: string): boolean {
  const alive = ownerAlive(job.lease_owner);
  return alive === null ? (job.lease_until ?? '') < now : !alive;
}

/** Adds a job inside the caller's transaction, so it exists exactly when the change that needs it commits. */
export async function enqueue(
  trx: Transaction<DB>,
  job: { kind: string; refId: string; clock: () => number; claimedBy?: string; leaseMs?: number },
): Promise<string> {
  const id = randomUUID();
  const now = nowIso(job.clock);
  await trx
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      ref_id: job.refId,
      status: job.claimedBy ? 'running' : 'queued',
      attempts: job.claimedBy ? 1 : 0,
      lease_owner: job.claimedBy ?? null,
      lease_until: job.claimedBy ? new Date(job.clock() + (job.leaseMs ?? DEFAULT_LEASE_MS)).toISOString() : null,
      run_after: now,
      error: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** The job of this kind for this object, newest first. */
export async function jobFor(db: Kysely<DB>, kind: string, refId: string): Promise<Job | null> {
  return (
    (await db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('ref_id', '=', refId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst()) ?? null
  );
}

/**
 * Claims a job: the given one, or the oldest runnable of the kinds. Runnable: queued, or running under
 * a lease that ran out or whose owner is gone. Returns null when there is none (or another won it).
 */
export async function claim(
  db: Kysely<DB>,
  opts: {
    owner: string;
    clock: () => number;
    kinds?: string[];
    jobId?: string;
    leaseMs?: number;
    /** Called for a job that has failed MAX_ATTEMPTS times (each a crash), after it is marked failed. */
    onGiveUp?: (job: Job) => Promise<void>;
  },
): Promise<Job | null> {
  const now = nowIso(opts.clock);
  let q = db
    .selectFrom('jobs')
    .selectAll()
    .where((w) => w.or([w('status', '=', 'queued'), w('status', '=', 'running')]))
    .where('run_after', '<=', now);
  if (opts.jobId) q = q.where('id', '=', opts.jobId);
  if (opts.kinds) q = q.where('kind', 'in', opts.kinds);
  const candidates = await q.orderBy('created_at').limit(20).execute();
  for (const c of candidates) {
    const stale = c.status === 'running' && abandoned(c, now);
    if (c.status === 'running' && !stale && c.lease_owner !== opts.owner) continue;
    if (c.attempts >= MAX_ATTEMPTS) {
      await finish(db, c.id, 'failed', opts.clock, `gave up after ${c.attempts} attempts`);
      await opts.onGiveUp?.(c);
      continue;
    }
    // compare-and-set on what we read: only one claimant wins. In a transaction, so that on SQLite a
    // held write lock (a batch running elsewhere) is waited for asynchronously, never by blocking the loop.
    const won = await db.transaction().execute((trx) =>
      trx
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts: c.attempts + 1,
          lease_owner: opts.owner,
          lease_until: new Date(opts.clock() + (opts.leaseMs ?? DEFAULT_LEASE_MS)).toISOString(),
          updated_at: now,
        })
        .where('id', '=', c.id)
        .where('status', '=', c.status)
        .where('attempts', '=', c.attempts)
        .executeTakeFirst(),
    );
    if (Number(won.numUpdatedRows) === 1) return { ...c, status: 'running', attempts: c.attempts + 1, lease_owner: opts.owner };
  }
  return null;
}

export async function finish(db: Kysely<DB>, id: string, status: 'done' | 'failed', clock: () => number, error?: string): Promise<void> {
  await db.transaction().execute((trx) =>
    trx
      .updateTable('jobs')
      .set({ status, error: error ?? null, lease_owner: null, lease_until: null, updated_at: nowIso(clock) })
      .where('id', '=', id)
      .execute(),
  );
}

/** Extends a running job's lease (a long batch, so that owners on other hosts do not take it over). */
export async function renewLease(
  db: Kysely<DB>,
  id: string,
  owner: string,
  clock: () => number,
  leaseMs = DEFAULT_LEASE_MS,
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lease_until: new Date(clock() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'running')
    .execute();
}
