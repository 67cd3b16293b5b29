// A batch as stored and as reported: the summary the CLI prints and the API returns.
import { join, resolve, sep } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { BatchesTable, DB } from '../platform/db/index.js';
import { notFound } from '../platform/errors.js';

export const BATCH_MODES = ['upsert', 'snapshot', 'delete'] as const;
export type BatchMode = (typeof BATCH_MODES)[number];
export type BatchStatus = 'receiving' | 'queued' | 'running' | 'applied' | 'failed';

export interface BatchSummary {
  batch: string;
  resource: string;
  unit: string;
  source: string;
  mode: string;
  status: string;
  fileName: string | null;
  format: string | null;
  encoding: string | null;
  rows: number;
  applied: number;
  rejected: number;
  warned: number;
  duplicates: number;
  deleted: number;
  repaired: number;
  /** Records that raised each rule, by rule id. */
  problems: Record<string, number>;
  unknownColumns: string[];
  storeCountBefore: number | null;
  storeCountAfter: number | null;
  score: number | null;
  ruleSetVersion: number | null;
  correctsBatch: string | null;
  error: { code: string; message: string; details: unknown } | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function batchRow(db: Kysely<DB> | Transaction<DB>, id: string): Promise<BatchesTable> {
  const row = await db.selectFrom('batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('batch_not_found', '批次不存在 (no such batch)');
  return row;
}

export function summaryOf(b: BatchesTable): BatchSummary {
  return {
    batch: b.id,
    resource: b.resource_id,
    unit: b.unit_id,
    source: b.source,
    mode: b.mode,
    status: b.status,
    fileName: b.file_name,
    format: b.format,
    encoding: b.encoding,
    rows: b.rows_read,
    applied: b.applied,
    rejected: b.rejected,
    warned: b.warned,
    duplicates: b.duplicates,
    deleted: b.deleted,
    repaired: b.repaired,
    problems: JSON.parse(b.problems_by_rule) as Record<string, number>,
    unknownColumns: JSON.parse(b.unknown_columns) as string[],
    storeCountBefore: b.store_count_before,
    storeCountAfter: b.store_count_after,
    score: b.score,
    ruleSetVersion: b.rule_set_version,
    correctsBatch: b.corrects_batch_id,
    error: b.error ? JSON.parse(b.error) : null,
    createdAt: b.created_at,
    finishedAt: b.finished_at,
  };
}

/** Uploaded files live under the data directory's files/ (so backups carry batches still in flight). */
export function uploadsDir(dataDir: string): string {
  return join(dataDir, 'files', 'uploads');
}

export function storedFilePath(dataDir: string, stored: string): string {
  const base = resolve(uploadsDir(dataDir));
  const path = resolve(base, stored);
  if (!path.startsWith(base + sep)) throw new Error(`stored path escapes the uploads directory: ${stored}`);
  return path;
}
