// Inline correction of a ticket's problem records: the edits kept per record while the producer works
// through the rows, and the request that sends the chosen records back. Each record is sent whole (its
// values with the edits over them) because a correction replaces the record in the store.
import type { ProblemRecord, RecordValues } from './types';

/** Edited values by record number, then by element code. */
export type Drafts = Record<number, RecordValues>;

export interface CorrectionRequest {
  records: { record: number; values: RecordValues }[];
}

/** An emptied field means "no value"; the server's cleansing would read '' the same way. */
function normalize(value: string | null | undefined): string | null {
  if (value == null) return null;
  return value === '' ? null : value;
}

export function correctedValues(record: ProblemRecord, draft: RecordValues | undefined): RecordValues {
  const values: RecordValues = {};
  for (const [code, value] of Object.entries(record.values)) values[code] = normalize(value);
  for (const [code, value] of Object.entries(draft ?? {})) values[code] = normalize(value);
  return values;
}

/** The element codes whose value the draft changes. */
export function changedElements(record: ProblemRecord, draft: RecordValues | undefined): string[] {
  if (!draft) return [];
  return Object.entries(draft)
    .filter(([code, value]) => normalize(value) !== normalize(record.values[code]))
    .map(([code]) => code);
}

export function correctionRequest(records: ProblemRecord[], drafts: Drafts, selected: readonly number[]): CorrectionRequest {
  const chosen = new Set(selected);
  return {
    records: records.filter((r) => chosen.has(r.record)).map((r) => ({ record: r.record, values: correctedValues(r, drafts[r.record]) })),
  };
}

/** Records that can still be corrected: open ones (a resolved record is done, a disputed one awaits the platform). */
export function isCorrectable(record: ProblemRecord): boolean {
  return record.status === 'open';
}

/** A ticket the producer can still act on (overdue is an open ticket past its deadline). */
export function ticketIsOpen(status: string): boolean {
  return status === 'open' || status === 'in_correction' || status === 'overdue';
}
