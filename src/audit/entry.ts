// The shape of an audit entry and the canonical encoding that its SM3 hash covers.
import { canonicalJson, sm3Hex } from '../platform/crypto/index.js';
import type { AuditLogTable } from '../platform/db/index.js';

export const GENESIS_HASH = '0'.repeat(64);

export type Outcome = 'success' | 'denied' | 'failure';

/** Who acted and from where: the same for every entry a request writes. */
export interface AuditActor {
  type: 'user' | 'credential' | 'system';
  id: string | null;
  name: string | null;
  unitId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

/** What happened. */
export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: Outcome;
  details?: Record<string, unknown>;
}

export type AuditRow = AuditLogTable;

export const SYSTEM_ACTOR: AuditActor = { type: 'system', id: null, name: 'system', unitId: null };

/**
 * The columns the hash covers, in their order: every column but `hash`. Changing this breaks
 * verification of every existing log, so it is versioned by the tag before them.
 */
export const HASHED_COLUMNS = [
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'actor_name',
  'unit_id',
  'action',
  'object_type',
  'object_id',
  'outcome',
  'ip',
  'request_id',
  'details',
  'prev_hash',
] as const satisfies readonly (keyof AuditRow)[];

const TAG = 'gongshu-audit-v1';

/** The hash of an entry: SM3 over entryDigestInput. */
export function entryDigest(row: Omit<AuditRow, 'hash'>): string {
  return sm3Hex(entryDigestInput(row));
}

/** The bytes the hash covers: HASHED_COLUMNS' values as a JSON array after the version tag. */
export function entryDigestInput(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    TAG,
    row.seq,
    row.at,
    row.actor_type,
    row.actor_id,
    row.actor_name,
    row.unit_id,
    row.action,
    row.object_type,
    row.object_id,
    row.outcome,
    row.ip,
    row.request_id,
    row.details,
    row.prev_hash,
  ]);
}

/**
 * The same hash of a row read as an array in HASHED_COLUMNS order (verification reads arrays: no
 * object per row), with its sequence as a number. Spelled out, not mapped, because it runs per entry.
 */
export function digestOfValues(r: readonly unknown[], seq: number): string {
  return sm3Hex(JSON.stringify([TAG, seq, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13]]));
}

export function buildRow(seq: number, prevHash: string, at: string, actor: AuditActor, event: AuditEvent): AuditRow {
  const base = {
    seq,
    at,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_name: actor.name,
    unit_id: actor.unitId,
    action: event.action,
    object_type: event.objectType ?? null,
    object_id: event.objectId ?? null,
    outcome: event.outcome ?? 'success',
    ip: actor.ip ?? null,
    request_id: actor.requestId ?? null,
    details: canonicalJson(event.details ?? {}),
    prev_hash: prevHash,
  };
  return { ...base, hash: entryDigest(base) };
}
