// Runs every queued job of the aggregation module now, in the test's own process, as the server's
// runner would; returns how many ran. A failing job fails the test.
import { runQueuedJobs } from '../../src/aggregation/index.js';
import type { AppContext } from '../../src/app/index.js';

export const drainJobs = (ctx: AppContext): Promise<number> => runQueuedJobs(ctx, `test:${process.pid}`, { rethrow: true });
