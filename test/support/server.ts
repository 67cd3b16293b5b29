// A real server on a random port, for HTTP and end-to-end tests.
import { buildAppWithRules, type BuildOptions } from '../../src/app/index.js';
import { jobHandlers } from '../../src/aggregation/index.js';
import type { AccessRule } from '../../src/identity/http/index.js';
import type { App } from '../../src/platform/http/index.js';
import { startJobRunner, type JobRunner } from '../../src/platform/jobs/index.js';
import { createTestContext, type TestContext } from './context.js';
import type { EngineName } from './engines.js';

export interface TestServer {
  url: string;
  app: App;
  accessRules: AccessRule[];
  ctx: TestContext;
  close(): Promise<void>;
}

export async function startTestServer(
  opts: {
    demo?: boolean;
    engine?: EngineName;
    clock?: () => number;
    build?: BuildOptions;
    /** Run the job queue in the server as `gongshu serve` does, so uploaded batches are processed. */
    jobs?: boolean;
  } = {},
): Promise<TestServer> {
  const ctx = await createTestContext(opts.engine ?? 'sqlite', { demo: opts.demo, clock: opts.clock });
  let runner: JobRunner | null = null;
  if (opts.jobs) {
    // a short poll: a test waits on batches, and the routes kick the runner on every submission anyway
    runner = startJobRunner(ctx.database.db, jobHandlers(ctx), { clock: ctx.clock, pollMs: 200 });
    const started = runner;
    ctx.kickJobs = () => started.kick();
  }
  const { app, accessRules } = await buildAppWithRules(ctx, { loginRateLimitPerMinute: 1000, ...opts.build });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    accessRules,
    ctx,
    close: async () => {
      await app.close();
      // the runner finishes the job in hand before the database it writes to is dropped
      await runner?.stop();
      await ctx.close();
    },
  };
}
