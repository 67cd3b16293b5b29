// Running a batch: parse → cleanse → validate → stage → apply, in one transaction on a connection of its
// own. Whatever stops it — a bad record, a broken file, a crash, SIGKILL — the store is either as it was
// before the batch or holds the whole batch; problems, score, ticket and audit entry commit with it.
import { statSync, unlinkSync } from 'node:fs';
import type { AppContext } from '../app/context.js';
import type { AuditActor } from '../audit/index.js';
import { publishedResource, type ResourceView } from '../catalog/index.js';
import { createUpserter, letOthersRun, nowIso, shanghaiDate } from '../platform/db/index.js';
import { AppError } from '../platform/errors.js';
import {
  activeRuleSet,
  addTally,
  compileRules,
  openTicket,
  saveProblemRecords,
  saveScore,
  score,
  timeliness,
  type CompiledRules,
  type DimensionTallies,
  type RuleSet,
} from '../governance/index.js';
import { ensureDatasetTable, liveColumns, type DatasetTable } from './dataset-store.js';
import { mapHeader } from './header-map.js';
import { clearProgress, setProgress, type BatchProgress } from './progress.js';
import { fileSource, pageSource, type RecordSource } from './record-source.js';
import type { FileFormat } from './readers/index.js';
import { conflictFinding, copyText, duplicateFinding, problemRecord, uniqueRules } from './record-findings.js';
import { mapCorrectionRef, REF_TITLE, resolveCorrected } from './correction-refs.js';
import { recordPreparer, type ChunkPreparer, type PreparedChunk, type PrepareSpec } from './prepare-records.js';
import { ingestWorker, workerFileSource, type PreparedSource } from './worker-source.js';
import { compileReferences, type ReferenceCheck } from './references.js';
import { batchRow, storedFilePath, summaryOf, type BatchMode, type BatchSummary } from './batch-model.js';
import { afterApply } from './after-apply.js';

export async function runBatch(ctx: AppContext, batchId: string, onProgress?: (p: BatchProgress) => void): Promise<BatchSummary> {
  const batch = await batchRow(ctx.database.db, batchId);
  if (batch.status === 'applied' || batch.status === 'failed') return summaryOf(batch);
  const actor = JSON.parse(batch.created_by) as AuditActor;
  let source: RecordSource | null = null;
  try {
    const resource = await publishedResource(ctx.database.db, batch.resource_id);
    if (!resource) throw new AppError(409, 'not_published', '资源未发布或已废止，不能导入 (the resource is not published)');
    const table = await ensureDatasetTable(ctx.database, ctx.audit, resource, ctx.clock);
    const stored = await activeRuleSet(ctx.database.db, resource.id, resource.elements);
    const today = shanghaiDate(ctx.clock);
    const rules = compileRules(resource.elements, stored.ruleSet, { today });
    const references = await compileReferences(ctx.database.db, stored.ruleSet, resource.elements);
    source =
      batch.source === 'file' || (batch.source === 'correction' && batch.stored_path)
        ? await storedFileSource(
            storedFilePath(ctx.config.dataDir, batch.stored_path!),
            batch.format as never,
            ctx.config.ingestWorkerFromBytes,
          )
        : await pageSource(ctx.database.db, batch.id, resource.elements);
    await ctx.audit.transaction(actor, async (trx, trail) => {
      await trx
        .updateTable('batches')
        .set({ status: 'running', started_at: nowIso(ctx.clock) })
        .where('id', '=', batchId)
        .where('status', 'in', ['queued', 'running'])
        .execute();
      trail.record({
        action: 'batch.started',
        objectType: 'batch',
        objectId: batchId,
        details: { resource: resource.code, ruleSetVersion: stored.version },
      });
    });
    const result = await apply(ctx, {
      batchId,
      actor,
      resource,
      table,
      rules,
      ruleSet: stored.ruleSet,
      today,
      references,
      ruleSetVersion: stored.version,
      weights: stored.ruleSet.weights,
      source,
      onProgress,
    });
    if (batch.stored_path) removeQuietly(storedFilePath(ctx.config.dataDir, batch.stored_path));
    return result;
  } catch (err) {
    if (batch.stored_path) removeQuietly(storedFilePath(ctx.config.dataDir, batch.stored_path));
    if (err instanceof AppError && err.code === 'batch_already_applied') return summaryOf(await batchRow(ctx.database.db, batchId));
    return markFailed(ctx, batchId, actor, err);
  } finally {
    await source?.close().catch(() => {});
    clearProgress(batchId);
  }
}

