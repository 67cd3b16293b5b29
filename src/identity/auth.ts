// Password login with lock-out, console sessions with idle and absolute expiry, logout, password change.
import type { AppContext } from '../app/context.js';
import { addMinutes, nowIso, shanghaiTime } from '../platform/db/index.js';
import { dummyPasswordHash, hashPassword, randomToken, tokenDigest, verifyPassword } from '../platform/crypto/index.js';
import { badRequest, locked, unauthorized } from '../platform/errors.js';
import { checkPasswordPolicy } from './password-policy.js';
import { actorOf, type Principal, type RequestMeta } from './principal.js';
import { loadPrincipal } from './principal-loader.js';
import { PhantomLockouts } from './phantom-lockout.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
/** last_seen_at is written at most this often, so that reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

const BAD_CREDENTIALS = '用户名或密码错误 (wrong user name or password)';

/** Unknown names lock like accounts (see phantom-lockout.ts); one set per database the server runs on. */
const phantoms = new WeakMap<object, PhantomLockouts>();
function phantomsOf(ctx: AppContext): PhantomLockouts {
  let p = phantoms.get(ctx.database);
  if (!p) phantoms.set(ctx.database, (p = new PhantomLockouts(MAX_FAILED_ATTEMPTS, LOCKOUT_MINUTES)));
  return p;
}

/** The one answer to a locked name, real account or not: 423 and until when. */
function lockedError(until: string) {
  return locked(
    'account_locked',
    `账号已锁定，请于北京时间 ${shanghaiTime(until)} 后再试或联系安全管理员 (account locked until ${until})`,
    {
      lockedUntil: until,
    },
  );
}

export interface LoginResult {
  token: string;
  principal: Principal;
  expiresAt: string;
}

export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  meta: RequestMeta & { userAgent?: string | null } = {},
): Promise<LoginResult> {
  const { db } = ctx.database;
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const now = nowIso(ctx.clock);
  const anonymous = { type: 'user' as const, id: user?.id ?? null, name: username.slice(0, 64), unitId: user?.unit_id ?? null, ...meta };

  if (!user) {
    // an unknown name answers exactly as an account would, lock-out included: no user enumeration
    const phantom = phantomsOf(ctx);
    const lockedUntil = phantom.lockedUntil(username, now);
    if (lockedUntil) {
      await ctx.audit.record(anonymous, {
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: 'locked', unknownUser: true, lockedUntil },
      });
      throw lockedError(lockedUntil);
    }
    await verifyPassword(password, await dummyPasswordHash()); // same time as a real check
    const failed = phantom.fail(username, now);
    await ctx.audit.record(
      anonymous,
      { action: 'auth.login', outcome: 'failure', details: { reason: 'unknown_user', failedAttempts: failed.failures } },
      ...(failed.lockedUntil
        ? [
            {
              action: 'auth.lockout',
              outcome: 'success' as const,
              details: { unknownUser: true, lockedUntil: failed.lockedUntil, after: MAX_FAILED_ATTEMPTS },
            },
          ]
        : []),
    );
    throw unauthorized('invalid_credentials', BAD_CREDENTIALS);
  }
  if (user.locked_until && user.locked_until > now) {
    await ctx.audit.record(anonymous, {
      action: 'auth.login',
      objectType: 'user',
      objectId: user.id,
      outcome: 'denied',
      details: { reason: 'locked', lockedUntil: user.locked_until },
    });
    throw lockedError(user.locked_until);
  }
  const passwordOk = await verifyPassword(password, user.password_hash);
  if (!passwordOk || user.status !== 'active') {
    const reason = passwordOk ? 'disabled' : 'wrong_password';
    await ctx.audit.transaction(anonymous, async (trx, trail) => {
      if (!passwordOk) {
        const updated = await trx
          .updateTable('users')
          .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
          .where('id', '=', user.id)
          .returning('failed_attempts')
          .executeTakeFirstOrThrow();
        trail.record({
          action: 'auth.login',
          objectType: 'user',
          objectId: user.id,
          outcome: 'failure',
          details: { reason, failedAttempts: updated.failed_attempts },
        });
        if (updated.failed_attempts >= MAX_FAILED_ATTEMPTS) {
          const until = addMinutes(now, LOCKOUT_MINUTES);
          await trx.updateTable('users').set({ locked_until: until, failed_attempts: 0 }).where('id', '=', user.id).execute();
          trail.record({
            action: 'auth.lockout',
            objectType: 'user',
            objectId: user.id,
            outcome: 'success',
            details: { lockedUntil: until, after: MAX_FAILED_ATTEMPTS },
          });
        }
      } else {
        trail.record({ action: 'auth.login', objectType: 'user', objectId: user.id, outcome: 'failure', details: { reason } });
      }
    });
    throw unauthorized('invalid_credentials', BAD_CREDENTIALS);
  }

  // 等保 2.0 periodic change, when the operator turned it on: an old password must be replaced now
  const expired = passwordExpired(user.password_changed_at, now, ctx.config.passwordMaxDays);
  const token = randomToken();
  const sessionId = tokenDigest(token);
  const expiresAt = addMinutes(now, ctx.config.sessionAbsoluteHours * 60);
  const principal = await ctx.audit.transaction(anonymous, async (trx, trail) => {
    await trx
      .updateTable('users')
      .set({
        failed_attempts: 0,
        locked_until: null,
        last_login_at: now,
        previous_login_at: user.last_login_at,
        ...(expired ? { must_change_password: 1 } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 256) ?? null,
        revoked_at: null,
      })
      .execute();
    const p = await loadPrincipal(trx, user.id, { credential: null, sessionId });
    if (!p) throw unauthorized('invalid_credentials', BAD_CREDENTIALS); // unit disabled
    trail.record(
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: user.id,
        outcome: 'success',
        details: {
          session: sessionId.slice(0, 16),
          ...(p.mustChangePassword ? { mustChangePassword: true } : {}),
          ...(expired ? { passwordExpired: true } : {}),
        },
      },
      actorOf(p, meta),
    );
    return p;
  });
  return { token, principal, expiresAt };
}

