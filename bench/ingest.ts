// Benchmark for the ingest issue: a 1,000,000-record population CSV (8 columns, the resource's default
// rule set) through parse → cleanse → validate → apply with `importFile` on SQLite and on PostgreSQL,
// and in the same run the same load and checks done by DuckDB (`read_csv` + SQL) as the reference.
//
// Each end-to-end run is a child process of its own (bench/lib/import-child.ts), compiled to JavaScript
// and run with plain node as production runs, so that its peak RSS is its own. The stages (receiving,
// parsing, rule evaluation, row hashing) are measured here one at a time on the same file, and so are
// the write side alone and prototypes of changes to it (bench/lib/store-prototype.ts) and what keeping
// a key per record costs in memory (bench/lib/retention-child.ts). The benchmark checks itself: every
// batch must read every record, and the counts of importFile, of DuckDB and of the generator's ground
// truth are compared in the notes.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { POPULATION_COLUMNS } from '../src/demo/data/index.js';
import type { Element } from '../src/catalog/index.js';
import { shanghaiDate } from '../src/platform/db/index.js';
import { buildChildren } from './lib/build-children.js';
import { runChild, type ChildProcessFacts, type ChildRunOptions } from './lib/child-run.js';
import type { DuckdbIngestOptions, DuckdbIngestResult } from './lib/duckdb-reference.js';
import type { ImportInput, ImportOutput } from './lib/import-child.js';
import {
  loadRecords,
  measureParse,
  measureReceive,
  measureRowHash,
  measureRules,
  medianTiming,
  populationElements,
  type RuleTimings,
} from './lib/ingest-stages.js';
import { machineInfo } from './lib/machine.js';
import { load1 } from './lib/measure.js';
import { POPULATION_SEED, tallyDifferences, truthByRule, writePopulationCsv, type PopulationFile } from './lib/population-file.js';
import { makeResult, type BenchOptions, type Benchmark, type Report, type Result } from './lib/report.js';
import type { RetentionInput, RetentionMode, RetentionOutput } from './lib/retention-child.js';
import { pgDurabilitySettings, pgReachable, scratchPostgres, scratchSqlite, type Scratch } from './lib/scratch.js';
import { measureStore, STORE_VARIANT_LABELS, STORE_VARIANTS } from './lib/store-prototype.js';

// the targets, for 2 cores
const TARGET_SQLITE = 150_000; // records/s end to end
const TARGET_POSTGRES = 80_000; // records/s end to end
const TARGET_RULES = 1_000_000; // records/s, cleanse + check alone
const TARGET_RSS_MIB = 300; // peak RSS of a batch's process, 1M and 5M records alike
const TARGET_DUCKDB_RATIO = 5; // DuckDB's records/s over ours

type Engine = 'sqlite' | 'postgres';

interface Sizes {
  records: number;
  /** Further SQLite batches, for peak RSS against file size. */
  larger: number[];
  /** Records held in memory for rule evaluation alone. */
  rulesRecords: number;
  passes: number;
  /** DuckDB thread counts to run; undefined is DuckDB's default (one per core). */
  duckdbThreads: (number | undefined)[];
  /** Compile the child scripts and run them with plain node (else through tsx). */
  build: boolean;
}

function sizes(quick: boolean): Sizes {
  const base: Sizes = quick
    ? { records: 20_000, larger: [], rulesRecords: 20_000, passes: 3, duckdbThreads: [undefined], build: false }
    : { records: 1_000_000, larger: [5_000_000], rulesRecords: 250_000, passes: 5, duckdbThreads: [undefined, 1], build: true };
  // for trying things out: GONGSHU_BENCH_INGEST_RECORDS=200000 GONGSHU_BENCH_INGEST_LARGER=0 (none) GONGSHU_BENCH_CHILD=tsx|build
  const env = process.env;
  const records = env.GONGSHU_BENCH_INGEST_RECORDS ? Number(env.GONGSHU_BENCH_INGEST_RECORDS) : undefined;
  if (records !== undefined && !(Number.isSafeInteger(records) && records > 0))
    throw new Error(`GONGSHU_BENCH_INGEST_RECORDS must be a positive integer, got ${env.GONGSHU_BENCH_INGEST_RECORDS}`);
  const larger = env.GONGSHU_BENCH_INGEST_LARGER;
  return {
    ...base,
    ...(records ? { records, rulesRecords: Math.min(base.rulesRecords, records) } : {}),
    ...(larger !== undefined ? { larger: larger === '0' ? [] : larger.split(',').map(Number) } : {}),
    ...(env.GONGSHU_BENCH_CHILD ? { build: env.GONGSHU_BENCH_CHILD === 'build' } : {}),
  };
}

