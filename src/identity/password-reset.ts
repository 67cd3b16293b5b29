// Administrator password reset: a random temporary password, shown once to the administrator, that the
// user must replace at the next login. The system administrator resets ordinary accounts, the security
// administrator the three officers' (三员分立, as for PATCH /users and /officers). Unlocking is separate.
import type { AppContext } from '../app/context.js';
import { nowIso } from '../platform/db/index.js';
import { hashPassword } from '../platform/crypto/index.js';
import { badRequest, notFound } from '../platform/errors.js';
import { randomPassword } from './first-install.js';
import { checkPasswordPolicy } from './password-policy.js';
import { actorOf, type Principal, type RequestMeta } from './principal.js';
import { assertMayManage, isOfficerAccount } from './users.js';

export interface PasswordReset {
  userId: string;
  username: string;
  /** shown once; only its hash is stored, and it is never written to the audit log */
  temporaryPassword: string;
  sessionsEnded: number;
}

/** A random password the policy accepts for this user name (a short name could, rarely, appear in it). */
function temporaryPasswordFor(username: string): string {
  for (;;) {
    const candidate = randomPassword();
    try {
      checkPasswordPolicy(candidate, username);
      return candidate;
    } catch {
      // draw again
    }
  }
}

export async function resetPassword(ctx: AppContext, p: Principal, id: string, meta: RequestMeta = {}): Promise<PasswordReset> {
  // hashed before the transaction opens, so that scrypt does not hold SQLite's write lock
  const known = await ctx.database.db.selectFrom('users').select('username').where('id', '=', id).executeTakeFirst();
  const temporaryPassword = temporaryPasswordFor(known?.username ?? '');
  const hash = await hashPassword(temporaryPassword);
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const user = await trx.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
    if (!user || user.username !== known?.username) throw notFound('user_not_found', '用户不存在 (user not found)');
    // the same split as PATCH /users/:id and /officers/:id: a 403 for the other officer
    const officer = await isOfficerAccount(trx, id);
    assertMayManage(p, officer);
    if (id === p.userId) throw badRequest('cannot_reset_self', '请在个人中心修改自己的密码 (change your own password in your profile)');
    const now = nowIso(ctx.clock);
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, must_change_password: 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    // whoever held the old password is logged out everywhere
    const ended = await trx
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const sessionsEnded = Number(ended.numUpdatedRows);
    trail.record({
      action: 'user.password.reset',
      objectType: 'user',
      objectId: id,
      details: { username: user.username, officer, sessionsEnded },
    });
    return { userId: id, username: user.username, temporaryPassword, sessionsEnded };
  });
}
