// Builds a Principal from a user id: the user, the unit and the roles, as they are now.
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import type { Principal } from './principal.js';
import type { UnitType } from './roles.js';
import { rolesOf } from './users.js';

export async function loadPrincipal(
  db: Kysely<DB>,
  userId: string,
  via: Pick<Principal, 'credential' | 'sessionId'>,
): Promise<Principal | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.unit_id',
      'users.status',
      'users.previous_login_at',
      'users.must_change_password',
      'units.name as unit_name',
      'units.type as unit_type',
      'units.status as unit_status',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.status !== 'active' || row.unit_status !== 'active') return null;
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    unitType: row.unit_type as UnitType,
    roles: await rolesOf(db, row.id),
    // the console shows the login before this one: "last login" as users mean it
    lastLoginAt: row.previous_login_at,
    mustChangePassword: row.must_change_password === 1,
    ...via,
  };
}
