// User accounts: ordinary ones created and disabled by the system administrator; roles given, accounts
// unlocked and the three officers' accounts (system administrator, security administrator, auditor)
// changed by the security administrator alone (三员分立), so that the system administrator cannot
// silence the auditor or the one who oversees him.
import type { Kysely } from 'kysely';
import type { AppContext } from '../app/context.js';
import type { DB, UsersTable } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { hashPassword, newId } from '../platform/crypto/index.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { checkPasswordPolicy } from './password-policy.js';
import { actorOf, scopeOf, type Principal, type RequestMeta } from './principal.js';
import { ROLE_UNIT_TYPES, ROLES, SEPARATED_ROLES, type Role, type UnitType } from './roles.js';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  roles: Role[];
  status: 'active' | 'disabled';
  lockedUntil: string | null;
  lastLoginAt: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}

export async function rolesOf(db: Kysely<DB>, userId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute();
  return rows.map((r) => r.role as Role);
}

async function viewOf(db: Kysely<DB>, u: UsersTable): Promise<UserView> {
  const unit = await db.selectFrom('units').select('name').where('id', '=', u.unit_id).executeTakeFirst();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: unit?.name ?? '',
    roles: await rolesOf(db, u.id),
    status: u.status,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    mustChangePassword: u.must_change_password === 1,
    createdAt: u.created_at,
  };
}

/** A new, active account that has never logged in; `mustChangePassword` when someone else chose its password. */
export function newUserRow(
  a: { id: string; username: string; displayName: string; unitId: string },
  passwordHash: string,
  now: string,
  mustChangePassword: boolean,
): UsersTable {
  return {
    id: a.id,
    username: a.username,
    display_name: a.displayName,
    unit_id: a.unitId,
    password_hash: passwordHash,
    password_changed_at: now,
    status: 'active',
    failed_attempts: 0,
    locked_until: null,
    last_login_at: null,
    previous_login_at: null,
    must_change_password: mustChangePassword ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

export async function listUsers(db: Kysely<DB>, p: Principal, filter: { unitId?: string } = {}): Promise<UserView[]> {
  let q = db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select('units.name as unit_name')
    .orderBy('users.username');
  if (scopeOf(p, 'users.read') !== 'all') q = q.where('users.unit_id', '=', p.unitId);
  if (filter.unitId) q = q.where('users.unit_id', '=', filter.unitId);
  const rows = await q.execute();
  const roles = await db.selectFrom('user_roles').select(['user_id', 'role']).orderBy('role').execute();
  const byUser = new Map<string, Role[]>();
  for (const r of roles) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role as Role]);
  return rows.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    roles: byUser.get(u.id) ?? [],
    status: u.status,
    lockedUntil: u.locked_until,
    lastLoginAt: u.last_login_at,
    mustChangePassword: u.must_change_password === 1,
    createdAt: u.created_at,
  }));
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  password: string;
}

export async function createUser(ctx: AppContext, p: Principal, input: NewUser, meta: RequestMeta = {}): Promise<UserView> {
  checkPasswordPolicy(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw conflict('username_taken', `用户名 ${input.username} 已存在 (user name already exists)`);
    const unit = await trx.selectFrom('units').select(['id', 'status']).where('id', '=', input.unitId).executeTakeFirst();
    if (!unit) throw badRequest('unit_not_found', '所属单位不存在 (unit not found)');
    if (unit.status !== 'active') throw badRequest('unit_disabled', '所属单位已停用 (unit is disabled)');
    const now = nowIso(ctx.clock);
    const row = newUserRow(
      { id: newId(), username: input.username, displayName: input.displayName, unitId: input.unitId },
      passwordHash,
      now,
      // the administrator knows this password: the user replaces it at first login
      true,
    );
    await trx.insertInto('users').values(row).execute();
    trail.record({
      action: 'user.create',
      objectType: 'user',
      objectId: row.id,
      details: { username: row.username, displayName: row.display_name, unitId: row.unit_id },
    });
    return viewOf(trx, row);
  });
}

export interface UserChanges {
  displayName?: string;
  status?: 'active' | 'disabled';
}

/** Whether an account is one of the three officers' (it holds sys_admin, sec_admin or auditor). */
export async function isOfficerAccount(db: Kysely<DB>, userId: string): Promise<boolean> {
  return (await rolesOf(db, userId)).some((r) => SEPARATED_ROLES.includes(r));
}

