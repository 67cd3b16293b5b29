// Telling a unit about something: a console notification, and one outbox message per active webhook of
// the unit, both in the caller's transaction so that they exist exactly when the event does. Delivery
// happens after commit (outbox.ts), with retries.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';

export interface UnitEvent {
  unitId: string;
  kind: string;
  title: string;
  link: string | null;
  payload: Record<string, unknown>;
  now: string;
}

export async function notifyUnit(trx: Transaction<DB>, e: UnitEvent): Promise<void> {
  await trx
    .insertInto('notifications')
    .values({ id: randomUUID(), unit_id: e.unitId, kind: e.kind, title: e.title, link: e.link, created_at: e.now, read_at: null })
    .execute();
  const hooks = await trx.selectFrom('webhooks').select('id').where('unit_id', '=', e.unitId).where('active', '=', 1).execute();
  for (const h of hooks)
    await trx
      .insertInto('outbox')
      .values({
        id: randomUUID(),
        webhook_id: h.id,
        event: e.kind,
        payload: JSON.stringify({ event: e.kind, title: e.title, link: e.link, at: e.now, ...e.payload }),
        status: 'pending',
        attempts: 0,
        next_attempt_at: e.now,
        last_error: null,
        created_at: e.now,
        delivered_at: null,
      })
      .execute();
}
