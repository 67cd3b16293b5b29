// Webhooks: a unit registers a URL; events for the unit (a ticket opened, …) are written to the outbox in
// the transaction that caused them, and delivered after commit with retries. Each delivery is signed
// with HMAC-SM3 over the body using the webhook's secret, so the receiver can tell it came from here.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import type { AuditActor, AuditLog } from '../audit/index.js';
import { badRequest, notFound } from '../platform/errors.js';

export const MAX_DELIVERY_ATTEMPTS = 10;
const TIMEOUT_MS = 10_000;

export function signature(secret: string, body: string): string {
  return createHmac('sm3', secret).update(body).digest('hex');
}

function checkUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badRequest('bad_url', 'Webhook 地址不是有效的 URL (not a valid URL)');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw badRequest('bad_url', 'Webhook 地址须为 http 或 https (http or https only)');
  if (u.username || u.password) throw badRequest('bad_url', 'Webhook 地址不得包含用户名或密码 (no credentials in the URL)');
  return u.toString();
}

/** Registers a webhook for the unit; the secret is returned once, here. */
export async function createWebhook(
  db: Kysely<DB>,
  audit: AuditLog,
  actor: AuditActor,
  w: { unitId: string; url: string; userId: string; clock: () => number },
): Promise<{ id: string; url: string; secret: string }> {
  const url = checkUrl(w.url);
  const id = randomUUID();
  const secret = randomBytes(24).toString('hex');
  await audit.transaction(actor, async (trx, trail) => {
    await trx
      .insertInto('webhooks')
      .values({ id, unit_id: w.unitId, url, secret, active: 1, created_by: w.userId, created_at: nowIso(w.clock) })
      .execute();
    trail.record({ action: 'webhook.created', objectType: 'webhook', objectId: id, details: { url } });
  });
  return { id, url, secret };
}

export async function deactivateWebhook(db: Kysely<DB>, audit: AuditLog, actor: AuditActor, unitId: string, id: string): Promise<void> {
  await audit.transaction(actor, async (trx, trail) => {
    const r = await trx
      .updateTable('webhooks')
      .set({ active: 0 })
      .where('id', '=', id)
      .where('unit_id', '=', unitId)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound('webhook_not_found', 'Webhook 不存在 (no such webhook)');
    trail.record({ action: 'webhook.deactivated', objectType: 'webhook', objectId: id });
  });
}

export async function listWebhooks(db: Kysely<DB>, unitId: string) {
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'active', 'created_at'])
    .where('unit_id', '=', unitId)
    .orderBy('created_at', 'desc')
    .execute();
  const out = [];
  for (const h of hooks) {
    const recent = await db
      .selectFrom('outbox')
      .select(['id', 'event', 'status', 'attempts', 'last_error', 'created_at', 'delivered_at'])
      .where('webhook_id', '=', h.id)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute();
    out.push({
      id: h.id,
      url: h.url,
      active: h.active === 1,
      createdAt: h.created_at,
      deliveries: recent.map((d) => ({
        id: d.id,
        event: d.event,
        status: d.status,
        attempts: d.attempts,
        lastError: d.last_error,
        createdAt: d.created_at,
        deliveredAt: d.delivered_at,
      })),
    });
  }
  return out;
}

/**
 * Delivers what is due in the outbox; returns how many were delivered. A failure is retried with
 * exponential back-off (1 minute doubling, at most a day) and given up after MAX_DELIVERY_ATTEMPTS.
 */
export async function deliverOutbox(db: Kysely<DB>, clock: () => number, limit = 20): Promise<number> {
  const now = nowIso(clock);
  const due = await db
    .selectFrom('outbox as o')
    .innerJoin('webhooks as w', 'w.id', 'o.webhook_id')
    .select(['o.id', 'o.event', 'o.payload', 'o.attempts', 'w.url', 'w.secret', 'w.active'])
    .where('o.status', '=', 'pending')
    .where('o.next_attempt_at', '<=', now)
    .orderBy('o.next_attempt_at')
    .limit(limit)
    .execute();
  let delivered = 0;
  for (const d of due) {
    if (d.active !== 1) {
      await db
        .transaction()
        .execute((trx) =>
          trx.updateTable('outbox').set({ status: 'failed', last_error: 'webhook deactivated' }).where('id', '=', d.id).execute(),
        );
      continue;
    }
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-gongshu-event': d.event,
          'x-gongshu-delivery': d.id,
          'x-gongshu-signature': `hmac-sm3=${signature(d.secret, d.payload)}`,
        },
        body: d.payload,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const attempts = d.attempts + 1;
    const wait = Math.min(60_000 * 2 ** (attempts - 1), 86_400_000);
    const outcome = error
      ? {
          status: attempts >= MAX_DELIVERY_ATTEMPTS ? 'failed' : 'pending',
          attempts,
          last_error: error.slice(0, 500),
          next_attempt_at: new Date(clock() + wait).toISOString(),
        }
      : { status: 'delivered', attempts, delivered_at: nowIso(clock), last_error: null };
    // in a transaction: on SQLite a held write lock is waited for asynchronously, not by blocking the loop
    await db.transaction().execute((trx) => trx.updateTable('outbox').set(outcome).where('id', '=', d.id).execute());
    if (!error) delivered += 1;
  }
  return delivered;
}