/** A large file may be read and prepared in a worker thread (ingestWorker, off by default); otherwise here. */
async function storedFileSource(path: string, format: FileFormat | null, configured: number | null): Promise<RecordSource> {
  const fromBytes = ingestWorker.fromBytes ?? configured ?? Infinity;
  return statSync(path).size >= fromBytes ? workerFileSource(path, format) : fileSource(path, format);
}

/** Chunks prepared on this thread as they are read: the next is read and prepared while the writer awaits the last. */
async function* preparedHere(source: RecordSource, prepare: ChunkPreparer): AsyncIterable<PreparedChunk> {
  for await (const chunk of source.chunks()) yield prepare(chunk, source.bytesRead());
}

function removeQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

interface ApplyInput {
  batchId: string;
  actor: AuditActor;
  resource: ResourceView;
  table: DatasetTable;
  rules: CompiledRules;
  /** What the rules were compiled from, for a worker to compile its own. */
  ruleSet: RuleSet;
  today: string;
  references: ReferenceCheck[];
  ruleSetVersion: number | null;
  weights: Parameters<typeof score>[1];
  source: RecordSource;
  onProgress?: (p: BatchProgress) => void;
}

async function apply(ctx: AppContext, input: ApplyInput): Promise<BatchSummary> {
  const { resource, rules, source, table } = input;
  const batch = await batchRow(ctx.database.db, input.batchId);
  const mode = batch.mode as BatchMode;
  const elements = resource.elements;
  const header = mapCorrectionRef(source, batch.source === 'correction');
  const mapped = mapHeader(header.titles, elements, mode);
  const map = { ...mapped, unknown: mapped.unknown.filter((t) => t !== REF_TITLE) };
  const columns = liveColumns(table);
  const keyIdx = elements.flatMap((e, i) => (e.key ? [i] : []));
  const conn = await ctx.database.dedicated();
  try {
    return await conn.db.transaction().execute(async (trx) => {
      const now = nowIso(ctx.clock);
      const upserter = createUpserter(
        ctx.database.adapter.engine,
        { trx, native: conn.native },
        {
          table: table.tableName,
          columns: columns.map((c) => ({ name: c.column, type: c.type })),
          batchId: batch.id,
          sourceUnitId: batch.unit_id,
          now,
        },
      );
      const before = await upserter.countLive();
      const counts = { read: 0, applied: 0, rejected: 0, warned: 0, duplicates: 0, deleted: 0, repaired: 0 };
      const byRule: Record<string, number> = {};
      const problemCtx = { batchId: batch.id, resourceId: resource.id, unitId: batch.unit_id, now };
      // only a correction needs to know, after the last chunk, which records it applied; kept for every
      // batch it would grow with the file (and a key sliced from the reader's text keeps its chunk alive)
      const appliedKeys: { key: string; recordNo: number }[] = [];
      const correction = batch.corrects_batch_id !== null;
      const progress: BatchProgress = { phase: 'reading', read: 0, applied: 0, rejected: 0, bytesRead: 0, totalBytes: source.totalBytes };
      rules.resetCounters();

      /** References, the store, problem records and progress of one prepared chunk, in chunk order. */
      const finish = async ({ rejected: problems, pending }: PreparedChunk): Promise<void> => {
        // reference rules, a query per rule for the whole chunk; an error-severity miss rejects the record
        if (mode !== 'delete' && input.references.length > 0 && pending.length > 0) {
          const rejectedNow = new Set<number>();
          for (const ref of input.references) {
            const values = [...new Set(pending.map((p) => p.values[ref.elementIndex]).filter((v): v is string => v != null))];
            if (values.length === 0) continue;
            const found = await ref.existing(trx, values);
            pending.forEach((p, i) => {
              const v = p.values[ref.elementIndex];
              if (v == null) return;
              ref.checked += 1;
              if (found.has(v)) return;
              ref.failed += 1;
              p.findings.push({
                rule: ref.id,
                element: elements[ref.elementIndex]!.code,
                dimension: ref.dimension,
                severity: ref.severity,
                value: v,
                message: ref.message(v),
              });
              if (ref.severity === 'error') rejectedNow.add(i);
            });
          }
          if (rejectedNow.size > 0) {
            for (const i of rejectedNow) {
              const p = pending[i]!;
              counts.rejected += 1;
              problems.push(problemRecord(p.recordNo, p.values, keyIdx, elements, 'rejected', p.findings));
            }
            const kept = pending.filter((_, i) => !rejectedNow.has(i));
            pending.length = 0;
            pending.push(...kept);
          }
        }

        if (mode === 'delete') {
          counts.deleted += await upserter.deleteKeys(pending.map((p) => p.key));
          counts.applied += pending.length;
        } else if (pending.length > 0) {
          const outcomes = await upserter.upsert(pending);
          outcomes.forEach((outcome, i) => {
            const p = pending[i]!;
            if (outcome === 'applied') {
              counts.applied += 1;
              if (correction) appliedKeys.push({ key: copyText(p.key), recordNo: p.recordNo });
              if (p.findings.length > 0) {
                counts.warned += 1;
                problems.push(problemRecord(p.recordNo, p.values, keyIdx, elements, 'warning', p.findings));
              }
            } else if (outcome === 'duplicate') {
              counts.duplicates += 1;
              problems.push(problemRecord(p.recordNo, p.values, keyIdx, elements, 'duplicate', [duplicateFinding(p.key)]));
            } else {
              counts.rejected += 1;
              problems.push(problemRecord(p.recordNo, p.values, keyIdx, elements, 'rejected', [conflictFinding(p.key), ...p.findings]));
            }
          });
        }
        // a snapshot must not delete a stored record because its new version was rejected: the key was sent
        if (mode === 'snapshot') {
          const keyCodes = new Set(keyIdx.map((i) => elements[i]!.code));
          const sent = problems.filter(
            (r) =>
              r.verdict === 'rejected' && r.key !== null && !r.findings.some((f) => keyCodes.has(f.element) || f.rule === 'duplicate_key'),
          );
          await upserter.keep(sent.map((r) => r.key!));
        }
        for (const r of problems) for (const f of uniqueRules(r.findings)) byRule[f] = (byRule[f] ?? 0) + 1;
        await saveProblemRecords(trx, problemCtx, problems);
        Object.assign(progress, { read: counts.read, applied: counts.applied, rejected: counts.rejected, bytesRead: source.bytesRead() });
        setProgress(batch.id, progress);
        input.onProgress?.(progress);
        await letOthersRun(); // a pushed batch reads no file: give requests (progress polls) their turn
      };

      // Chunk n+1 is prepared while chunk n is written: on PostgreSQL the server works meanwhile (measured in
      // bench/ingest.ts: +40%). With ingestWorker switched on, a large file is prepared in a worker thread, so
      // that on SQLite too the writes need not wait for reading, parsing, cleansing, checks and hashing.
      const spec: PrepareSpec = {
        elements,
        mode,
        columnOf: map.columnOf,
        refColumn: header.refColumn,
        corrects: batch.corrects_batch_id,
        columnTypes: columns.map((c) => c.type),
      };
      const chunks =
        'prepared' in source
          ? (source as PreparedSource).prepared({ spec, ruleSet: input.ruleSet, today: input.today }, rules)
          : preparedHere(source, recordPreparer(spec, rules));
      let writing: Promise<void> = Promise.resolve();
      try {
        for await (const prepared of chunks) {
          counts.read += prepared.read;
          counts.repaired += prepared.repaired;
          counts.rejected += prepared.rejected.length;
          if (prepared.refs) for (const [n, ref] of prepared.refs) (source.refs ??= new Map()).set(n, ref);
          await writing;
          writing = finish(prepared);
          writing.catch(() => {}); // its error is thrown where it is awaited, below or on the next chunk
        }
      } catch (err) {
        // A file (or worker) that fails while the last chunk is still being written must not roll back under
        // that write: its later statements would run after the ROLLBACK, outside the transaction, and commit
        // (seen on PostgreSQL: problem records of a failed batch). Let the write finish, then fail.
        await writing.catch(() => {});
        throw err;
      }
      await writing;

      progress.phase = 'applying';
      input.onProgress?.(progress);
      if (mode === 'snapshot') counts.deleted = await upserter.deleteUnseen();
      const after = await upserter.countLive();

      progress.phase = 'scoring';
      const tallies: DimensionTallies = {};
      rules.rules.forEach((r, i) => addTally(tallies, r.dimension, rules.checked[i]!, rules.failed[i]!));
      for (const ref of input.references) addTally(tallies, ref.dimension, ref.checked, ref.failed);
      addTally(tallies, 'accuracy', counts.read, counts.duplicates);
      const previous = await trx
        .selectFrom('batches')
        .select('finished_at')
        .where('resource_id', '=', resource.id)
        .where('status', '=', 'applied')
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const fresh = timeliness(resource.updateCycle, previous?.finished_at ?? null, now);
      addTally(tallies, 'timeliness', 1, 1 - fresh.ratio);
      const s = score(tallies, input.weights);
      await saveScore(trx, { batchId: batch.id, resourceId: resource.id, unitId: batch.unit_id, at: now, records: counts.read, score: s });

      // a correction's own failures stay on the original ticket's records (still open), not a second ticket
      const ticket = batch.corrects_batch_id
        ? null
        : await openTicket(trx, {
            batchId: batch.id,
            resourceId: resource.id,
            resourceName: resource.name,
            unitId: batch.unit_id,
            kind: 'quality',
            now,
            deadlineDays: ctx.config.ticketDeadlineDays,
          });
      const resolved = batch.corrects_batch_id
        ? await resolveCorrected(trx, batch.corrects_batch_id, batch.id, appliedKeys, source, now)
        : 0;

      const done = await trx
        .updateTable('batches')
        .set({
          status: 'applied',
          rule_set_version: input.ruleSetVersion,
          rows_read: counts.read,
          applied: counts.applied,
          rejected: counts.rejected,
          warned: counts.warned,
          duplicates: counts.duplicates,
          deleted: counts.deleted,
          repaired: counts.repaired,
          store_count_before: before,
          store_count_after: after,
          problems_by_rule: JSON.stringify(byRule),
          encoding: source.encoding ?? batch.encoding,
          unknown_columns: JSON.stringify(map.unknown),
          score: s.total,
          error: null,
          finished_at: nowIso(ctx.clock),
        })
        .where('id', '=', batch.id)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      // exactly once: another runner that got here first has already applied this batch
      if (Number(done.numUpdatedRows) !== 1)
        throw new AppError(409, 'batch_already_applied', '该批次已由其他进程处理 (the batch was applied elsewhere)');
      await afterApply(trx, { resource, batchId: batch.id, mode, clock: ctx.clock });
      await ctx.audit.append(trx, [
        {
          actor: input.actor,
          event: {
            action: 'batch.applied',
            objectType: 'batch',
            objectId: batch.id,
            details: {
              resource: resource.code,
              mode,
              ...counts,
              storeCountBefore: before,
              storeCountAfter: after,
              score: s.total,
              ticket,
              correctedRecords: resolved,
              lateDays: fresh.lateDays,
            },
          },
        },
      ]);
      progress.phase = 'done';
      input.onProgress?.(progress);
      return summaryOf(await batchRow(trx, batch.id));
    });
  } finally {
    await conn.close();
  }
}