const MIB = 1024 * 1024;
const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
const fmt = (n: number) => n.toLocaleString('en-US');
const short = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : `${n}`;

interface Run {
  size: Sizes;
  today: string;
  dir: string;
  child: ChildRunOptions;
  results: Result[];
  breakdown: Result[];
  notes: string[];
  settings: Record<string, unknown>;
}

function part(
  r: Run,
  id: string,
  engine: Result['engine'],
  label: string,
  count: number,
  t: { seconds: number; cpuSeconds: number },
  extra?: Record<string, unknown>,
) {
  r.breakdown.push(
    makeResult({ id, engine, label, count, seconds: t.seconds, cpuSeconds: t.cpuSeconds, unit: 'records/s', ...(extra ? { extra } : {}) }),
  );
}

// --- the stages, one at a time, in this process ---------------------------------------------------------

async function stages(r: Run, file: PopulationFile, elements: Element[]) {
  const received = await measureReceive(file.path, r.dir);
  part(
    r,
    'none.receive',
    'none',
    `receive: copy the upload + SM3 (${(received.bytes / MIB / received.seconds).toFixed(0)} MiB/s)`,
    file.records,
    received,
  );
  const parsed = await measureParse(file.path);
  if (parsed.records !== file.records) throw new Error(`the reader found ${parsed.records} records, not ${file.records}`);
  part(
    r,
    'none.parse',
    'none',
    `parse alone: openRecordReader, chunks of 2,000 (${(file.bytes / MIB / parsed.seconds).toFixed(0)} MiB/s)`,
    parsed.records,
    parsed,
  );
  const rows = await loadRecords(file.path, elements, r.size.rulesRecords);
  const rules = measureRules(rows, elements, r.today, r.size.passes);
  r.settings.rules = rules.rules;
  ruleResults(r, rules);
  const hashed = medianTiming(measureRowHash(rows, r.size.passes));
  part(r, 'none.rowhash', 'none', `row hash alone: join values + SM3 per record (median of ${r.size.passes})`, rows.length, hashed);
}

function ruleResults(r: Run, t: RuleTimings) {
  const both = medianTiming(t.both);
  r.results.push(
    makeResult({
      id: 'none.rules',
      engine: 'none',
      label: `rule evaluation alone: cleanse + check, ${t.rules} rules, ${short(t.records)} records in memory (median of ${t.both.length})`,
      count: t.records,
      seconds: both.seconds,
      cpuSeconds: both.cpuSeconds,
      unit: 'records/s',
      target: TARGET_RULES,
      extra: { passesSeconds: t.both.map((x) => x.seconds), repaired: t.repaired, problems: t.problems },
    }),
  );
  part(
    r,
    'none.rules.cleanse',
    'none',
    `cleanse alone, ${short(t.records)} records in memory (median of ${t.cleanse.length})`,
    t.records,
    medianTiming(t.cleanse),
  );
  part(
    r,
    'none.rules.check',
    'none',
    `check alone, ${short(t.records)} records in memory (median of ${t.check.length})`,
    t.records,
    medianTiming(t.check),
  );
}

// --- end to end -----------------------------------------------------------------------------------------

type ImportRun = ImportOutput & ChildProcessFacts;

