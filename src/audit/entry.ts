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
 * The bytes the hash covers: every column but `hash`, in a fixed order, as a JSON array. Changing
 * this breaks verification of every existing log, so it is versioned by its own shape.
 */
export function entryDigest(row: Omit<AuditRow, 'hash'>): string {
  const encoded = JSON.stringify([
    'gongshu-audit-v1',
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
  return sm3Hex(encoded);
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
