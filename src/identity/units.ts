// Units (organisations): the regulator, supervised units, departments, developers, assessors, authorities.
import type { Kysely } from 'kysely';
import type { AppContext } from '../app/context.js';
import type { DB, UnitsTable } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { newId } from '../platform/crypto/index.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { actorOf, scopeOf, type Principal, type RequestMeta } from './principal.js';
import { SEPARATED_ROLES, type UnitType } from './roles.js';

export interface UnitView {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  status: 'active' | 'disabled';
  createdAt: string;
}

export const unitView = (u: UnitsTable): UnitView => ({
  id: u.id,
  code: u.code,
  name: u.name,
  type: u.type,
  parentId: u.parent_id,
  status: u.status,
  createdAt: u.created_at,
});

export async function listUnits(db: Kysely<DB>, p: Principal, filter: { type?: string } = {}): Promise<UnitView[]> {
  let q = db.selectFrom('units').selectAll().orderBy('code');
  if (scopeOf(p, 'units.read') !== 'all') q = q.where('id', '=', p.unitId);
  if (filter.type) q = q.where('type', '=', filter.type);
  return (await q.execute()).map(unitView);
}

export interface NewUnit {
  code: string;
  name: string;
  type: UnitType;
  parentId?: string | null;
}

async function assertParent(db: Kysely<DB>, parentId: string | null | undefined, selfId?: string) {
  if (!parentId) return;
  if (parentId === selfId) throw badRequest('invalid_parent', '上级单位不能是自身 (a unit cannot be its own parent)');
  const parent = await db.selectFrom('units').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw badRequest('invalid_parent', '上级单位不存在 (parent unit not found)');
  // walk up from the new parent: meeting the unit itself would close a cycle
  const seen = new Set<string>();
  for (let id: string | null = parentId; id;) {
    if (id === selfId) throw badRequest('invalid_parent', '上级单位不能是本单位的下级 (that would make a cycle of parent units)');
    if (seen.has(id)) break;
    seen.add(id);
    id = (await db.selectFrom('units').select('parent_id').where('id', '=', id).executeTakeFirst())?.parent_id ?? null;
  }
}

export async function createUnit(ctx: AppContext, p: Principal, input: NewUnit, meta: RequestMeta = {}): Promise<UnitView> {
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const existing = await trx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst();
    if (existing) throw conflict('unit_code_taken', `单位编码 ${input.code} 已存在 (unit code already exists)`);
    await assertParent(trx, input.parentId);
    const now = nowIso(ctx.clock);
    const row: UnitsTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      type: input.type,
      parent_id: input.parentId ?? null,
      status: 'active',
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('units').values(row).execute();
    trail.record({
      action: 'unit.create',
      objectType: 'unit',
      objectId: row.id,
      details: { code: row.code, name: row.name, type: row.type, parentId: row.parent_id },
    });
    return unitView(row);
  });
}

export interface UnitChanges {
  name?: string;
  status?: 'active' | 'disabled';
  parentId?: string | null;
}

export async function updateUnit(
  ctx: AppContext,
  p: Principal,
  id: string,
  changes: UnitChanges,
  meta: RequestMeta = {},
): Promise<UnitView> {
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const before = await trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('unit_not_found', '单位不存在 (unit not found)');
    if (changes.parentId !== undefined) await assertParent(trx, changes.parentId, id);
    if (changes.status === 'disabled' && id === p.unitId) {
      throw badRequest(
        'cannot_disable_own_unit',
        '不能停用自己所在的单位 (you cannot disable your own unit: it would lock out its administrators)',
      );
    }
    // disabling a unit shuts out its accounts: the system administrator may not shut out an officer
    // (the auditor in the regulator, say) that way either (三员分立)
    if (changes.status === 'disabled' && before.status !== 'disabled') {
      const officer = await trx
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select('users.username')
        .where('users.unit_id', '=', id)
        .where('user_roles.role', 'in', [...SEPARATED_ROLES])
        .executeTakeFirst();
      if (officer) {
        throw forbidden(
          'unit_holds_officer',
          `三员分立：该单位有系统管理员、安全管理员或安全审计员账号（${officer.username}），不能停用 (the unit holds an officer's account)`,
          { username: officer.username },
        );
      }
    }
    const after: UnitsTable = {
      ...before,
      name: changes.name ?? before.name,
      status: changes.status ?? before.status,
      parent_id: changes.parentId !== undefined ? changes.parentId : before.parent_id,
      updated_at: nowIso(ctx.clock),
    };
    await trx
      .updateTable('units')
      .set({ name: after.name, status: after.status, parent_id: after.parent_id, updated_at: after.updated_at })
      .where('id', '=', id)
      .execute();
    trail.record({
      action: 'unit.update',
      objectType: 'unit',
      objectId: id,
      details: { before: unitView(before), after: unitView(after) },
    });
    return unitView(after);
  });
}

export interface UnitDirectoryEntry {
  id: string;
  code: string;
  name: string;
  type: string;
}

export async function unitDirectory(db: Kysely<DB>): Promise<UnitDirectoryEntry[]> {
  return db.selectFrom('units').select(['id', 'code', 'name', 'type']).where('status', '=', 'active').orderBy('code').execute();
}