/** Ordinary accounts need users.manage; the three officers' accounts officers.manage (the security administrator). */
export function assertMayManage(p: Principal, officer: boolean): void {
  if (officer && scopeOf(p, 'officers.manage') === null) {
    throw forbidden(
      'officer_account',
      "三员分立：系统管理员、安全管理员、安全审计员的账号只能由安全管理员修改或停用 (only the security administrator changes the three officers' accounts)",
    );
  }
  if (!officer && scopeOf(p, 'users.manage') === null) {
    throw forbidden('not_officer_account', '普通用户账号由系统管理员管理 (ordinary accounts are managed by the system administrator)');
  }
}

export async function updateUser(
  ctx: AppContext,
  p: Principal,
  id: string,
  changes: UserChanges,
  meta: RequestMeta = {},
): Promise<UserView> {
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('user_not_found', '用户不存在 (user not found)');
    assertMayManage(p, await isOfficerAccount(trx, id));
    if (changes.status === 'disabled' && id === p.userId)
      throw badRequest('cannot_disable_self', '不能停用自己的账号 (you cannot disable your own account)');
    const now = nowIso(ctx.clock);
    const after = {
      ...before,
      display_name: changes.displayName ?? before.display_name,
      status: changes.status ?? before.status,
      updated_at: now,
    };
    await trx
      .updateTable('users')
      .set({ display_name: after.display_name, status: after.status, updated_at: now })
      .where('id', '=', id)
      .execute();
    if (after.status === 'disabled' && before.status !== 'disabled') {
      // a disabled account loses its sessions and credentials at once
      await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
      await trx.updateTable('api_credentials').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    }
    trail.record({
      action: 'user.update',
      objectType: 'user',
      objectId: id,
      details: {
        username: before.username,
        before: { displayName: before.display_name, status: before.status },
        after: { displayName: after.display_name, status: after.status },
      },
    });
    return viewOf(trx, after);
  });
}

export async function unlockUser(ctx: AppContext, p: Principal, id: string, meta: RequestMeta = {}): Promise<void> {
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const user = await trx.selectFrom('users').select(['id', 'username', 'locked_until']).where('id', '=', id).executeTakeFirst();
    if (!user) throw notFound('user_not_found', '用户不存在 (user not found)');
    await trx
      .updateTable('users')
      .set({ locked_until: null, failed_attempts: 0, updated_at: nowIso(ctx.clock) })
      .where('id', '=', id)
      .execute();
    trail.record({
      action: 'user.unlock',
      objectType: 'user',
      objectId: id,
      details: { username: user.username, wasLockedUntil: user.locked_until },
    });
  });
}

/** The separation-of-duties and unit-type rules for a set of roles; throws on the first breach. */
export function checkRoleSet(roles: readonly Role[], unitType: UnitType): void {
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw badRequest('unknown_role', `未知角色：${unknown.join(', ')} (unknown role)`);
  const separated = roles.filter((r) => SEPARATED_ROLES.includes(r));
  if (separated.length > 1) {
    throw conflict('separation_of_duties', `三员分立：系统管理员、安全管理员、安全审计员不得由同一账号兼任 (${separated.join(' + ')})`, {
      roles: separated,
    });
  }
  if (separated.length === 1 && roles.length > 1) {
    throw conflict('separation_of_duties', '三员分立：管理员与审计员账号不得兼任业务角色 (administrative accounts hold no business role)', {
      roles,
    });
  }
  const misplaced = roles.filter((r) => !ROLE_UNIT_TYPES[r].includes(unitType));
  if (misplaced.length)
    throw badRequest(
      'role_unit_mismatch',
      `角色与所属单位类型不符：${misplaced.join(', ')} (role does not fit the unit type ${unitType})`,
      { roles: misplaced, unitType },
    );
}

export async function setUserRoles(ctx: AppContext, p: Principal, id: string, roles: Role[], meta: RequestMeta = {}): Promise<UserView> {
  const wanted = [...new Set(roles)].sort();
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const user = await trx
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .selectAll('users')
      .select('units.type as unit_type')
      .where('users.id', '=', id)
      .executeTakeFirst();
    if (!user) throw notFound('user_not_found', '用户不存在 (user not found)');
    if (id === p.userId) throw forbidden('self_grant', '不能修改自己的角色 (you cannot change your own roles)');
    checkRoleSet(wanted, user.unit_type as UnitType);
    const before = await rolesOf(trx, id);
    const now = nowIso(ctx.clock);
    await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
    if (wanted.length)
      await trx
        .insertInto('user_roles')
        .values(wanted.map((role) => ({ user_id: id, role, granted_by: p.userId, granted_at: now })))
        .execute();
    // changed privileges take effect at once: end the user's sessions
    await trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    trail.record({
      action: 'user.roles.set',
      objectType: 'user',
      objectId: id,
      details: { username: user.username, before, after: wanted },
    });
    const { unit_type: _ignored, ...row } = user;
    return viewOf(trx, row);
  });
}