/** Whether a password set at `changedAt` is past its maximum age (`maxDays` 0: passwords do not expire). */
export function passwordExpired(changedAt: string, now: string, maxDays: number): boolean {
  return maxDays > 0 && Date.parse(now) - Date.parse(changedAt) >= maxDays * 86_400_000;
}

/** A refused token names the session's user when there is one (an expired session), for the audit log. */
export type SessionCheck = { principal: Principal } | { error: 'session_expired' | 'invalid_token'; userId?: string };

/** Resolves a session token; expired or revoked sessions are refused, and idle expiry slides. */
export async function authenticateSession(ctx: AppContext, token: string): Promise<SessionCheck> {
  const { db } = ctx.database;
  const id = tokenDigest(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session || session.revoked_at) return { error: 'invalid_token' };
  const nowMs = ctx.clock();
  const idleDeadline = Date.parse(session.last_seen_at) + ctx.config.sessionIdleMinutes * 60_000;
  if (nowMs >= Date.parse(session.expires_at) || nowMs >= idleDeadline) return { error: 'session_expired', userId: session.user_id };
  const principal = await loadPrincipal(db, session.user_id, { credential: null, sessionId: id });
  if (!principal) return { error: 'invalid_token', userId: session.user_id }; // user or unit disabled
  if (nowMs - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
    // bookkeeping of the session itself, not a change of data: not audited, and skipped (tried again on
    // a later request) while a long batch holds SQLite's write lock
    await ctx.database.touch((d) =>
      d
        .updateTable('sessions')
        .set({ last_seen_at: nowIso(ctx.clock) })
        .where('id', '=', id)
        .execute(),
    );
  }
  return { principal };
}

export async function logout(ctx: AppContext, p: Principal, meta: RequestMeta = {}): Promise<void> {
  if (!p.sessionId) return;
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: nowIso(ctx.clock) })
      .where('id', '=', p.sessionId!)
      .execute();
    trail.record({ action: 'auth.logout', objectType: 'user', objectId: p.userId, details: { session: p.sessionId!.slice(0, 16) } });
  });
}

export async function changePassword(ctx: AppContext, p: Principal, current: string, next: string, meta: RequestMeta = {}): Promise<void> {
  const { db } = ctx.database;
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', p.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.password_hash))) {
    await ctx.audit.record(actorOf(p, meta), {
      action: 'auth.password.change',
      objectType: 'user',
      objectId: p.userId,
      outcome: 'failure',
      details: { reason: 'wrong_current_password' },
    });
    throw unauthorized('invalid_credentials', '当前密码错误 (current password is wrong)');
  }
  checkPasswordPolicy(next, p.username);
  if (await verifyPassword(next, user.password_hash))
    throw badRequest('weak_password', '新密码不能与当前密码相同 (the new password must differ from the current one)');
  const hash = await hashPassword(next);
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const now = nowIso(ctx.clock);
    await trx
      .updateTable('users')
      .set({ password_hash: hash, password_changed_at: now, must_change_password: 0, updated_at: now })
      .where('id', '=', p.userId)
      .execute();
    // other sessions of this user end; the current one stays
    let others = trx.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', p.userId).where('revoked_at', 'is', null);
    if (p.sessionId) others = others.where('id', '!=', p.sessionId);
    await others.execute();
    trail.record({
      action: 'auth.password.change',
      objectType: 'user',
      objectId: p.userId,
      ...(p.mustChangePassword ? { details: { wasRequired: true } } : {}),
    });
  });
}
