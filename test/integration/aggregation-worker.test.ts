// A large file is read, parsed, cleansed, checked and hashed in a worker thread while the batch's own
// thread only writes. Same results to the record as on one thread; a file that breaks, or a worker that
// dies, halfway through fails the batch in one piece, with nothing applied.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Worker } from 'node:worker_threads';
import { saveDemoRuleSet } from '../support/rules.js';
import { createTestContext, testClock, type TestContext } from '../support/context.js';
import { testEngines, type EngineName } from '../support/engines.js';
import { allResources, type ResourceView } from '../../src/catalog/index.js';
import { datasetTable, importFile, ingestWorker, liveCount, type BatchSummary, type Submitter } from '../../src/aggregation/index.js';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from '../../src/demo/data/index.js';
import { SYSTEM_ACTOR } from '../../src/audit/index.js';

const TODAY = '2026-11-27';
/** More than two chunks of 2,000: the writer has stored some before the worker gives the rest. */
const COUNT = 5000;

interface Opened {
  ctx: TestContext;
  population: ResourceView;
}

async function open(engine: EngineName): Promise<Opened> {
  const ctx = await createTestContext(engine, { demo: true, clock: testClock() });
  const population = (await allResources(ctx.database.db)).find((r) => r.name === '人口基本信息')!;
  await saveDemoRuleSet(ctx, population);
  return { ctx, population };
}

function run({ ctx, population }: Opened, path: string): Promise<BatchSummary> {
  const producer: Submitter = {
    actor: { ...SYSTEM_ACTOR, name: 'test-producer', unitId: population.providerUnitId },
    unitId: population.providerUnitId,
    anyResource: false,
  };
  return importFile(ctx, producer, { resourceRef: population.code, path, fileName: 'population.csv', mode: 'upsert', owner: 'test' });
}

/** Everything the batch left, without its ids (each database has its own) and times: summary, problems, stored rows, score, audit entry. */
async function outcome({ ctx, population }: Opened, s: BatchSummary) {
  const db = ctx.database.db;
  const table = (await datasetTable(db, population.id))!.tableName;
  const stored = await sql<Record<string, unknown>>`select * from ${sql.id(table)} order by _key`.execute(db);
  const records = await db
    .selectFrom('problem_records')
    .select(['record_no', 'record_key', 'record_values', 'verdict', 'status'])
    .where('batch_id', '=', s.batch)
    .orderBy('record_no')
    .execute();
  const findings = await db
    .selectFrom('problems')
    .select(['record_no', 'rule', 'element', 'dimension', 'severity', 'value', 'message'])
    .where('batch_id', '=', s.batch)
    .orderBy('record_no')
    .orderBy('rule')
    .execute();
  const audit = await db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'batch.applied')
    .where('object_id', '=', s.batch)
    .executeTakeFirstOrThrow();
  const { ticket: _ticket, ...details } = JSON.parse(audit.details) as Record<string, unknown>;
  const { batch: _b, resource: _r, createdAt: _c, startedAt: _s, finishedAt: _f, ...summary } = s as unknown as Record<string, unknown>;
  // as plain data: rows of the two databases differ only in their prototypes
  return JSON.parse(
    JSON.stringify({
      summary,
      records,
      findings,
      stored: stored.rows.map(({ _batch: _x, ...row }) => row),
      details,
    }),
  ) as unknown;
}

describe.each(testEngines())('batch preparation in a worker thread on %s', (engine) => {
  let dir: string;
  let file: string;
  let opened: Opened[];
  let started: Worker[];
  const saved = { ...ingestWorker };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongshu-agg-worker-'));
    file = join(dir, 'population.csv');
    await writeRecords(file, populationRecords({ count: COUNT, seed: 41, today: TODAY }), {
      format: 'csv',
      encoding: 'utf-8',
      columns: POPULATION_COLUMNS,
      truthPath: `${file}.truth.csv`,
    });
    opened = [];
    started = [];
    ingestWorker.onStart = (w) => started.push(w);
  });
  afterEach(async () => {
    Object.assign(ingestWorker, saved);
    for (const o of opened) await o.ctx.close();
  });

  it('gives the same batch, record for record, as preparing on the batch’s own thread', async () => {
    const here = await open(engine);
    const there = await open(engine);
    opened.push(here, there);
    ingestWorker.fromBytes = null;
    const a = await run(here, file);
    expect(started).toHaveLength(0);
    ingestWorker.fromBytes = 0;
    const b = await run(there, file);
    expect(started).toHaveLength(1);
    expect(a.status).toBe('applied');
    expect(a.rows).toBe(COUNT);
    expect(a.rejected).toBeGreaterThan(0);
    expect(a.duplicates).toBeGreaterThan(0);
    expect(a.repaired).toBeGreaterThan(0);
    expect(await outcome(there, b)).toEqual(await outcome(here, a));
  });

  it('fails a file that breaks after its first chunks in one piece: bad_file with its line, nothing applied', async () => {
    const o = await open(engine);
    opened.push(o);
    // 4,500 good records, then a quote that never closes: two chunks of 2,000 are prepared (and written) first
    const lines = readFileSync(file, 'utf8').split('\n').slice(0, 4501);
    writeFileSync(file, [...lines, '"未闭合,1'].join('\n'));
    ingestWorker.fromBytes = 0;
    const s = await run(o, file);
    expect(started).toHaveLength(1);
    expect(s.status).toBe('failed');
    expect(s.error).toMatchObject({ code: 'bad_file', details: { reason: 'unclosed_quote', line: 4502 } });
    expect(await liveCount(o.ctx.database.db, await datasetTable(o.ctx.database.db, o.population.id))).toBe(0);
    expect(await o.ctx.database.db.selectFrom('problem_records').select('record_no').where('batch_id', '=', s.batch).execute()).toEqual([]);
  });

  it('fails the batch cleanly when its worker dies halfway, and the same file then applies once', async () => {
    const o = await open(engine);
    opened.push(o);
    ingestWorker.fromBytes = 0;
    // the worker is stopped as soon as it has handed over its first chunk
    ingestWorker.onStart = (w) => {
      started.push(w);
      w.once('message', () => w.once('message', () => void w.terminate()));
    };
    const s = await run(o, file);
    expect(started).toHaveLength(1);
    expect(s.status).toBe('failed');
    expect(s.error?.code).toBe('internal_error');
    const db = o.ctx.database.db;
    expect(await liveCount(db, await datasetTable(db, o.population.id))).toBe(0);
    expect(await db.selectFrom('problem_records').select('record_no').where('batch_id', '=', s.batch).execute()).toEqual([]);
    const trail = await db.selectFrom('audit_log').select('action').where('object_id', '=', s.batch).orderBy('seq').execute();
    expect(trail.map((t) => t.action)).toEqual(['batch.created', 'batch.started', 'batch.failed']);

    ingestWorker.onStart = (w) => started.push(w);
    const again = await run(o, file);
    expect(again).toMatchObject({ status: 'applied', rows: COUNT });
    expect(await liveCount(db, await datasetTable(db, o.population.id))).toBe(again.applied);
  });
});
