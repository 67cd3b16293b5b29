// Reading the audit log: filters, pagination and export rows. Only the auditor's routes call this.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB } from '../platform/db/index.js';

export interface AuditFilter {
  actor?: string; // user name, or actor id
  unitId?: string;
  action?: string; // exact, or a prefix ending in "." or "*" ("auth." matches auth.login, auth.logout…)
  objectType?: string;
  objectId?: string;
  outcome?: 'success' | 'denied' | 'failure';
  from?: string; // ISO time, inclusive
  to?: string; // ISO time, exclusive
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: unknown;
  prevHash: string;
  hash: string;
}

type AuditQuery = SelectQueryBuilder<DB, 'audit_log', object>;

function applyFilter(q: AuditQuery, f: AuditFilter): AuditQuery {
  if (f.actor) q = q.where((eb) => eb.or([eb('audit_log.actor_name', '=', f.actor!), eb('audit_log.actor_id', '=', f.actor!)]));
  if (f.unitId) q = q.where('audit_log.unit_id', '=', f.unitId);
  if (f.action) {
    const prefix = f.action.endsWith('*') ? f.action.slice(0, -1) : f.action.endsWith('.') ? f.action : null;
    q = prefix !== null ? q.where('audit_log.action', 'like', `${escapeLike(prefix)}%`) : q.where('audit_log.action', '=', f.action);
  }
  if (f.objectType) q = q.where('audit_log.object_type', '=', f.objectType);
  if (f.objectId) q = q.where('audit_log.object_id', '=', f.objectId);
  if (f.outcome) q = q.where('audit_log.outcome', '=', f.outcome);
  if (f.from) q = q.where('audit_log.at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('audit_log.at', '<', new Date(f.to).toISOString());
  return q;
}

/** Action names are our own dotted identifiers: LIKE wildcards in a filter are dropped, not obeyed. */
function escapeLike(s: string): string {
  return s.replace(/[%_\\]/g, '');
}

function toView(r: DB['audit_log'] & { unit_name: string | null }): AuditEntryView {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    outcome: r.outcome,
    ip: r.ip,
    requestId: r.request_id,
    details: JSON.parse(r.details),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function base(db: Kysely<DB>) {
  return db.selectFrom('audit_log');
}

export async function countEntries(db: Kysely<DB>, f: AuditFilter): Promise<number> {
  const r = await applyFilter(base(db), f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listEntries(db: Kysely<DB>, f: AuditFilter, page: number, pageSize: number): Promise<AuditEntryView[]> {
  const rows = await applyFilter(base(db), f)
    .leftJoin('units', 'units.id', 'audit_log.unit_id')
    .selectAll('audit_log')
    .select('units.name as unit_name')
    .orderBy('audit_log.seq', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return rows.map(toView);
}

/** Every matching entry, oldest first, in pages: for exports of any size without holding them all. */
export async function* streamEntries(db: Kysely<DB>, f: AuditFilter, pageSize = 2000): AsyncGenerator<AuditEntryView> {
  let after = 0;
  for (;;) {
    const rows = await applyFilter(base(db), f)
      .leftJoin('units', 'units.id', 'audit_log.unit_id')
      .selectAll('audit_log')
      .select('units.name as unit_name')
      .where('audit_log.seq', '>', after)
      .orderBy('audit_log.seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield toView(r);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}
