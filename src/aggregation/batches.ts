// Creating batches: from an uploaded file (stored under the data directory, hashed with SM3 on the way
// in), or by API push (pages under an idempotency key, then a commit). The same file, or the same
// idempotency key, again is a no-op that answers with the earlier batch.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import type { Transaction } from 'kysely';
import type { AppContext } from '../app/context.js';
import type { AuditActor } from '../audit/index.js';
import { publishedResource, type ResourceView } from '../catalog/index.js';
import { startCorrection } from '../governance/index.js';
import { nowIso, type BatchesTable, type DB } from '../platform/db/index.js';
import { sm3Stream } from '../platform/crypto/index.js';
import { enqueue } from '../platform/jobs/index.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { batchRow, uploadsDir, type BatchMode } from './batch-model.js';
import { checkFileHead, HEAD_BYTES } from './readers/index.js';

export const MAX_PAGE_RECORDS = 5000;

export interface Submitter {
  actor: AuditActor;
  unitId: string;
  /** May submit for any resource (platform, operator); otherwise only as its producer. */
  anyResource: boolean;
}

/** The resource, published and in table form, that this submitter may feed. */
export async function resourceForSubmit(ctx: AppContext, who: Submitter, resourceRef: string): Promise<ResourceView> {
  const resource = await publishedResource(ctx.database.db, resourceRef);
  if (!resource) throw notFound('resource_not_found', `资源 ${resourceRef} 不存在或未发布 (no published resource ${resourceRef})`);
  // a deprecated resource takes no new data; batches already received still finish
  if (resource.deprecatedAt)
    throw conflict(
      'resource_deprecated',
      `资源「${resource.name}」已废止，不再接收数据 (the resource is deprecated and takes no new batches)`,
      {
        deprecatedAt: resource.deprecatedAt,
      },
    );
  if (resource.format !== 'table')
    throw badRequest('not_a_table', `资源「${resource.name}」不是库表类资源 (only table resources take records)`);
  if (!who.anyResource && !(await isProducer(ctx, resource, who.unitId)))
    throw forbidden('not_producer', `本单位不是资源「${resource.name}」的提供或采集单位 (your unit does not produce this resource)`);
  return resource;
}

async function isProducer(ctx: AppContext, resource: ResourceView, unitId: string): Promise<boolean> {
  if (resource.providerUnitId === unitId) return true;
  const row = await ctx.database.db
    .selectFrom('catalog_collection')
    .select('id')
    .where('resource_id', '=', resource.id)
    .where('supplier_unit_id', '=', unitId)
    .where('status', '=', 'active') // a retired collection entry no longer makes its unit a supplier
    .executeTakeFirst();
  return !!row;
}

function newBatch(
  b: Partial<BatchesTable> &
    Pick<BatchesTable, 'id' | 'resource_id' | 'catalog_version' | 'unit_id' | 'created_by' | 'source' | 'mode' | 'status' | 'created_at'>,
): BatchesTable {
  return {
    format: null,
    encoding: null,
    file_name: null,
    content_hash: null,
    idempotency_key: null,
    stored_path: null,
    corrects_batch_id: null,
    rule_set_version: null,
    rows_read: 0,
    applied: 0,
    rejected: 0,
    warned: 0,
    duplicates: 0,
    deleted: 0,
    repaired: 0,
    store_count_before: null,
    store_count_after: null,
    problems_by_rule: '{}',
    unknown_columns: '[]',
    score: null,
    error: null,
    started_at: null,
    finished_at: null,
    ...b,
  };
}

export interface Submitted {
  batch: BatchesTable;
  /** True when an earlier batch already had this file or idempotency key: nothing new was created. */
  duplicate: boolean;
  jobId: string | null;
}

