// Audit exports for the auditor: CSV (Excel-safe) or JSON Lines, streamed page by page.
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { csvLine, UTF8_BOM } from '../platform/csv/index.js';
import { streamEntries, type AuditFilter } from './query.js';

const CSV_COLUMNS = [
  'seq',
  'at',
  'actorType',
  'actorId',
  'actorName',
  'unitId',
  'unitName',
  'action',
  'objectType',
  'objectId',
  'outcome',
  'ip',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

export async function* exportCsv(db: Kysely<DB>, filter: AuditFilter): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(CSV_COLUMNS);
  for await (const e of streamEntries(db, filter)) yield csvLine(CSV_COLUMNS.map((c) => e[c]));
}

export async function* exportJsonLines(db: Kysely<DB>, filter: AuditFilter): AsyncGenerator<string> {
  for await (const e of streamEntries(db, filter)) yield JSON.stringify(e) + '\n';
}