/** One importFile batch in a child process on a fresh scratch database of the engine. */
async function importRun(r: Run, engine: Engine, file: PopulationFile, worker = false): Promise<ImportRun> {
  const scratch: Scratch = engine === 'sqlite' ? scratchSqlite() : await scratchPostgres();
  // the child's configuration takes the switch: preparation in a worker thread for every file, or never (unset)
  const switchBefore = process.env.GONGSHU_INGEST_WORKER_FROM_BYTES;
  if (worker) process.env.GONGSHU_INGEST_WORKER_FROM_BYTES = '0';
  else delete process.env.GONGSHU_INGEST_WORKER_FROM_BYTES;
  try {
    const input: ImportInput = { db: scratch.url, dataDir: scratch.dir, file: file.path, records: file.records };
    const cpuProfDir = process.env.GONGSHU_BENCH_CPU_PROF || undefined;
    const out = await runChild<ImportOutput>('bench/lib/import-child.ts', input, { ...r.child, ...(cpuProfDir ? { cpuProfDir } : {}) });
    const s = out.summary;
    if (s.status !== 'applied' || s.rows !== file.records)
      throw new Error(
        `${engine}: the batch did not read the whole file: ${JSON.stringify({ status: s.status, rows: s.rows, error: s.error })}`,
      );
    return out;
  } finally {
    if (switchBefore === undefined) delete process.env.GONGSHU_INGEST_WORKER_FROM_BYTES;
    else process.env.GONGSHU_INGEST_WORKER_FROM_BYTES = switchBefore;
    await scratch.drop();
  }
}

function importResults(r: Run, run: ImportRun, file: PopulationFile, target?: number, worker = false): Result {
  const engine = run.engine as Engine;
  const n = file.records;
  const s = run.summary;
  const tag = worker ? `${short(n)}.worker` : short(n);
  const how = worker ? ', prepared in a worker thread' : '';
  const main = makeResult({
    id: `${engine}.import.${tag}`,
    engine,
    label: `importFile end to end, ${short(n)} records${how} (receive → parse → cleanse → validate → apply → commit)`,
    count: s.rows,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    unit: 'records/s',
    ...(target ? { target } : {}),
    extra: {
      megabytesPerSecond: file.bytes / MIB / run.seconds,
      applied: s.applied,
      rejected: s.rejected,
      warned: s.warned,
      duplicates: s.duplicates,
      repaired: s.repaired,
      problems: s.problems,
      ruleSetVersion: s.ruleSetVersion,
      phases: run.phases,
      load1: run.load1,
    },
  });
  r.results.push(main);
  const rss = makeResult({
    id: `${engine}.rss.${tag}`,
    engine,
    label: `peak RSS of the batch's process, ${short(n)} records${how} (≤ ${TARGET_RSS_MIB} MiB)`,
    count: s.rows,
    seconds: run.seconds,
    cpuSeconds: run.cpuSeconds,
    rate: mib(run.maxRssKiB),
    unit: 'MiB',
    extra: {
      maxTargetMiB: TARGET_RSS_MIB,
      rssBeforeBatchMiB: mib(run.rssBeforeKiB),
      maxRssBeforeBatchMiB: mib(run.maxRssBeforeKiB),
      samples: run.samples.map((x) => ({
        read: x.read,
        rssMiB: mib(x.rssKiB),
        heapUsedMiB: mib(x.heapUsedKiB),
        externalMiB: mib(x.externalKiB),
      })),
    },
  });
  rss.met = rss.rate <= TARGET_RSS_MIB;
  r.results.push(rss);

  const p = run.phases;
  const id = `${engine}.import.${tag}`;
  const none = { cpuSeconds: 0 };
  part(r, `${id}.first`, engine, `import phase: receive (copy + SM3), submit, first chunk of 2,000`, Math.min(2000, n), {
    seconds: p.untilFirstChunk,
    ...none,
  });
  part(r, `${id}.chunks`, engine, `import phase: the other chunks (parse, cleanse, check, upsert, problems)`, Math.max(0, n - 2000), {
    seconds: p.chunks,
    ...none,
  });
  part(r, `${id}.finishing`, engine, `import phase: count, score, ticket, batch row, audit`, n, { seconds: p.finishing, ...none });
  part(r, `${id}.commit`, engine, `import phase: COMMIT and job bookkeeping`, n, { seconds: p.commit, ...none });
  const last = run.samples[run.samples.length - 1]!;
  const mid = run.samples[Math.floor(run.samples.length / 2)]!;
  r.notes.push(
    `${engine}, ${fmt(n)} records${how}: RSS ${mib(run.rssBeforeKiB)} MiB before the batch (context open, demo seeded), ` +
      `${mib(mid.rssKiB)} MiB after ${fmt(mid.read)} records, ${mib(last.rssKiB)} MiB at the end, peak ${mib(run.maxRssKiB)} MiB; ` +
      `V8 heap used ${mib(run.samples[0]!.heapUsedKiB)} → ${mib(mid.heapUsedKiB)} → ${mib(last.heapUsedKiB)} MiB`,
  );
  return main;
}

