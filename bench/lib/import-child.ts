// Child process of the ingest benchmark: one whole batch through `importFile`, the function the CLI's
// `gongshu import` calls (receive + SM3, parse, cleanse, rules, apply in one transaction, problems,
// score, audit), on a scratch database with the demo city seeded, as the provider of 人口基本信息.
// Reports the batch summary, the time of each phase, CPU time, and memory along the way.
import { hostname, loadavg } from 'node:os';
import { importFile } from '../../src/aggregation/index.js';
import { openContext } from '../../src/app/index.js';
import { allResources } from '../../src/catalog/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { loadConfig } from '../../src/platform/config/index.js';
import { childMain } from './child-run.js';
import { POPULATION_RESOURCE } from './population-file.js';

export interface ImportInput {
  /** openDatabase URL of an empty scratch database. */
  db: string;
  dataDir: string;
  file: string;
  records: number;
}

export interface RssSample {
  read: number;
  rssKiB: number;
  heapUsedKiB: number;
  externalKiB: number;
}

export interface ImportOutput {
  engine: string;
  summary: Awaited<ReturnType<typeof importFile>>;
  /** Wall and CPU seconds of the importFile call alone. */
  seconds: number;
  cpuSeconds: number;
  phases: {
    /** receive (copy + SM3), submit, open the transaction, and the first chunk of records. */
    untilFirstChunk: number;
    /** the rest of the chunks: parse, cleanse, check, upsert, problem records. */
    chunks: number;
    /** counting the store, score, ticket, batch row, audit entry. */
    finishing: number;
    /** COMMIT and the job's bookkeeping. */
    commit: number;
  };
  /** Resident memory before the batch (context open, demo seeded) and its peak up to then. */
  rssBeforeKiB: number;
  maxRssBeforeKiB: number;
  samples: RssSample[];
  load1: [number, number];
}

const kib = (bytes: number) => Math.round(bytes / 1024);

function sample(read: number): RssSample {
  const m = process.memoryUsage();
  return { read, rssKiB: kib(m.rss), heapUsedKiB: kib(m.heapUsed), externalKiB: kib(m.external + m.arrayBuffers) };
}

childMain<ImportInput, ImportOutput>(async (input) => {
  // production defaults, but for the one switch the benchmark runs both ways (bench/ingest.ts sets it)
  const config = loadConfig(
    { db: input.db, dataDir: input.dataDir, logLevel: 'silent' },
    { GONGSHU_INGEST_WORKER_FROM_BYTES: process.env.GONGSHU_INGEST_WORKER_FROM_BYTES },
  );
  const ctx = await openContext(config);
  try {
    await seedDemo(ctx);
    const resource = (await allResources(ctx.database.db)).find((r) => r.name === POPULATION_RESOURCE && r.publishedVersion !== null);
    if (!resource) throw new Error(`the demo catalog has no published resource named ${POPULATION_RESOURCE}`);
    const who = {
      actor: { type: 'system' as const, id: null, name: 'bench', unitId: resource.providerUnitId },
      unitId: resource.providerUnitId,
      anyResource: true,
    };
    const before = process.memoryUsage().rss;
    const maxBefore = process.resourceUsage().maxRSS;
    const samples: RssSample[] = [sample(0)];
    const every = Math.max(1, Math.floor(input.records / 20));
    let nextSample = every;
    const at: { first?: number; lastChunk?: number; done?: number } = {};
    const load0 = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await importFile(ctx, who, {
      resourceRef: resource.id,
      path: input.file,
      fileName: 'population.csv',
      mode: 'upsert',
      owner: `bench:${hostname()}:${process.pid}`,
      onProgress: (p) => {
        const now = performance.now();
        // called after every chunk while reading, then once more when the batch is done (before COMMIT)
        if (p.phase === 'done') at.done = now;
        else {
          at.first ??= now;
          at.lastChunk = now;
        }
        if (p.read >= nextSample) {
          samples.push(sample(p.read));
          nextSample += every;
        }
      },
    });
    const t1 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    samples.push(sample(summary.rows));
    const s = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? NaN : (b - a) / 1000);
    return {
      engine: ctx.database.adapter.engine,
      summary,
      seconds: (t1 - t0) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      phases: {
        untilFirstChunk: s(t0, at.first),
        chunks: s(at.first, at.lastChunk),
        finishing: s(at.lastChunk, at.done),
        commit: s(at.done, t1),
      },
      rssBeforeKiB: kib(before),
      maxRssBeforeKiB: maxBefore,
      samples,
      load1: [load0, loadavg()[0]!],
    };
  } finally {
    await ctx.database.close();
  }
});
