// Runs every queued job of the aggregation module now, in the test's own process, as the server's
// runner would; returns how many ran.
import { giveUpHandler, jobHandlers } from '../../src/aggregation/index.js';
import { claim, finish } from '../../src/platform/jobs/index.js';
import type { AppContext } from '../../src/app/index.js';

export async function drainJobs(ctx: AppContext): Promise<number> {
  const handlers = jobHandlers(ctx);
  let ran = 0;
  for (;;) {
    const job = await claim(ctx.database.db, {
      owner: `test:${process.pid}`,
      clock: ctx.clock,
      kinds: Object.keys(handlers),
      onGiveUp: giveUpHandler(ctx),
    });
    if (!job) return ran;
    try {
      await handlers[job.kind]!(job);
      await finish(ctx.database.db, job.id, 'done', ctx.clock);
    } catch (err) {
      await finish(ctx.database.db, job.id, 'failed', ctx.clock, String(err));
      throw err;
    }
    ran += 1;
  }
}