/** Fails a batch that cannot run (its job gave up), as its submitter, audited. */
export async function failBatch(ctx: AppContext, batchId: string, reason: string): Promise<BatchSummary> {
  const batch = await batchRow(ctx.database.db, batchId);
  if (batch.stored_path) removeQuietly(storedFilePath(ctx.config.dataDir, batch.stored_path));
  return markFailed(ctx, batchId, JSON.parse(batch.created_by) as AuditActor, new AppError(500, 'batch_abandoned', reason));
}

async function markFailed(ctx: AppContext, batchId: string, actor: AuditActor, err: unknown): Promise<BatchSummary> {
  const known = err instanceof AppError;
  const error = known
    ? { code: err.code, message: err.message, details: err.details ?? null }
    : { code: 'internal_error', message: '批次处理出错，已回滚，未导入任何记录 (the batch failed and was rolled back)', details: null };
  if (!known) process.emitWarning(`batch ${batchId} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  await ctx.audit.transaction(actor, async (trx, trail) => {
    await trx
      .updateTable('batches')
      .set({ status: 'failed', error: JSON.stringify(error), finished_at: nowIso(ctx.clock) })
      .where('id', '=', batchId)
      .where('status', 'in', ['queued', 'running', 'receiving'])
      .execute();
    trail.record({ action: 'batch.failed', objectType: 'batch', objectId: batchId, outcome: 'failure', details: error });
  });
  return summaryOf(await batchRow(ctx.database.db, batchId));
}