// --- the reference --------------------------------------------------------------------------------------

async function duckdb(r: Run, file: PopulationFile, imports: Partial<Record<Engine, { main: Result; run: ImportRun }>>) {
  let reference: DuckdbIngestResult | null = null;
  for (const threads of r.size.duckdbThreads) {
    console.log(`DuckDB (${threads ?? 'default'} threads)…`);
    const input: DuckdbIngestOptions = {
      csvPath: file.path,
      dbPath: join(r.dir, `reference-${threads ?? 'default'}.duckdb`),
      today: r.today,
      columns: POPULATION_COLUMNS.map((col) => col.code),
      ...(threads ? { threads } : {}),
    };
    const d = await runChild<DuckdbIngestResult>('bench/lib/duckdb-child.ts', input, r.child);
    rmSync(input.dbPath, { force: true });
    reference ??= d;
    r.settings.duckdb = d.version;
    const th = `${d.threads} thread${d.threads > 1 ? 's' : ''}`;
    r.results.push(
      makeResult({
        id: `none.duckdb.t${d.threads}`,
        engine: 'none',
        label: `DuckDB reference: read_csv + the same cleansing and checks in SQL + keyed table, ${th}`,
        count: d.records,
        seconds: d.seconds,
        cpuSeconds: d.cpuSeconds,
        unit: 'records/s',
        extra: { peakRssMiB: mib(d.maxRssKiB), applied: d.applied, rejected: d.rejected, duplicates: d.duplicates, phases: d.phases },
      }),
    );
    for (const [step, seconds] of Object.entries(d.phases))
      part(r, `none.duckdb.t${d.threads}.${step.replace(/\W+/g, '_')}`, 'none', `DuckDB ${th}: ${step}`, d.records, {
        seconds,
        cpuSeconds: 0,
      });
    r.notes.push(`DuckDB ${d.version}, ${th}: peak RSS ${mib(d.maxRssKiB)} MiB`);
  }
  if (!reference) return;
  const duckRate = reference.records / reference.seconds;
  for (const { main } of Object.values(imports)) {
    const ratio = makeResult({
      id: `${main.engine}.duckdb_ratio`,
      engine: main.engine,
      label: `DuckDB (${reference.threads} threads) records/s ÷ ours (goal ≤ ${TARGET_DUCKDB_RATIO}×)`,
      count: main.count,
      seconds: main.seconds,
      cpuSeconds: main.cpuSeconds,
      rate: duckRate / main.rate,
      unit: '×',
      extra: { duckdbRecordsPerSecond: duckRate, oursRecordsPerSecond: main.rate, maxTarget: TARGET_DUCKDB_RATIO },
    });
    ratio.met = ratio.rate <= TARGET_DUCKDB_RATIO;
    r.results.push(ratio);
  }
  // the reference must have done the same work: same counts, same records per rule
  const s = (imports.sqlite ?? imports.postgres)!.run.summary;
  const same = reference.applied === s.applied && reference.rejected === s.rejected && reference.duplicates === s.duplicates;
  const diff = tallyDifferences(s.problems, reference.problemsByRule);
  r.notes.push(
    same && diff.length === 0
      ? `DuckDB's reference reached importFile's counts exactly: ${fmt(s.applied)} applied, ${fmt(s.rejected)} rejected, ${fmt(s.duplicates)} duplicates, and the same records per rule`
      : `DuckDB's reference differs from importFile: applied ${reference.applied} vs ${s.applied}, rejected ${reference.rejected} vs ${s.rejected}, duplicates ${reference.duplicates} vs ${s.duplicates}; per rule (importFile vs DuckDB): ${diff.join('; ') || 'same'}`,
  );
}

// --- where the time and the memory go -------------------------------------------------------------------

