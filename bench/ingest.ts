// Benchmark for the ingest issue: a 1,000,000-record population CSV (8 columns, the resource's default
// rule set) through parse → cleanse → validate → apply with `importFile` on SQLite and on PostgreSQL,
// and in the same run the same load and checks done by DuckDB (`read_csv` + SQL) as the reference.
//
// Each end-to-end run is a child process of its own (bench/lib/import-child.ts), so that its peak RSS is
// its own; the stages (receiving, parsing, rule evaluation, row hashing) are measured here, one at a
// time, on the same file. The benchmark checks itself: every batch must read every record, and the
// counts of importFile, of DuckDB and of the generator's ground truth are compared in the notes.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { POPULATION_COLUMNS } from '../src/demo/data/index.js';
import { shanghaiDate } from '../src/platform/db/index.js';
import { runChild, type ChildProcessFacts } from './lib/child-run.js';
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
import { pgDurabilitySettings, pgReachable, scratchPostgres, scratchSqlite, type Scratch } from './lib/scratch.js';

// the issue's targets, for 2 cores
const TARGET_SQLITE = 150_000; // records/s end to end
const TARGET_POSTGRES = 80_000; // records/s end to end
const TARGET_RULES = 1_000_000; // records/s, cleanse + check alone
const TARGET_RSS_MIB = 300; // peak RSS of a batch, 1M and 5M records alike
const TARGET_DUCKDB_RATIO = 5; // DuckDB's records/s over ours

interface Sizes {
  records: number;
  /** Further SQLite batches, for peak RSS against file size. */
  larger: number[];
  /** Records held in memory for rule evaluation alone. */
  rulesRecords: number;
  passes: number;
  /** DuckDB thread counts to run; undefined is DuckDB's default (one per core). */
  duckdbThreads: (number | undefined)[];
}

function positive(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  return n;
}

function sizes(quick: boolean): Sizes {
  const base: Sizes = quick
    ? { records: 20_000, larger: [], rulesRecords: 20_000, passes: 3, duckdbThreads: [undefined] }
    : { records: 1_000_000, larger: [5_000_000], rulesRecords: 250_000, passes: 5, duckdbThreads: [undefined, 1] };
  // for trying things out: GONGSHU_BENCH_INGEST_RECORDS=200000, GONGSHU_BENCH_INGEST_LARGER=0 (none)
  const records = positive('GONGSHU_BENCH_INGEST_RECORDS');
  const larger = process.env.GONGSHU_BENCH_INGEST_LARGER;
  return {
    ...base,
    ...(records ? { records, rulesRecords: Math.min(base.rulesRecords, records) } : {}),
    ...(larger !== undefined ? { larger: larger === '0' ? [] : larger.split(',').map(Number) } : {}),
  };
}

const MIB = 1024 * 1024;
const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10;
const fmt = (n: number) => n.toLocaleString('en-US');
const short = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : `${n}`;

interface Collected {
  results: Result[];
  breakdown: Result[];
  notes: string[];
}

type ImportRun = ImportOutput & ChildProcessFacts;

/** One importFile batch in a child process on a fresh scratch database of the engine. */
async function importRun(engine: 'sqlite' | 'postgres', file: PopulationFile): Promise<ImportRun> {
  const scratch: Scratch = engine === 'sqlite' ? scratchSqlite() : await scratchPostgres();
  try {
    const input: ImportInput = { db: scratch.url, dataDir: scratch.dir, file: file.path, records: file.records };
    const cpuProfDir = process.env.GONGSHU_BENCH_CPU_PROF || undefined;
    const out = await runChild<ImportOutput>('bench/lib/import-child.ts', input, cpuProfDir ? { cpuProfDir } : {});
    const s = out.summary;
    if (s.status !== 'applied' || s.rows !== file.records)
      throw new Error(
        `${engine}: the batch did not read the whole file: ${JSON.stringify({ status: s.status, rows: s.rows, error: s.error })}`,
      );
    return out;
  } finally {
    await scratch.drop();
  }
}

