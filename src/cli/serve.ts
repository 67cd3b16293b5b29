// `gongshu serve`: the API and the console on one port.
import { Command } from 'commander';
import { dataDirOption, dbOption } from './options.js';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('启动服务（API 与控制台） serve the API and the console')
    .option('--port <n>', 'port (default 8080, or GONGSHU_PORT)', (v) => Number(v))
    .option('--demo', 'load the demo city into an empty database on first start')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: { port?: number; demo?: boolean; db?: string; dataDir?: string }) => {
      const { buildApp, openContext } = await import('../app/index.js');
      const { seedDemo } = await import('../demo/index.js');
      const { loadConfig } = await import('../platform/config/index.js');
      const config = loadConfig({ db: opts.db, port: opts.port, dataDir: opts.dataDir });
      const ctx = await openContext(config);
      if (opts.demo) {
        const r = await seedDemo(ctx, { data: true });
        if (r.seeded)
          console.log(
            `demo city loaded: ${r.units} units, ${r.accounts} accounts, ${r.resources} catalog resources, ${r.batches} data batches (see README for the accounts)`,
          );
      }
      const { jobHandlers, giveUpHandler, scheduleDueWork } = await import('../aggregation/index.js');
      const { renewLease, startJobRunner } = await import('../platform/jobs/index.js');
      // batches, library merges and anything a stopped server left half done run here, one at a time
      const runner = startJobRunner(ctx.database.db, jobHandlers(ctx), {
        clock: ctx.clock,
        onGiveUp: giveUpHandler(ctx),
        // a lease renewal is bookkeeping: skipped, not waited for, while a batch holds SQLite's write lock
        heartbeat: (job, owner) => ctx.database.touch((d) => renewLease(d, job.id, owner, ctx.clock)),
        onError: (job, err) => console.error(`job ${job.kind} ${job.ref_id} failed: ${err instanceof Error ? err.message : String(err)}`),
      });
      ctx.kickJobs = () => runner.kick();
      // scheduled work (thematic library refreshes) is queued once a minute
      const scheduler = setInterval(() => {
        scheduleDueWork(ctx)
          .then((n) => n > 0 && runner.kick())
          .catch((err) => console.error(`scheduling failed: ${err instanceof Error ? err.message : String(err)}`));
      }, 60_000);
      scheduler.unref();
      // webhook deliveries leave the outbox every few seconds, after the transactions that wrote them
      const { deliverOutbox } = await import('../governance/index.js');
      const courier = setInterval(() => {
        deliverOutbox(ctx.database.db, ctx.clock).catch((err) =>
          console.error(`webhook delivery failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      }, 5_000);
      courier.unref();
      const app = await buildApp(ctx);
      const stop = async (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        await app.close();
        clearInterval(scheduler);
        clearInterval(courier);
        await runner.stop();
        await ctx.database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      console.log(`Gongshu 公数 listening on http://localhost:${config.port} (database: ${ctx.database.adapter.engine})`);
    });
}
