// Quality scores (GB/T 36344 dimensions): per dimension the share of checks that passed, and a weighted
// total out of 100 over the dimensions that were measured. Kept per batch as a time series; resource and
// producer trends are read from it.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { DIMENSIONS, type Dimension } from './rules/index.js';

export const DEFAULT_WEIGHTS: Record<Dimension, number> = {
  normativity: 0.2,
  completeness: 0.25,
  accuracy: 0.3,
  consistency: 0.15,
  timeliness: 0.1,
  accessibility: 0,
};

export interface Tally {
  checked: number;
  failed: number;
}

export type DimensionTallies = Partial<Record<Dimension, Tally>>;

export function addTally(t: DimensionTallies, d: Dimension, checked: number, failed: number): void {
  const x = (t[d] ??= { checked: 0, failed: 0 });
  x.checked += checked;
  x.failed += failed;
}

export interface Score {
  /** Pass ratio 0–1 per measured dimension. */
  dimensions: Partial<Record<Dimension, number>>;
  /** 0–100, weights renormalised over the measured dimensions. */
  total: number;
}

export function score(tallies: DimensionTallies, weights: Partial<Record<Dimension, number>> = {}): Score {
  const dimensions: Partial<Record<Dimension, number>> = {};
  let sum = 0;
  let weight = 0;
  for (const d of DIMENSIONS) {
    const t = tallies[d];
    if (!t || t.checked === 0) continue;
    const ratio = 1 - t.failed / t.checked;
    dimensions[d] = Math.round(ratio * 10_000) / 10_000;
    const w = weights[d] ?? DEFAULT_WEIGHTS[d];
    sum += w * ratio;
    weight += w;
  }
  return { dimensions, total: weight > 0 ? Math.round((sum / weight) * 10_000) / 100 : 100 };
}

export async function saveScore(
  trx: Transaction<DB>,
  s: { batchId: string; resourceId: string; unitId: string; at: string; records: number; score: Score },
): Promise<void> {
  await trx
    .insertInto('quality_scores')
    .values({
      id: randomUUID(),
      scope: 'batch',
      batch_id: s.batchId,
      resource_id: s.resourceId,
      unit_id: s.unitId,
      at: s.at,
      records: s.records,
      dimensions: JSON.stringify(s.score.dimensions),
      total: s.score.total,
    })
    .execute();
}

export interface ScorePoint {
  at: string;
  batchId: string;
  records: number;
  total: number;
  dimensions: Partial<Record<Dimension, number>>;
}

/** The score series of a resource or a producer, oldest first. */
export async function scoreSeries(db: Kysely<DB>, by: { resourceId?: string; unitId?: string }, limit = 200): Promise<ScorePoint[]> {
  let q = db.selectFrom('quality_scores').selectAll();
  if (by.resourceId) q = q.where('resource_id', '=', by.resourceId);
  if (by.unitId) q = q.where('unit_id', '=', by.unitId);
  const rows = await q.orderBy('at', 'desc').limit(limit).execute();
  return rows
    .reverse()
    .map((r) => ({ at: r.at, batchId: r.batch_id, records: r.records, total: r.total, dimensions: JSON.parse(r.dimensions) }));
}

/** Timeliness of a batch against the resource's update cycle: 1 when on time, falling as it is late. */
export function timeliness(cycle: string, previousAt: string | null, now: string): { ratio: number; lateDays: number } {
  const days: Record<string, number> = { realtime: 1, daily: 1, weekly: 7, monthly: 31, quarterly: 92, yearly: 366 };
  const allowed = days[cycle];
  if (!previousAt || allowed === undefined) return { ratio: 1, lateDays: 0 };
  const gap = (Date.parse(now) - Date.parse(previousAt)) / 86_400_000;
  if (gap <= allowed) return { ratio: 1, lateDays: 0 };
  return { ratio: Math.round((allowed / gap) * 10_000) / 10_000, lateDays: Math.floor(gap - allowed) };
}
