// How a correction batch names the records it corrects (a 记录号 column, or pushed references, or else the
// key) and how, once applied, it resolves those problem records and their tickets.
import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { refreshTicket } from '../governance/index.js';
import type { RecordSource } from './record-source.js';

export const REF_TITLE = '\u0000record';

/** A correction file may carry a column with the original record number (记录号): it is not an element. */
export function mapCorrectionRef(source: RecordSource, correction: boolean): { titles: string[]; refColumn: number } {
  if (!correction) return { titles: source.header, refColumn: -1 };
  const refColumn = source.header.findIndex((h) => ['record', '记录号', '原记录号'].includes(h.trim()));
  // the titles keep their positions (values are read by column index); the reference column maps to no element
  return { titles: source.header.map((h, i) => (i === refColumn ? REF_TITLE : h)), refColumn };
}

/** Notes a correction record's reference (its 记录号) on whatever collects them: the source, or a prepared chunk. */
export function noteRef(source: Pick<RecordSource, 'refs'>, recordNo: number, text: string | null, corrects: string | null) {
  const n = Number(text);
  if (!corrects || !Number.isInteger(n) || n < 1) return;
  (source.refs ??= new Map()).set(recordNo, { batch: corrects, record: n });
}

/**
 * A correction batch resolves the original problem records it fixed: by the record number it names, or
 * else by key. Their tickets are recounted and resolve when nothing is left open.
 */
export async function resolveCorrected(
  trx: Transaction<DB>,
  correctsBatchId: string,
  batchId: string,
  applied: { key: string; recordNo: number }[],
  source: RecordSource,
  now: string,
): Promise<number> {
  let resolved = 0;
  const tickets = new Set<string>();
  for (const a of applied) {
    const ref = source.refs?.get(a.recordNo);
    let q = trx
      .updateTable('problem_records')
      .set({ status: 'resolved', corrected_in_batch: batchId, updated_at: now })
      .where('batch_id', '=', ref?.batch ?? correctsBatchId)
      .where('status', 'in', ['open', 'disputed']);
    q = ref ? q.where('record_no', '=', ref.record) : q.where('record_key', '=', a.key);
    const r = await q.returning('ticket_id').execute();
    resolved += r.length;
    for (const x of r) if (x.ticket_id) tickets.add(x.ticket_id);
  }
  for (const t of tickets) await refreshTicket(trx, t, now);
  return resolved;
}
