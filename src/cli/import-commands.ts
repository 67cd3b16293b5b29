// `gongshu import`: runs a batch from a file as the resource's producer and prints one JSON summary;
// `gongshu jobs run`: runs what the job queue holds (library merges, batches left by a stopped server).
import { Command, Option } from 'commander';
import { basename } from 'node:path';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { withContext, assertDatabaseExists, type CommonOptions } from './context.js';
import { dataDirOption, dbOption } from './options.js';

interface ImportOptions extends CommonOptions {
  resource: string;
  file: string;
  mode: 'upsert' | 'snapshot' | 'delete';
  problemsOut?: string;
  progress?: boolean;
}

export function registerImportCommands(program: Command) {
  program
    .command('import')
    .description('导入批次 run a batch from a file (CSV, XLSX, JSON Lines) as the resource’s producer')
    .requiredOption('--resource <code>', 'resource code (or id) of a published table resource')
    .requiredOption('--file <path>', 'the file: .csv (UTF-8, UTF-8 with BOM, GB18030), .xlsx or .jsonl')
    .addOption(
      new Option('--mode <mode>', 'upsert by key, full snapshot, or delete by key')
        .choices(['upsert', 'snapshot', 'delete'])
        .default('upsert'),
    )
    .option('--problems-out <file>', 'write the problem records as UTF-8 CSV: record,element,rule,severity,value,message')
    .option('--progress', 'report progress on standard error')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: ImportOptions) => {
      const { loadConfig } = await import('../platform/config/index.js');
      await assertDatabaseExists(loadConfig({ db: opts.db, dataDir: opts.dataDir }).db);
      await withContext(opts, async (ctx) => {
        const { importFile, resourceForSubmit } = await import('../aggregation/index.js');
        const { ownerId } = await import('../platform/jobs/index.js');
        const { liveCount, datasetTable } = await import('../aggregation/index.js');
        const resource = await resourceForSubmit(ctx, { actor: cliActor(null), unitId: '', anyResource: true }, opts.resource);
        const who = { actor: cliActor(resource.providerUnitId), unitId: resource.providerUnitId, anyResource: true };
        const summary = await importFile(ctx, who, {
          resourceRef: resource.id,
          path: opts.file,
          fileName: basename(opts.file),
          mode: opts.mode,
          owner: ownerId('cli'),
          onProgress: opts.progress
            ? (p) => process.stderr.write(`${p.phase} ${p.read} read, ${p.applied} applied, ${p.rejected} rejected\n`)
            : undefined,
        });
        if (opts.problemsOut) await writeProblems(ctx, summary.batch, opts.problemsOut);
        const now = await liveCount(ctx.database.db, await datasetTable(ctx.database.db, resource.id));
        // the same file again is a no-op: say so, with the store as it stands and the batch that did apply it
        const printed = summary.duplicate
          ? {
              ...summary,
              rows: 0,
              applied: 0,
              rejected: 0,
              warned: 0,
              duplicates: 0,
              deleted: 0,
              repaired: 0,
              problems: {},
              storeCountBefore: now,
              storeCountAfter: now,
            }
          : summary;
        console.log(JSON.stringify({ ...printed, resource: resource.code }, null, 2));
        if (summary.status !== 'applied') process.exitCode = 1;
      });
    });

  const jobs = program.command('jobs').description('后台任务 the durable job queue');
  jobs
    .command('run')
    .description('运行队列中的任务后退出 run queued jobs, then exit')
    .addOption(dbOption())
    .addOption(dataDirOption())
    .action(async (opts: CommonOptions) => {
      await withContext(opts, async (ctx) => {
        const { runQueuedJobs } = await import('../aggregation/index.js');
        const { ownerId } = await import('../platform/jobs/index.js');
        const ran = await runQueuedJobs(ctx, ownerId('cli'));
        console.log(JSON.stringify({ ran }));
      });
    });
}

function cliActor(unitId: string | null) {
  return { type: 'system' as const, id: null, name: 'cli-import', unitId };
}

async function writeProblems(ctx: import('../app/index.js').AppContext, batchId: string, path: string) {
  const { batchProblems } = await import('../governance/index.js');
  const { csvLine } = await import('../platform/csv/index.js');
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(csvLine(['record', 'element', 'rule', 'severity', 'value', 'message']));
  for await (const page of batchProblems(ctx.database.db, batchId))
    for (const p of page) await write(csvLine([p.record, p.element, p.rule, p.severity, p.value, p.message]));
  out.end();
  await once(out, 'finish');
}
