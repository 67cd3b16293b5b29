// One call that takes a file all the way: receive, submit, and run the batch in this process — what the
// CLI does, and what a crashed CLI run does again when the same file is resubmitted (it picks up the
// batch the dead process left, and since nothing of it was committed, applies it exactly once).
import type { AppContext } from '../app/context.js';
import { claim, finish, jobFor, renewLease } from '../platform/jobs/index.js';
import { conflict } from '../platform/errors.js';
import { batchRow, summaryOf, type BatchMode, type BatchSummary } from './batch-model.js';
import { receiveFile, resourceForSubmit, submitFile, type Submitter } from './batches.js';
import type { BatchProgress } from './progress.js';
import { runBatch } from './run-batch.js';
import { giveUpHandler } from './jobs.js';

export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

export async function importFile(
  ctx: AppContext,
  who: Submitter,
  f: { resourceRef: string; path: string; fileName: string; mode: BatchMode; owner: string; onProgress?: (p: BatchProgress) => void },
): Promise<BatchSummary & { duplicate: boolean }> {
  const resource = await resourceForSubmit(ctx, who, f.resourceRef);
  const received = await receiveFile(ctx.config.dataDir, f.path, MAX_UPLOAD_BYTES);
  const sub = await submitFile(ctx, who, { resource, received, fileName: f.fileName, mode: f.mode, claimedBy: f.owner });
  if (sub.duplicate && sub.batch.status === 'applied') return { ...summaryOf(sub.batch), duplicate: true };
  const job = sub.jobId ? { id: sub.jobId } : await jobFor(ctx.database.db, 'batch.run', sub.batch.id);
  if (!job) throw new Error(`batch ${sub.batch.id} has no job`);
  if (sub.duplicate) {
    // an earlier run of this file is unfinished: take it over if its process is gone
    const taken = await claim(ctx.database.db, { owner: f.owner, clock: ctx.clock, jobId: job.id, onGiveUp: giveUpHandler(ctx) });
    if (!taken) {
      const now = await batchRow(ctx.database.db, sub.batch.id);
      if (now.status === 'applied') return { ...summaryOf(now), duplicate: true };
      // the earlier batch failed (or was given up after repeated crashes): this file starts a new one
      if (now.status === 'failed') return importFile(ctx, who, f);
      throw conflict('batch_in_progress', `同一文件的批次 ${sub.batch.id} 正由其他进程处理 (another process is running this file's batch)`);
    }
  }
  const beat = setInterval(() => void ctx.database.touch((d) => renewLease(d, job.id, f.owner, ctx.clock)).catch(() => {}), 60_000);
  const summary = await runBatch(ctx, sub.batch.id, f.onProgress).finally(() => clearInterval(beat));
  await finish(ctx.database.db, job.id, summary.status === 'applied' ? 'done' : 'failed', ctx.clock, summary.error?.message);
  return { ...summary, duplicate: sub.duplicate };
}
