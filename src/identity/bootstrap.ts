// Writes units, accounts and roles in bulk, in one audited transaction: for the demo city and for
// setting up a new installation's first administrators. Role sets obey the same rules as the API.
import type { AppContext } from '../app/context.js';
import type { AuditActor } from '../audit/index.js';
import { nowIso } from '../platform/db/index.js';
import { hashPassword } from '../platform/crypto/index.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { Role, UnitType } from './roles.js';
import { checkRoleSet, newUserRow } from './users.js';

export interface UnitSpec {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  parentId?: string | null;
}

export interface AccountSpec {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
}

export async function bootstrapIdentity(
  ctx: AppContext,
  actor: AuditActor,
  units: UnitSpec[],
  accounts: AccountSpec[],
  password: string,
  /** units already in the database that the accounts may belong to */
  existingUnits: UnitSpec[] = [],
  /** a password someone else will hand over (a new installation's) is replaced at first login; the demo's is not */
  opts: { mustChangePassword?: boolean } = {},
): Promise<void> {
  const unitType = new Map([...existingUnits, ...units].map((u) => [u.id, u.type]));
  for (const a of accounts) {
    checkPasswordPolicy(password, a.username);
    checkRoleSet(a.roles, unitType.get(a.unitId)!);
  }
  const passwordHash = await hashPassword(password);
  await ctx.audit.transaction(actor, async (trx, trail) => {
    const now = nowIso(ctx.clock);
    for (const u of units) {
      await trx
        .insertInto('units')
        .values({
          id: u.id,
          code: u.code,
          name: u.name,
          type: u.type,
          parent_id: u.parentId ?? null,
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
      trail.record({
        action: 'unit.create',
        objectType: 'unit',
        objectId: u.id,
        details: { code: u.code, name: u.name, type: u.type, parentId: u.parentId ?? null },
      });
    }
    for (const a of accounts) {
      await trx
        .insertInto('users')
        .values(newUserRow(a, passwordHash, now, opts.mustChangePassword ?? false))
        .execute();
      trail.record({
        action: 'user.create',
        objectType: 'user',
        objectId: a.id,
        details: { username: a.username, displayName: a.displayName, unitId: a.unitId },
      });
      if (a.roles.length) {
        await trx
          .insertInto('user_roles')
          .values(a.roles.map((role) => ({ user_id: a.id, role, granted_by: null, granted_at: now })))
          .execute();
        trail.record({
          action: 'user.roles.set',
          objectType: 'user',
          objectId: a.id,
          details: { username: a.username, before: [], after: a.roles },
        });
      }
    }
  });
}
