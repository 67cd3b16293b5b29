// Problem records (问题数据): each record of a batch that failed a rule, kept whole (so the producer can
// correct it in place) with one row per failed rule. Written in chunks inside the batch's transaction.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import type { Dimension, Severity } from './rules/index.js';

export type Verdict = 'rejected' | 'warning' | 'duplicate';

export interface ProblemFinding {
  rule: string;
  element: string;
  dimension: Dimension;
  severity: Severity;
  value: string | null;
  message: string;
}

export interface ProblemRecord {
  recordNo: number;
  key: string | null;
  /** The record as cleansed, by element code. */
  values: Record<string, string | null>;
  verdict: Verdict;
  findings: ProblemFinding[];
}

const CHUNK = 200; // 13 parameters a row: far below either engine's bound-parameter limit

/** Saves problem records of one batch; exact duplicates need no correction and start resolved. */
export async function saveProblemRecords(
  trx: Transaction<DB> | Kysely<DB>,
  ctx: { batchId: string; resourceId: string; unitId: string; now: string },
  records: ProblemRecord[],
): Promise<void> {
  for (let i = 0; i < records.length; i += CHUNK) {
    const part = records.slice(i, i + CHUNK);
    await trx
      .insertInto('problem_records')
      .values(
        part.map((r) => ({
          batch_id: ctx.batchId,
          record_no: r.recordNo,
          resource_id: ctx.resourceId,
          unit_id: ctx.unitId,
          ticket_id: null,
          record_key: r.key,
          record_values: JSON.stringify(r.values),
          verdict: r.verdict,
          status: r.verdict === 'duplicate' ? 'resolved' : 'open',
          corrected_in_batch: null,
          dispute_reason: null,
          created_at: ctx.now,
          updated_at: ctx.now,
        })),
      )
      .execute();
    const rows = part.flatMap((r) =>
      // one row per rule and record: a rule reports a record once
      dedupeByRule(r.findings).map((f) => ({
        batch_id: ctx.batchId,
        record_no: r.recordNo,
        rule: f.rule,
        element: f.element,
        dimension: f.dimension,
        severity: f.severity,
        value: f.value,
        message: f.message,
      })),
    );
    for (let j = 0; j < rows.length; j += CHUNK)
      await trx
        .insertInto('problems')
        .values(rows.slice(j, j + CHUNK))
        .execute();
  }
}

function dedupeByRule(findings: ProblemFinding[]): ProblemFinding[] {
  if (findings.length < 2) return findings;
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.rule) && seen.add(f.rule));
}

export interface ProblemRow {
  record: number;
  key: string | null;
  element: string;
  rule: string;
  dimension: string;
  severity: string;
  value: string | null;
  message: string;
  verdict: string;
  status: string;
}

/** A batch's problems with their records' key, verdict and status, in record order. */
function problemRows(db: Kysely<DB>, batchId: string) {
  return db
    .selectFrom('problems as p')
    .innerJoin('problem_records as r', (j) => j.onRef('r.batch_id', '=', 'p.batch_id').onRef('r.record_no', '=', 'p.record_no'))
    .select([
      'p.record_no',
      'r.record_key',
      'p.element',
      'p.rule',
      'p.dimension',
      'p.severity',
      'p.value',
      'p.message',
      'r.verdict',
      'r.status',
    ])
    .where('p.batch_id', '=', batchId)
    .orderBy('p.record_no')
    .orderBy('p.rule');
}

type ProblemSelect = Awaited<ReturnType<ReturnType<typeof problemRows>['execute']>>[number];

function problemRow(r: ProblemSelect): ProblemRow {
  return {
    record: r.record_no,
    key: r.record_key,
    element: r.element,
    rule: r.rule,
    dimension: r.dimension,
    severity: r.severity,
    value: r.value,
    message: r.message,
    verdict: r.verdict,
    status: r.status,
  };
}

/** One page of a batch's problems, and how many there are (the batch page's table). */
export async function problemsPage(
  db: Kysely<DB>,
  batchId: string,
  page: number,
  pageSize: number,
): Promise<{ total: number; items: ProblemRow[] }> {
  const rows = await problemRows(db, batchId)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await db
    .selectFrom('problems')
    .select(sql<number>`count(*)`.as('n'))
    .where('batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return { total: Number(total.n), items: rows.map(problemRow) };
}

/** A batch's problems in record order, page by page (for the problems CSV). */
export async function* batchProblems(db: Kysely<DB>, batchId: string, pageSize = 2000): AsyncGenerator<ProblemRow[]> {
  for (let after = -1; ;) {
    const rows = await problemRows(db, batchId).where('p.record_no', '>', after).limit(pageSize).execute();
    if (rows.length === 0) return;
    // a page may end inside a record's problems: finish that record before moving on
    const last = rows[rows.length - 1]!.record_no;
    const whole = rows.length === pageSize ? rows.filter((r) => r.record_no < last) : rows;
    const page = whole.length > 0 ? whole : rows;
    yield page.map(problemRow);
    after = page[page.length - 1]!.record_no;
    if (rows.length < pageSize) return;
  }
}
