// The aggregation module's durable jobs: running a batch, and merging an applied batch into the base
// libraries its resource feeds.
import type { AppContext } from '../app/context.js';
import { publishedResource } from '../catalog/index.js';
import { dueThematic, mergeBatchIntoLibraries, refreshThematic } from '../governance/index.js';
import { claim, enqueue, finish } from '../platform/jobs/index.js';
import type { Job, JobHandler } from '../platform/jobs/index.js';
import { batchRow } from './batch-model.js';
import { datasetTable } from './dataset-store.js';
import { failBatch, runBatch } from './run-batch.js';

/** A job that kept crashing its process: its batch fails cleanly (nothing of it was ever committed). */
export function giveUpHandler(ctx: AppContext): (job: Job) => Promise<void> {
  return async (job) => {
    if (job.kind === 'batch.run')
      await failBatch(
        ctx,
        job.ref_id,
        `处理进程多次中断，已放弃（${job.attempts} 次） (gave up after ${job.attempts} interrupted attempts)`,
      );
  };
}

export function jobHandlers(ctx: AppContext): Record<string, JobHandler> {
  return {
    'batch.run': async (job) => {
      await runBatch(ctx, job.ref_id);
    },
    'thematic.refresh': async (job) => {
      await refreshThematic(ctx.database, ctx.audit, job.ref_id, ctx.clock);
    },
    'library.merge': async (job) => {
      const batch = await batchRow(ctx.database.db, job.ref_id);
      const resource = await publishedResource(ctx.database.db, batch.resource_id);
      const table = await datasetTable(ctx.database.db, batch.resource_id);
      if (!resource || !table) return;
      await mergeBatchIntoLibraries(ctx.database, ctx.audit, batch.id, resource, table, {
        clock: ctx.clock,
        deadlineDays: ctx.config.ticketDeadlineDays,
        tableOf: async (trx, resourceId) => (await datasetTable(trx, resourceId))?.tableName ?? null,
      });
    },
  };
}

/** Queues the thematic libraries whose refresh is due and not already queued; the server calls it every minute. */
export async function scheduleDueWork(ctx: AppContext): Promise<number> {
  let queued = 0;
  for (const id of await dueThematic(ctx.database.db, ctx.clock)) {
    const waiting = await ctx.database.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', 'thematic.refresh')
      .where('ref_id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (waiting) continue;
    await ctx.database.db.transaction().execute((trx) => enqueue(trx, { kind: 'thematic.refresh', refId: id, clock: ctx.clock }));
    queued += 1;
  }
  return queued;
}

/** Runs every runnable job now, in this process, one at a time (`gongshu jobs run`, the demo seed, tests); returns how many ran. */
export async function runQueuedJobs(ctx: AppContext, owner: string, opts: { rethrow?: boolean } = {}): Promise<number> {
  const handlers = jobHandlers(ctx);
  let ran = 0;
  for (;;) {
    const job = await claim(ctx.database.db, { owner, clock: ctx.clock, kinds: Object.keys(handlers), onGiveUp: giveUpHandler(ctx) });
    if (!job) return ran;
    try {
      await handlers[job.kind]!(job);
      await finish(ctx.database.db, job.id, 'done', ctx.clock);
    } catch (err) {
      await finish(ctx.database.db, job.id, 'failed', ctx.clock, err instanceof Error ? err.message : String(err));
      if (opts.rethrow) throw err;
    }
    ran += 1;
  }
}