async function retention(r: Run, file: PopulationFile) {
  const heap: Partial<Record<RetentionMode, number>> = {};
  for (const mode of ['none', 'sliced', 'flat'] as const) {
    const input: RetentionInput = { file: file.path, mode, keyColumn: POPULATION_COLUMNS.findIndex((c) => c.code === 'id_number') };
    const out = await runChild<RetentionOutput>('bench/lib/retention-child.ts', input, { ...r.child, nodeFlags: ['--expose-gc'] });
    heap[mode] = mib(out.heapUsedKiB);
    r.breakdown.push(
      makeResult({
        id: `none.retention.${mode}`,
        engine: 'none',
        label: `memory: read the file keeping ${mode === 'none' ? 'nothing' : mode === 'sliced' ? "{ key, recordNo } per record, the reader's key string (as appliedKeys)" : '{ key, recordNo } per record, the key copied'} — V8 heap after GC`,
        count: out.records,
        seconds: 0,
        cpuSeconds: 0,
        rate: heap[mode]!,
        unit: 'MiB heap',
        extra: { rssMiB: mib(out.rssKiB), peakRssMiB: mib(out.maxRssKiB) },
      }),
    );
  }
  r.notes.push(
    `keeping each record's key for the whole batch (run-batch.ts appliedKeys): +${(heap.sliced! - heap.none!).toFixed(0)} MiB of heap for ${fmt(file.records)} records ` +
      `with the reader's strings (each 18-character key is a slice that keeps its decoded chunk alive), +${(heap.flat! - heap.none!).toFixed(0)} MiB with copied keys`,
  );
}

async function stores(r: Run, file: PopulationFile, elements: Element[], engines: Engine[]) {
  for (const engine of engines)
    for (const variant of STORE_VARIANTS[engine]) {
      console.log(`${engine} store: ${variant}…`);
      const scratch = engine === 'sqlite' ? scratchSqlite() : await scratchPostgres();
      try {
        const t = await measureStore(scratch.url, file.path, elements, r.today, variant);
        const id = `${engine}.store.${variant}`;
        const extra = {
          rows: t.rows,
          commitSeconds: t.commitSeconds,
          storeSeconds: t.store.seconds,
          storeCpuSeconds: t.store.cpuSeconds,
          serverCpuSeconds: t.serverCpuSeconds,
        };
        part(
          r,
          `${id}.calls`,
          engine,
          `store alone (upsert calls${variant === 'overlap' ? ', time waited' : ''}): ${STORE_VARIANT_LABELS[variant]}`,
          t.rows,
          t.store,
          extra,
        );
        part(r, `${id}.stream`, engine, `prepare + store + commit, streamed: ${STORE_VARIANT_LABELS[variant]}`, file.records, t, extra);
        if (t.serverCpuSeconds !== null)
          part(
            r,
            `${id}.server`,
            engine,
            `PostgreSQL server process CPU (rate per server CPU-second): ${STORE_VARIANT_LABELS[variant]}`,
            t.rows,
            {
              seconds: t.serverCpuSeconds,
              cpuSeconds: t.serverCpuSeconds,
            },
          );
      } finally {
        await scratch.drop();
      }
    }
}

// --- the run --------------------------------------------------------------------------------------------

