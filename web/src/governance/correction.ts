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

function csvCell(value: string | number | null): string {
  // values go back exactly as they are: the file is read by the server, and a changed value (say a
  // quote before a leading +) would be a different value
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The open records of a ticket as a correction file to edit in a spreadsheet and upload back: the
 * element names as the header and the original record number (记录号) so the server can tell which
 * record each row corrects even when the key itself was wrong. 记录号 is the last column on purpose:
 * the server's correction reader currently shifts the columns after it (reported to the API's owner).
 */
export function correctionCsv(elements: { code: string; name: string }[], records: ProblemRecord[]): string {
  const lines = [[...elements.map((e) => e.name), '记录号'].map(csvCell).join(',')];
  for (const r of records.filter(isCorrectable))
    lines.push([...elements.map((e) => csvCell(r.values[e.code] ?? null)), csvCell(r.record)].join(','));
  // the BOM makes Excel open it as UTF-8 rather than the system code page
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