/** Copies an incoming file into the uploads directory, hashing it; returns where and its SM3 digest. */
export async function receiveFile(
  dataDir: string,
  input: Readable | string,
  maxBytes: number,
): Promise<{ path: string; hash: string; bytes: number }> {
  const dir = join(uploadsDir(dataDir), 'incoming');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, randomUUID());
  const hash = sm3Stream();
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes)
        return done(badRequest('file_too_large', `文件超过 ${Math.round(maxBytes / 1048576)} MiB 上限 (the file is too large)`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(typeof input === 'string' ? createReadStream(input) : input, meter, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  return { path, hash: hash.digest('hex'), bytes };
}

/**
 * Makes a file batch from a received file. An applied or running batch of the same resource with the
 * same content is answered instead (the received copy is dropped). `claimedBy` claims the job for a
 * process that will run it itself (the CLI).
 */
export async function submitFile(
  ctx: AppContext,
  who: Submitter,
  f: {
    resource: ResourceView;
    received: { path: string; hash: string; bytes: number };
    fileName: string;
    mode: BatchMode;
    /** A correction file: the batch it corrects and its ticket, which goes into correction with it. */
    correction?: { batchId: string; ticketId: string };
    claimedBy?: string;
  },
): Promise<Submitted> {
  const head = Buffer.alloc(Math.min(HEAD_BYTES, f.received.bytes));
  const fd = await import('node:fs/promises').then((m) => m.open(f.received.path, 'r'));
  try {
    await fd.read(head, 0, head.length, 0);
  } finally {
    await fd.close();
  }
  let format: string;
  try {
    format = checkFileHead(f.fileName, head, f.received.bytes);
  } catch (err) {
    rmSync(f.received.path, { force: true });
    throw err;
  }
  const correctsBatchId = f.correction?.batchId;
  const result = await ctx.audit.transaction(who.actor, async (trx, trail) => {
    const earlier = await trx
      .selectFrom('batches')
      .selectAll()
      .where('resource_id', '=', f.resource.id)
      .where('content_hash', '=', f.received.hash)
      .where('mode', '=', f.mode)
      // the same file from the same producer for the same purpose: a correction is not its original batch
      .where('unit_id', '=', who.unitId)
      .where((w) => (correctsBatchId ? w('corrects_batch_id', '=', correctsBatchId) : w('corrects_batch_id', 'is', null)))
      .where('status', 'in', ['applied', 'queued', 'running'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (earlier) {
      trail.record({
        action: 'batch.resubmitted',
        objectType: 'batch',
        objectId: earlier.id,
        details: { fileName: f.fileName, status: earlier.status },
      });
      return { batch: earlier, duplicate: true, jobId: null };
    }
    const id = randomUUID();
    const stored = `${id}/${safeName(f.fileName)}`;
    const now = nowIso(ctx.clock);
    const row = newBatch({
      id,
      resource_id: f.resource.id,
      catalog_version: f.resource.version,
      unit_id: who.unitId,
      created_by: JSON.stringify(who.actor),
      source: correctsBatchId ? 'correction' : 'file',
      mode: f.mode,
      format,
      file_name: f.fileName,
      content_hash: f.received.hash,
      stored_path: stored,
      corrects_batch_id: correctsBatchId ?? null,
      status: 'queued',
      created_at: now,
      started_at: now,
    });
    await trx.insertInto('batches').values(row).execute();
    const jobId = await enqueue(trx, { kind: 'batch.run', refId: id, clock: ctx.clock, claimedBy: f.claimedBy });
    trail.record({
      action: 'batch.created',
      objectType: 'batch',
      objectId: id,
      details: {
        resource: f.resource.code,
        source: row.source,
        mode: f.mode,
        fileName: f.fileName,
        bytes: f.received.bytes,
        sm3: f.received.hash,
      },
    });
    if (f.correction) await startCorrection(trx, trail, f.correction.ticketId, id, now);
    // the file moves into place before commit: a crash after this leaves an orphan file, never a batch without its file
    mkdirSync(join(uploadsDir(ctx.config.dataDir), id), { recursive: true });
    renameSync(f.received.path, join(uploadsDir(ctx.config.dataDir), stored));
    return { batch: row, duplicate: false, jobId };
  });
  if (result.duplicate) rmSync(f.received.path, { force: true });
  return result;
}

function safeName(name: string): string {
  const base = basename(name)
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(0, 100);
  return base || 'upload';
}

/** Opens an API push batch, or answers the one already opened with this idempotency key. */
export async function openPushBatch(
  ctx: AppContext,
  who: Submitter,
  p: { resource: ResourceView; mode: BatchMode; idempotencyKey: string },
): Promise<Submitted> {
  return ctx.audit.transaction(who.actor, async (trx, trail) => {
    const earlier = await trx
      .selectFrom('batches')
      .selectAll()
      .where('resource_id', '=', p.resource.id)
      .where('idempotency_key', '=', p.idempotencyKey)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.unit_id !== who.unitId)
        throw conflict('idempotency_key_taken', '该幂等键已被其他单位使用 (the idempotency key is used by another unit)');
      trail.record({
        action: 'batch.resubmitted',
        objectType: 'batch',
        objectId: earlier.id,
        details: { idempotencyKey: p.idempotencyKey },
      });
      return { batch: earlier, duplicate: true, jobId: null };
    }
    const id = randomUUID();
    const now = nowIso(ctx.clock);
    const row = newBatch({
      id,
      resource_id: p.resource.id,
      catalog_version: p.resource.version,
      unit_id: who.unitId,
      created_by: JSON.stringify(who.actor),
      source: 'api',
      mode: p.mode,
      format: 'json',
      idempotency_key: p.idempotencyKey,
      status: 'receiving',
      created_at: now,
    });
    await trx.insertInto('batches').values(row).execute();
    trail.record({
      action: 'batch.created',
      objectType: 'batch',
      objectId: id,
      details: { resource: p.resource.code, source: 'api', mode: p.mode, idempotencyKey: p.idempotencyKey },
    });
    return { batch: row, duplicate: false, jobId: null };
  });
}

async function ownReceivingBatch(trx: Transaction<DB>, who: Submitter, batchId: string): Promise<BatchesTable> {
  const batch = await batchRow(trx, batchId);
  if (batch.unit_id !== who.unitId && !who.anyResource) throw notFound('batch_not_found', '批次不存在 (no such batch)');
  return batch;
}

/** Stores one page of a push batch. Sending the same page again is a no-op; other content under the same number is refused. */
export async function addPage(
  ctx: AppContext,
  who: Submitter,
  batchId: string,
  pageNo: number,
  page: { records: Record<string, unknown>[]; refs?: ({ batch: string; record: number } | null)[] },
): Promise<{ pageNo: number; records: number; duplicate: boolean }> {
  if (page.records.length === 0 || page.records.length > MAX_PAGE_RECORDS)
    throw badRequest('bad_page', `每页 1–${MAX_PAGE_RECORDS} 条记录 (a page holds 1–${MAX_PAGE_RECORDS} records)`);
  const text = JSON.stringify(page);
  return ctx.audit.transaction(who.actor, async (trx, trail) => {
    const batch = await ownReceivingBatch(trx, who, batchId);
    const existing = await trx
      .selectFrom('batch_pages')
      .select('records')
      .where('batch_id', '=', batchId)
      .where('page_no', '=', pageNo)
      .executeTakeFirst();
    if (existing) {
      if (existing.records !== text)
        throw conflict('page_differs', `第 ${pageNo} 页已提交且内容不同 (page ${pageNo} was sent with other content)`);
      trail.record({ action: 'batch.page_resent', objectType: 'batch', objectId: batchId, details: { page: pageNo } });
      return { pageNo, records: page.records.length, duplicate: true };
    }
    if (batch.status !== 'receiving') throw conflict('batch_closed', '批次已提交，不能再追加数据 (the batch is committed; no more pages)');
    await trx
      .insertInto('batch_pages')
      .values({ batch_id: batchId, page_no: pageNo, records: text, record_count: page.records.length, created_at: nowIso(ctx.clock) })
      .execute();
    trail.record({
      action: 'batch.page_received',
      objectType: 'batch',
      objectId: batchId,
      details: { page: pageNo, records: page.records.length },
    });
    return { pageNo, records: page.records.length, duplicate: false };
  });
}

/** Closes a push batch and queues it. Committing again is a no-op. */
export async function commitPushBatch(ctx: AppContext, who: Submitter, batchId: string): Promise<BatchesTable> {
  return ctx.audit.transaction(who.actor, async (trx, trail) => {
    const batch = await ownReceivingBatch(trx, who, batchId);
    if (batch.status !== 'receiving') {
      trail.record({ action: 'batch.recommitted', objectType: 'batch', objectId: batchId });
      return batch;
    }
    const pages = await trx.selectFrom('batch_pages').select('page_no').where('batch_id', '=', batchId).execute();
    if (pages.length === 0) throw badRequest('empty_batch', '批次没有任何数据页 (the batch has no pages)');
    const now = nowIso(ctx.clock);
    await trx.updateTable('batches').set({ status: 'queued', started_at: now }).where('id', '=', batchId).execute();
    await enqueue(trx, { kind: 'batch.run', refId: batchId, clock: ctx.clock });
    trail.record({ action: 'batch.committed', objectType: 'batch', objectId: batchId, details: { pages: pages.length } });
    return { ...batch, status: 'queued', started_at: now };
  });
}

/** A correction batch made of edited problem records, queued at once. */
export async function submitCorrections(
  ctx: AppContext,
  who: Submitter,
  c: { resource: ResourceView; correctsBatchId: string; ticketId: string; records: { record: number; values: Record<string, unknown> }[] },
): Promise<BatchesTable> {
  if (c.records.length === 0 || c.records.length > MAX_PAGE_RECORDS)
    throw badRequest('bad_page', `每次更正 1–${MAX_PAGE_RECORDS} 条记录 (1–${MAX_PAGE_RECORDS} records)`);
  return ctx.audit.transaction(who.actor, async (trx, trail) => {
    const id = randomUUID();
    const now = nowIso(ctx.clock);
    const row = newBatch({
      id,
      resource_id: c.resource.id,
      catalog_version: c.resource.version,
      unit_id: who.unitId,
      created_by: JSON.stringify(who.actor),
      source: 'correction',
      mode: 'upsert',
      format: 'json',
      corrects_batch_id: c.correctsBatchId,
      status: 'queued',
      created_at: now,
      started_at: now,
    });
    await trx.insertInto('batches').values(row).execute();
    const page = { records: c.records.map((r) => r.values), refs: c.records.map((r) => ({ batch: c.correctsBatchId, record: r.record })) };
    await trx
      .insertInto('batch_pages')
      .values({ batch_id: id, page_no: 1, records: JSON.stringify(page), record_count: c.records.length, created_at: now })
      .execute();
    await trx
      .updateTable('problem_records')
      .set({ updated_at: now })
      .where('batch_id', '=', c.correctsBatchId)
      .where(
        'record_no',
        'in',
        c.records.map((r) => r.record),
      )
      .execute();
    await enqueue(trx, { kind: 'batch.run', refId: id, clock: ctx.clock });
    trail.record({
      action: 'batch.created',
      objectType: 'batch',
      objectId: id,
      details: { resource: c.resource.code, source: 'correction', corrects: c.correctsBatchId, records: c.records.length },
    });
    await startCorrection(trx, trail, c.ticketId, id, now);
    return row;
  });
}