async function run({ quick }: BenchOptions): Promise<Report> {
  const size = sizes(quick);
  const startedAt = new Date().toISOString();
  const pg = await pgReachable();
  const files = scratchSqlite(); // a scratch directory for the generated files and DuckDB's databases
  const machine = machineInfo(files.dir, pg.ok ? pg.version : null);
  const r: Run = {
    size,
    today: shanghaiDate(Date.now),
    dir: files.dir,
    child: {},
    results: [],
    breakdown: [],
    notes: [],
    settings: { records: size.records, seed: POPULATION_SEED, larger: size.larger },
  };
  r.settings.today = r.today;
  try {
    if (size.build) {
      console.log('compiling the child scripts…');
      const built = await buildChildren();
      r.child = { buildDir: built.dir };
      r.settings.children = `compiled with tsc in ${built.seconds.toFixed(1)} s, run with plain node`;
      if (built.diagnostics)
        r.notes.push(
          `the child build reported type errors (files being edited elsewhere); the emitted JavaScript was used:\n${built.diagnostics}`,
        );
    } else r.settings.children = 'run through tsx (its loader adds about 50 MiB of RSS)';

    console.log(`generating ${fmt(size.records)} population records…`);
    let file = await writePopulationCsv(files.dir, size.records, r.today);
    const truth = await truthByRule(file.truthPath);
    r.settings.fileBytes = file.bytes;
    r.settings.bytesPerRecord = file.bytes / file.records;
    part(
      r,
      'none.generate',
      'none',
      `generate + write the CSV (${(file.bytes / MIB).toFixed(1)} MiB, UTF-8) and its truth file`,
      file.records,
      file,
    );

    console.log('measuring the stages…');
    const elements = populationElements();
    await stages(r, file, elements);

    const imports: Partial<Record<Engine, { main: Result; run: ImportRun }>> = {};
    console.log(`SQLite: importing ${fmt(file.records)} records…`);
    const sqlite = await importRun(r, 'sqlite', file);
    imports.sqlite = { run: sqlite, main: importResults(r, sqlite, file, TARGET_SQLITE) };
    if (pg.ok) {
      r.settings.postgres = await pgDurabilitySettings();
      console.log(`PostgreSQL: importing ${fmt(file.records)} records…`);
      const run = await importRun(r, 'postgres', file);
      imports.postgres = { run, main: importResults(r, run, file, TARGET_POSTGRES) };
      const d = tallyDifferences(sqlite.summary.problems, run.summary.problems);
      if (d.length > 0 || run.summary.applied !== sqlite.summary.applied)
        r.notes.push(`SQLite and PostgreSQL batches differ: ${d.join('; ')}`);
    } else r.notes.push(`PostgreSQL skipped: ${pg.reason}`);
    // the same batches with preparation in a worker thread (off by default; recommendation 4)
    for (const engine of pg.ok ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)) {
      console.log(`${engine}: importing ${fmt(file.records)} records, prepared in a worker thread…`);
      const run = await importRun(r, engine, file, true);
      importResults(r, run, file, engine === 'sqlite' ? TARGET_SQLITE : TARGET_POSTGRES, true);
      const d = tallyDifferences(sqlite.summary.problems, run.summary.problems);
      if (d.length > 0 || run.summary.applied !== sqlite.summary.applied || run.summary.repaired !== sqlite.summary.repaired)
        r.notes.push(`${engine} with the worker differs from SQLite on one thread: ${d.join('; ')}`);
    }

    await duckdb(r, file, imports);
    const truthDiff = tallyDifferences(truth, sqlite.summary.problems);
    r.notes.push(
      truthDiff.length === 0
        ? `importFile raised exactly the problems the generator's ground truth lists`
        : `importFile against the generator's ground truth (truth vs importFile): ${truthDiff.join('; ')}`,
    );

    console.log('where the memory and the time go…');
    await retention(r, file);
    await stores(r, file, elements, pg.ok ? ['sqlite', 'postgres'] : ['sqlite']);

    // peak RSS against file size
    for (const n of size.larger) {
      rmSync(file.path, { force: true });
      rmSync(file.truthPath, { force: true });
      console.log(`generating ${fmt(n)} population records…`);
      file = await writePopulationCsv(files.dir, n, r.today);
      console.log(`SQLite: importing ${fmt(n)} records…`);
      importResults(r, await importRun(r, 'sqlite', file), file);
      console.log(`SQLite: importing ${fmt(n)} records, prepared in a worker thread…`);
      importResults(r, await importRun(r, 'sqlite', file, true), file, undefined, true);
    }
    r.notes.push(`load average ${load1()} at the end of the run`);
  } finally {
    await files.drop();
  }
  return {
    benchmark: 'ingest',
    startedAt,
    finishedAt: new Date().toISOString(),
    quick,
    machine,
    settings: r.settings,
    results: r.results,
    breakdown: r.breakdown,
    notes: r.notes,
  };
}

export const benchmark: Benchmark = {
  name: 'ingest',
  description: 'population CSV through importFile on SQLite and PostgreSQL (records/s, peak RSS), stages apart, DuckDB as the reference',
  run,
};
