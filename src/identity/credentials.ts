// API credentials for machine clients: a key id and a secret shown once, stored as SM3, revocable,
// with the time of last use. A client sends `Authorization: Bearer gsk_<keyId>.<secret>`.
import type { Kysely } from 'kysely';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../app/context.js';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { newId, randomToken, tokenDigest } from '../platform/crypto/index.js';
import { forbidden, notFound } from '../platform/errors.js';
import { actorOf, scopeOf, type Principal, type RequestMeta } from './principal.js';
import { loadPrincipal } from './principal-loader.js';

export const CREDENTIAL_PREFIX = 'gsk_';
const LAST_USED_INTERVAL_MS = 60_000;

export interface CredentialView {
  id: string;
  keyId: string;
  name: string;
  userId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listCredentials(db: Kysely<DB>, p: Principal): Promise<CredentialView[]> {
  let q = db.selectFrom('api_credentials').selectAll().orderBy('created_at', 'desc');
  if (scopeOf(p, 'credentials.revoke_any') !== 'all') q = q.where('user_id', '=', p.userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    keyId: r.key_id,
    name: r.name,
    userId: r.user_id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function createCredential(ctx: AppContext, p: Principal, name: string, meta: RequestMeta = {}) {
  if (p.credential) throw forbidden('credential_cannot_mint', '接口凭证不能再创建凭证 (a credential cannot create credentials)');
  const keyId = randomToken(9);
  const secret = randomToken(32);
  const now = nowIso(ctx.clock);
  const id = newId();
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    await trx
      .insertInto('api_credentials')
      .values({
        id,
        key_id: keyId,
        secret_hash: tokenDigest(secret),
        name,
        user_id: p.userId,
        unit_id: p.unitId,
        created_at: now,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    trail.record({ action: 'credential.create', objectType: 'api_credential', objectId: id, details: { keyId, name } });
  });
  return { id, keyId, name, createdAt: now, secret: `${CREDENTIAL_PREFIX}${keyId}.${secret}` };
}

export async function revokeCredential(ctx: AppContext, p: Principal, id: string, meta: RequestMeta = {}): Promise<void> {
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const row = await trx.selectFrom('api_credentials').selectAll().where('id', '=', id).executeTakeFirst();
    const mayRevokeAny = scopeOf(p, 'credentials.revoke_any') === 'all';
    if (!row || (!mayRevokeAny && row.user_id !== p.userId)) throw notFound('credential_not_found', '凭证不存在 (credential not found)');
    if (!row.revoked_at)
      await trx
        .updateTable('api_credentials')
        .set({ revoked_at: nowIso(ctx.clock) })
        .where('id', '=', id)
        .execute();
    trail.record({
      action: 'credential.revoke',
      objectType: 'api_credential',
      objectId: id,
      details: { keyId: row.key_id, owner: row.user_id },
    });
  });
}

export function looksLikeCredential(token: string): boolean {
  return token.startsWith(CREDENTIAL_PREFIX);
}

/** Resolves `gsk_<keyId>.<secret>` to the owning user's principal, or null. */
export async function authenticateCredential(ctx: AppContext, token: string): Promise<Principal | null> {
  const body = token.slice(CREDENTIAL_PREFIX.length);
  const dot = body.indexOf('.');
  if (dot <= 0) return null;
  const keyId = body.slice(0, dot);
  const secret = body.slice(dot + 1);
  const { db } = ctx.database;
  const row = await db.selectFrom('api_credentials').selectAll().where('key_id', '=', keyId).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const given = Buffer.from(tokenDigest(secret));
  const stored = Buffer.from(row.secret_hash);
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return null;
  const principal = await loadPrincipal(db, row.user_id, { credential: { id: row.id, keyId }, sessionId: null });
  if (!principal) return null;
  if (!row.last_used_at || ctx.clock() - Date.parse(row.last_used_at) >= LAST_USED_INTERVAL_MS) {
    await ctx.database.touch((d) =>
      d
        .updateTable('api_credentials')
        .set({ last_used_at: nowIso(ctx.clock) })
        .where('id', '=', row.id)
        .execute(),
    );
  }
  return principal;
}
