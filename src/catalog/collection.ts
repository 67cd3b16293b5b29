// The collection catalog (采集目录): which department supplies each resource, how, how often and who is
// responsible. Its due dates are what monitoring measures timeliness against.
import type { Kysely, Transaction } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { actorOf, type Principal, type RequestMeta } from '../identity/index.js';
import { newId } from '../platform/crypto/index.js';
import type { CatalogCollectionTable, DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { safeText } from '../platform/http/schemas.js';
import { UPDATE_CYCLES, type ResourceContent } from './model.js';
import { visibleVersion } from './queries.js';
import { loadResource } from './store.js';

export const collectionInputSchema = z
  .object({
    resourceId: z.string().uuid(),
    supplierUnitId: z.string().uuid(),
    method: z.enum(['upload', 'api']),
    frequency: z.enum(UPDATE_CYCLES),
    responsiblePerson: safeText(40),
    contact: z.string().regex(/^[0-9+\- ]{5,20}$/, '联系电话格式不正确 (invalid phone)'),
    startsOn: z.string().date(),
  })
  .strict();
export type CollectionInput = z.infer<typeof collectionInputSchema>;

export interface CollectionView extends CollectionInput {
  id: string;
  resourceCode: string;
  resourceName: string;
  supplierName: string;
  status: string;
  nextDue: string | null;
}

/** The next due date on or after `today` for a cycle starting on `startsOn`; null for real-time and irregular supply. */
export function nextDueDate(frequency: ResourceContent['updateCycle'], startsOn: string, today: string): string | null {
  const months = { monthly: 1, quarterly: 3, yearly: 12 } as Record<string, number>;
  const days = { daily: 1, weekly: 7 } as Record<string, number>;
  const d = new Date(`${startsOn}T00:00:00Z`);
  const t = new Date(`${today}T00:00:00Z`);
  if (days[frequency]) {
    const step = days[frequency]! * 86_400_000;
    const n = Math.max(0, Math.ceil((t.getTime() - d.getTime()) / step));
    return new Date(d.getTime() + n * step).toISOString().slice(0, 10);
  }
  if (months[frequency]) {
    const due = new Date(d);
    // calendar months, clamped to the month's last day (a 31st start is due on the 30th in a 30-day month)
    for (let k = 0; due < t; k++) {
      const m = d.getUTCMonth() + (k + 1) * months[frequency]!;
      const last = new Date(Date.UTC(d.getUTCFullYear(), m + 1, 0)).getUTCDate();
      due.setTime(Date.UTC(d.getUTCFullYear(), m, Math.min(d.getUTCDate(), last)));
    }
    return due.toISOString().slice(0, 10);
  }
  return null;
}

function view(
  row: CatalogCollectionTable & { resource_code: string; resource_name: string; supplier_name: string },
  today: string,
): CollectionView {
  return {
    id: row.id,
    resourceId: row.resource_id,
    resourceCode: row.resource_code,
    resourceName: row.resource_name,
    supplierUnitId: row.supplier_unit_id,
    supplierName: row.supplier_name,
    method: row.method as CollectionInput['method'],
    frequency: row.frequency as CollectionInput['frequency'],
    responsiblePerson: row.responsible_person,
    contact: row.contact,
    startsOn: row.starts_on,
    status: row.status,
    // a retired entry is owed nothing: no due date, so monitoring does not count it late
    nextDue: row.status === 'active' ? nextDueDate(row.frequency as CollectionInput['frequency'], row.starts_on, today) : null,
  };
}

export async function listCollection(
  db: Kysely<DB>,
  p: Principal,
  today: string,
  filter: { supplierUnitId?: string } = {},
): Promise<CollectionView[]> {
  let q = db
    .selectFrom('catalog_collection as c')
    .innerJoin('catalog_resources as r', 'r.id', 'c.resource_id')
    // the resource's name as the reader may see it: an unpublished new version's name only for those who see working copies
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').on((eb) => eb('v.version', '=', visibleVersion(p))))
    .innerJoin('units as u', 'u.id', 'c.supplier_unit_id')
    .selectAll('c')
    .select(['r.code as resource_code', 'v.name as resource_name', 'u.name as supplier_name'])
    .orderBy('r.code');
  // a department sees what it must supply; the platform and the regulator see everything
  if (p.roles.includes('department_staff')) q = q.where('c.supplier_unit_id', '=', p.unitId);
  if (filter.supplierUnitId) q = q.where('c.supplier_unit_id', '=', filter.supplierUnitId);
  return (await q.execute()).map((r) => view(r, today));
}

export async function upsertCollection(ctx: AppContext, p: Principal, input: CollectionInput, meta: RequestMeta = {}): Promise<string> {
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const r = await loadResource(trx, input.resourceId);
    if (r.published_version == null)
      throw conflict('not_published', '只有已发布的资源可以编入采集目录 (only published resources can be collected)');
    if (r.deprecated_at) throw conflict('deprecated', '资源已废止，不再采集 (the resource is deprecated)');
    const supplier = await trx.selectFrom('units').select(['id', 'type']).where('id', '=', input.supplierUnitId).executeTakeFirst();
    if (!supplier) throw badRequest('unit_not_found', '供数单位不存在 (supplier not found)');
    const existing = await trx
      .selectFrom('catalog_collection')
      .select('id')
      .where('resource_id', '=', input.resourceId)
      .where('supplier_unit_id', '=', input.supplierUnitId)
      .executeTakeFirst();
    const now = nowIso(ctx.clock);
    const values = {
      method: input.method,
      frequency: input.frequency,
      responsible_person: input.responsiblePerson,
      contact: input.contact,
      starts_on: input.startsOn,
      status: 'active',
      updated_at: now,
    };
    const id = existing?.id ?? newId();
    if (existing) await trx.updateTable('catalog_collection').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('catalog_collection')
        .values({ id, resource_id: input.resourceId, supplier_unit_id: input.supplierUnitId, created_at: now, ...values })
        .execute();
    trail.record({
      action: existing ? 'catalog.collection.update' : 'catalog.collection.create',
      objectType: 'collection',
      objectId: id,
      details: { resource: r.code, ...input },
    });
    return id;
  });
}

/**
 * A deprecated resource is owed no more data: its active collection entries are retired with it, in the
 * deprecation's transaction, so that monitoring stops expecting supply the aggregation would refuse.
 */
export async function retireCollection(trx: Transaction<DB>, trail: AuditTrail, resourceId: string, now: string): Promise<void> {
  const active = await trx
    .selectFrom('catalog_collection')
    .select(['id', 'supplier_unit_id'])
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'active')
    .execute();
  if (!active.length) return;
  await trx
    .updateTable('catalog_collection')
    .set({ status: 'retired', updated_at: now })
    .where('resource_id', '=', resourceId)
    .where('status', '=', 'active')
    .execute();
  for (const c of active)
    trail.record({
      action: 'catalog.collection.retire',
      objectType: 'collection',
      objectId: c.id,
      details: { resourceId, supplierUnitId: c.supplier_unit_id, reason: 'resource_deprecated', automatic: true },
    });
}

export async function removeCollection(ctx: AppContext, p: Principal, id: string, meta: RequestMeta = {}): Promise<void> {
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const row = await trx.selectFrom('catalog_collection').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('collection_not_found', '采集目录条目不存在 (collection entry not found)');
    await trx
      .updateTable('catalog_collection')
      .set({ status: 'retired', updated_at: nowIso(ctx.clock) })
      .where('id', '=', id)
      .execute();
    trail.record({ action: 'catalog.collection.retire', objectType: 'collection', objectId: id, details: { resourceId: row.resource_id } });
  });
}
