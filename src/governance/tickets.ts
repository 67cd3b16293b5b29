// Tickets (问题工单, R3.1.7): a batch's problem records grouped and dispatched to the producing unit with
// a deadline. States: open → in_correction → resolved, or disputed (the producer contests it, the
// platform decides); a ticket past its deadline and not resolved reads as overdue, for supervision.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import type { DB, TicketsTable } from '../platform/db/index.js';
import { notifyUnit } from './notify.js';

export const TICKET_STATUSES = ['open', 'in_correction', 'resolved', 'disputed', 'overdue'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketKind = 'quality' | 'consistency';

/** What a reader sees: a stored open/in-correction ticket past its deadline is overdue. */
export function effectiveStatus(t: Pick<TicketsTable, 'status' | 'deadline'>, now: string): TicketStatus {
  if ((t.status === 'open' || t.status === 'in_correction') && t.deadline < now) return 'overdue';
  return t.status as TicketStatus;
}

/**
 * Opens a ticket for the batch's open problem records that have none yet; returns its id, or null when
 * there is nothing to dispatch. Runs in the transaction that saved the problems.
 */
export async function openTicket(
  trx: Transaction<DB>,
  t: { batchId: string; resourceId: string; resourceName: string; unitId: string; kind: TicketKind; now: string; deadlineDays: number },
): Promise<string | null> {
  const pending = await trx
    .selectFrom('problem_records')
    .select(sql<number>`count(*)`.as('n'))
    .where('batch_id', '=', t.batchId)
    .where('unit_id', '=', t.unitId)
    .where('status', '=', 'open')
    .where('ticket_id', 'is', null)
    .executeTakeFirstOrThrow();
  const n = Number(pending.n);
  if (n === 0) return null;
  const id = randomUUID();
  const deadline = new Date(Date.parse(t.now) + t.deadlineDays * 86_400_000).toISOString();
  await trx
    .insertInto('tickets')
    .values({
      id,
      resource_id: t.resourceId,
      unit_id: t.unitId,
      batch_id: t.batchId,
      kind: t.kind,
      status: 'open',
      deadline,
      records_total: n,
      records_open: n,
      dispute_reason: null,
      created_at: t.now,
      updated_at: t.now,
      resolved_at: null,
    })
    .execute();
  await trx
    .updateTable('problem_records')
    .set({ ticket_id: id })
    .where('batch_id', '=', t.batchId)
    .where('unit_id', '=', t.unitId)
    .where('status', '=', 'open')
    .where('ticket_id', 'is', null)
    .execute();
  const what = t.kind === 'quality' ? '质量问题' : '与权威来源不一致';
  await notifyUnit(trx, {
    unitId: t.unitId,
    kind: 'ticket.opened',
    title: `「${t.resourceName}」有 ${n} 条${what}数据待更正 (${n} problem records to correct)`,
    link: `/governance/tickets/${id}`,
    payload: { ticket: id, batch: t.batchId, resource: t.resourceId, records: n, deadline },
    now: t.now,
  });
  return id;
}

/**
 * A correction batch was submitted for the ticket: an open ticket is now in correction. Called in the
 * transaction that creates the batch, so the change and its audit entry commit with it.
 */
export async function startCorrection(
  trx: Transaction<DB>,
  trail: AuditTrail,
  ticketId: string,
  batchId: string,
  now: string,
): Promise<void> {
  const r = await trx
    .updateTable('tickets')
    .set({ status: 'in_correction', updated_at: now })
    .where('id', '=', ticketId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0)
    trail.record({ action: 'ticket.in_correction', objectType: 'ticket', objectId: ticketId, details: { batch: batchId } });
}

/** Recounts a ticket after records changed; resolves it when nothing is left open. */
export async function refreshTicket(trx: Transaction<DB>, ticketId: string, now: string): Promise<TicketStatus> {
  const t = await trx.selectFrom('tickets').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
  const open = await trx
    .selectFrom('problem_records')
    .select(sql<number>`count(*)`.as('n'))
    .where('ticket_id', '=', ticketId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const n = Number(open.n);
  let status = t.status as TicketStatus;
  if (n === 0) status = 'resolved';
  else if (status === 'open' && n < t.records_total) status = 'in_correction';
  await trx
    .updateTable('tickets')
    .set({ records_open: n, status, updated_at: now, resolved_at: status === 'resolved' ? now : null })
    .where('id', '=', ticketId)
    .execute();
  return status;
}