function importResults(c: Collected, run: ImportRun, file: PopulationFile, target?: number): Result {
  const engine = run.engine as 'sqlite' | 'postgres';
  const n = file.records;
  const s = run.summary;
  const main = makeResult({
    id: `${engine}.import.${short(n)}`,
    engine,
    label: `importFile end to end, ${short(n)} records (receive → parse → cleanse → validate → apply → commit)`,
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
  c.results.push(main);
  const rss = makeResult({
    id: `${engine}.rss.${short(n)}`,
    engine,
    label: `peak RSS of the batch's process, ${short(n)} records (≤ ${TARGET_RSS_MIB} MiB)`,
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
  c.results.push(rss);

  const p = run.phases;
  const phase = (id: string, label: string, seconds: number, count: number) =>
    c.breakdown.push(
      makeResult({ id: `${engine}.import.${short(n)}.${id}`, engine, label, count, seconds, cpuSeconds: 0, unit: 'records/s' }),
    );
  phase('first', `import phase: receive (copy + SM3), submit, first chunk of 2,000`, p.untilFirstChunk, Math.min(2000, n));
  phase('chunks', `import phase: the other chunks (parse, cleanse, check, upsert, problems)`, p.chunks, Math.max(0, n - 2000));
  phase('finishing', `import phase: count, score, ticket, batch row, audit`, p.finishing, n);
  phase('commit', `import phase: COMMIT and job bookkeeping`, p.commit, n);
  const last = run.samples[run.samples.length - 1]!;
  const mid = run.samples[Math.floor(run.samples.length / 2)]!;
  c.notes.push(
    `${engine}, ${fmt(n)} records: RSS ${mib(run.rssBeforeKiB)} MiB before the batch (context open, demo seeded), ` +
      `${mib(mid.rssKiB)} MiB after ${fmt(mid.read)} records, ${mib(last.rssKiB)} MiB at the end, peak ${mib(run.maxRssKiB)} MiB; ` +
      `V8 heap used ${mib(mid.heapUsedKiB)} → ${mib(last.heapUsedKiB)} MiB`,
  );
  return main;
}

function ruleResults(c: Collected, t: RuleTimings) {
  const both = medianTiming(t.both);
  c.results.push(
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
  for (const [id, label, list] of [
    ['cleanse', 'cleanse alone', t.cleanse],
    ['check', 'check alone', t.check],
  ] as const) {
    const m = medianTiming(list);
    c.breakdown.push(
      makeResult({
        id: `none.rules.${id}`,
        engine: 'none',
        label: `${label}, ${short(t.records)} records in memory (median of ${list.length})`,
        count: t.records,
        seconds: m.seconds,
        cpuSeconds: m.cpuSeconds,
        unit: 'records/s',
      }),
    );
  }
}

async function duckdbRun(dir: string, file: PopulationFile, today: string, threads: number | undefined) {
  const input: DuckdbIngestOptions = {
    csvPath: file.path,
    dbPath: join(dir, `reference-${threads ?? 'default'}.duckdb`),
    today,
    columns: POPULATION_COLUMNS.map((col) => col.code),
    ...(threads ? { threads } : {}),
  };
  return runChild<DuckdbIngestResult>('bench/lib/duckdb-child.ts', input);
}

async function run({ quick }: BenchOptions): Promise<Report> {
  const size = sizes(quick);
  const startedAt = new Date().toISOString();
  const today = shanghaiDate(Date.now);
  const c: Collected = { results: [], breakdown: [], notes: [] };
  const pg = await pgReachable();
  const files = scratchSqlite(); // a scratch directory for the generated files and DuckDB's database
  const machine = machineInfo(files.dir, pg.ok ? pg.version : null);
  const settings: Record<string, unknown> = { records: size.records, seed: POPULATION_SEED, today, larger: size.larger };
  try {
    // the input
    console.log(`generating ${fmt(size.records)} population records…`);
    let file = await writePopulationCsv(files.dir, size.records, today);
    const truth = await truthByRule(file.truthPath);
    settings.fileBytes = file.bytes;
    settings.bytesPerRecord = file.bytes / file.records;
    c.breakdown.push(
      makeResult({
        id: 'none.generate',
        engine: 'none',
        label: `generate + write the CSV (${(file.bytes / MIB).toFixed(1)} MiB, UTF-8) and its truth file`,
        count: file.records,
        seconds: file.seconds,
        cpuSeconds: file.cpuSeconds,
        unit: 'records/s',
      }),
    );

    // the stages, one at a time, in this process
    console.log('measuring the stages…');
    const received = await measureReceive(file.path, files.dir);
    c.breakdown.push(
      makeResult({
        id: 'none.receive',
        engine: 'none',
        label: `receive: copy the upload + SM3 (${(received.bytes / MIB / received.seconds).toFixed(0)} MiB/s)`,
        count: file.records,
        seconds: received.seconds,
        cpuSeconds: received.cpuSeconds,
        unit: 'records/s',
      }),
    );
    const parsed = await measureParse(file.path);
    if (parsed.records !== file.records) throw new Error(`the reader found ${parsed.records} records, not ${file.records}`);
    c.breakdown.push(
      makeResult({
        id: 'none.parse',
        engine: 'none',
        label: `parse alone: openRecordReader, chunks of 2,000 (${(file.bytes / MIB / parsed.seconds).toFixed(0)} MiB/s)`,
        count: parsed.records,
        seconds: parsed.seconds,
        cpuSeconds: parsed.cpuSeconds,
        unit: 'records/s',
      }),
    );
    const elements = populationElements();
    const rows = await loadRecords(file.path, elements, size.rulesRecords);
    const rules = measureRules(rows, elements, today, size.passes);
    settings.rules = rules.rules;
    ruleResults(c, rules);
    const hashed = medianTiming(measureRowHash(rows, size.passes));
    c.breakdown.push(
      makeResult({
        id: 'none.rowhash',
        engine: 'none',
        label: `row hash alone: join values + SM3 per record (median of ${size.passes})`,
        count: rows.length,
        seconds: hashed.seconds,
        cpuSeconds: hashed.cpuSeconds,
        unit: 'records/s',
      }),
    );
    rows.length = 0;

    // end to end, each batch in a process of its own
    console.log(`SQLite: importing ${fmt(file.records)} records…`);
    const sqlite = await importRun('sqlite', file);
    const sqliteMain = importResults(c, sqlite, file, TARGET_SQLITE);
    let pgMain: Result | null = null;
    let pgRun: ImportRun | null = null;
    if (pg.ok) {
      settings.postgres = await pgDurabilitySettings();
      console.log(`PostgreSQL: importing ${fmt(file.records)} records…`);
      pgRun = await importRun('postgres', file);
      pgMain = importResults(c, pgRun, file, TARGET_POSTGRES);
    } else c.notes.push(`PostgreSQL skipped: ${pg.reason}`);

    // the reference
    let reference: DuckdbIngestResult | null = null;
    for (const threads of size.duckdbThreads) {
      console.log(`DuckDB (${threads ?? 'default'} threads)…`);
      const d = await duckdbRun(files.dir, file, today, threads);
      reference ??= d;
      settings.duckdb = d.version;
      c.results.push(
        makeResult({
          id: `none.duckdb.t${d.threads}`,
          engine: 'none',
          label: `DuckDB reference: read_csv + the same cleansing and checks in SQL + keyed table, ${d.threads} thread${d.threads > 1 ? 's' : ''}`,
          count: d.records,
          seconds: d.seconds,
          cpuSeconds: d.cpuSeconds,
          unit: 'records/s',
          extra: { peakRssMiB: mib(d.maxRssKiB), applied: d.applied, rejected: d.rejected, duplicates: d.duplicates, phases: d.phases },
        }),
      );
      for (const [step, seconds] of Object.entries(d.phases))
        c.breakdown.push(
          makeResult({
            id: `none.duckdb.t${d.threads}.${step.replace(/\W+/g, '_')}`,
            engine: 'none',
            label: `DuckDB ${d.threads} thread${d.threads > 1 ? 's' : ''}: ${step}`,
            count: d.records,
            seconds,
            cpuSeconds: 0,
            unit: 'records/s',
          }),
        );
      c.notes.push(`DuckDB ${d.version}, ${d.threads} thread(s): peak RSS ${mib(d.maxRssKiB)} MiB`);
    }
    if (reference) {
      const duckRate = reference.records / reference.seconds;
      for (const ours of [sqliteMain, pgMain]) {
        if (!ours) continue;
        const ratio = makeResult({
          id: `${ours.engine}.duckdb_ratio`,
          engine: ours.engine,
          label: `DuckDB (${reference.threads} threads) records/s ÷ ours (goal ≤ ${TARGET_DUCKDB_RATIO}×)`,
          count: ours.count,
          seconds: ours.seconds,
          cpuSeconds: ours.cpuSeconds,
          rate: duckRate / ours.rate,
          unit: '×',
          extra: { duckdbRecordsPerSecond: duckRate, oursRecordsPerSecond: ours.rate, maxTarget: TARGET_DUCKDB_RATIO },
        });
        ratio.met = ratio.rate <= TARGET_DUCKDB_RATIO;
        c.results.push(ratio);
      }
      // the reference must have done the same work: same counts, same records per rule
      const s = sqlite.summary;
      const same = reference.applied === s.applied && reference.rejected === s.rejected && reference.duplicates === s.duplicates;
      const diff = tallyDifferences(s.problems, reference.problemsByRule);
      c.notes.push(
        same && diff.length === 0
          ? `DuckDB's reference reached importFile's counts exactly: ${fmt(s.applied)} applied, ${fmt(s.rejected)} rejected, ${fmt(s.duplicates)} duplicates, and the same records per rule`
          : `DuckDB's reference differs from importFile: applied ${reference.applied} vs ${s.applied}, rejected ${reference.rejected} vs ${s.rejected}, duplicates ${reference.duplicates} vs ${s.duplicates}; per rule (importFile vs DuckDB): ${diff.join('; ') || 'same'}`,
      );
    }
    const truthDiff = tallyDifferences(truth, sqlite.summary.problems);
    c.notes.push(
      truthDiff.length === 0
        ? `importFile raised exactly the problems the generator's ground truth lists (${Object.entries(truth)
            .map(([r, n]) => `${r} ${fmt(n)}`)
            .join(', ')})`
        : `importFile against the generator's ground truth (truth vs importFile): ${truthDiff.join('; ')}`,
    );
    if (pgRun) {
      const d = tallyDifferences(sqlite.summary.problems, pgRun.summary.problems);
      if (d.length > 0 || pgRun.summary.applied !== sqlite.summary.applied)
        c.notes.push(`SQLite and PostgreSQL batches differ: ${d.join('; ')}`);
    }

    // peak RSS against file size
    for (const n of size.larger) {
      rmSync(file.path, { force: true });
      rmSync(file.truthPath, { force: true });
      console.log(`generating ${fmt(n)} population records…`);
      file = await writePopulationCsv(files.dir, n, today);
      console.log(`SQLite: importing ${fmt(n)} records…`);
      importResults(c, await importRun('sqlite', file), file);
    }
    c.notes.push(`load average ${load1()} at the end of the run`);
  } finally {
    await files.drop();
  }
  return {
    benchmark: 'ingest',
    startedAt,
    finishedAt: new Date().toISOString(),
    quick,
    machine,
    settings,
    results: c.results,
    breakdown: c.breakdown,
    notes: c.notes,
  };
}

export const benchmark: Benchmark = {
  name: 'ingest',
  description: 'population CSV through importFile on SQLite and PostgreSQL (records/s, peak RSS), stages apart, DuckDB as the reference',
  run,
};
