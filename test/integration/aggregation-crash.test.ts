// A batch is one transaction: a child process importing a large file is SIGKILLed at random points, 20
// times; each time the store is exactly as it was before the batch. The file resubmitted then applies
// exactly once, and again is a no-op.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';
import { CLI_ARGS, runCli } from '../support/cli.js';
import { allResources, type ResourceView } from '../../src/catalog/index.js';
import { datasetTable, importFile } from '../../src/aggregation/index.js';
import { POPULATION_COLUMNS, populationRecords, writeRecords } from '../../src/demo/data/index.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { SYSTEM_ACTOR } from '../../src/audit/index.js';

const TODAY = '2026-11-27';
const KILLS = 20;
const RECORDS = 100_000;

type KillPoint = { afterMs: number } | { afterRead: number } | { atPhase: 'applying' };

/** Runs the import and SIGKILLs it at the point given; resolves with whether it had finished first. */
function importAndKill(args: string[], point: KillPoint): Promise<{ finished: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...args, '--progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    const timer = 'afterMs' in point ? setTimeout(kill, point.afterMs) : null;
    let tail = '';
    child.stderr.on('data', (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
      // progress lines: "<phase> <read> read, <applied> applied, <rejected> rejected"
      const last = tail.trimEnd().split('\n').pop() ?? '';
      const m = /^(\w+) (\d+) read/.exec(last);
      if (!m) return;
      if ('afterRead' in point && Number(m[2]) >= point.afterRead) kill();
      if ('atPhase' in point && m[1] === point.atPhase) kill();
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ finished: signal !== 'SIGKILL' && code !== null });
    });
  });
}

/** Kill points spread over the whole run: start-up, every part of the reading, and the last step before commit. */
function killPoint(i: number, records: number): KillPoint {
  if (i % 5 === 0) return { afterMs: 50 + Math.floor(Math.random() * 600) };
  if (i % 5 === 4) return { atPhase: 'applying' };
  return { afterRead: Math.floor(Math.random() * records) };
}

describe.each(testEngines())('a killed import on %s', (engine) => {
  let ctx: TestContext;
  let population: ResourceView;
  let file: string;
  let common: string[];

  async function storeDigest(): Promise<{ rows: number; digest: string; applied: number }> {
    const table = (await datasetTable(ctx.database.db, population.id))!.tableName;
    const rows = await sql<{
      k: string;
      h: string;
      d: number;
    }>`select _key as k, _row_hash as h, _deleted as d from ${sql.id(table)} order by _key`.execute(ctx.database.db);
    const applied = await ctx.database.db
      .selectFrom('batches')
      .select('id')
      .where('resource_id', '=', population.id)
      .where('status', '=', 'applied')
      .execute();
    return { rows: rows.rows.length, digest: sm3Hex(rows.rows.map((r) => `${r.k}|${r.h}|${r.d}`).join('\n')), applied: applied.length };
  }

  beforeAll(async () => {
    ctx = await createTestContext(engine, { demo: true });
    population = (await allResources(ctx.database.db)).find((r) => r.name === '人口基本信息')!;
    const dir = mkdtempSync(join(tmpdir(), 'gongshu-crash-'));
    // a store that is not empty before the batch
    const before = join(dir, 'before.csv');
    await writeRecords(before, populationRecords({ count: 2000, seed: 1, today: TODAY }), { format: 'csv', columns: POPULATION_COLUMNS });
    const who = {
      actor: { ...SYSTEM_ACTOR, name: 'test', unitId: population.providerUnitId },
      unitId: population.providerUnitId,
      anyResource: false,
    };
    await importFile(ctx, who, {
      resourceRef: population.code,
      path: before,
      fileName: 'before.csv',
      mode: 'upsert',
      owner: 'test:seed:1',
    });
    file = join(dir, 'large.csv');
    await writeRecords(file, populationRecords({ count: RECORDS, seed: 2, today: TODAY }), { format: 'csv', columns: POPULATION_COLUMNS });
    common = ['--db', ctx.config.db, '--data-dir', ctx.config.dataDir];
  }, 120_000);
  afterAll(async () => ctx?.close());

  it(`leaves the store as it was after each of ${KILLS} kills, then applies the file exactly once`, async () => {
    const before = await storeDigest();
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const r = await importAndKill(['import', '--resource', population.code, '--file', file, ...common], killPoint(i, RECORDS));
      if (r.finished) break; // ran to the end before the kill: the check below still holds for the kills before it
      kills += 1;
      expect(await storeDigest()).toEqual(before);
    }
    expect(kills).toBe(KILLS);
    const done = await runCli(['import', '--resource', population.code, '--file', file, ...common]);
    expect(done.code, done.stderr).toBe(0);
    const summary = JSON.parse(done.stdout);
    const after = await storeDigest();
    expect(after.applied).toBe(before.applied + 1);
    const applied = await ctx.database.db
      .selectFrom('batches')
      .selectAll()
      .where('resource_id', '=', population.id)
      .where('status', '=', 'applied')
      .orderBy('finished_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(summary.batch).toBe(applied.id);
    expect(after.rows).toBe(before.rows + applied.store_count_after! - applied.store_count_before!);
    expect(applied.rows_read).toBe(RECORDS);
    const again = JSON.parse((await runCli(['import', '--resource', population.code, '--file', file, ...common])).stdout);
    expect(again).toMatchObject({
      duplicate: true,
      applied: 0,
      storeCountBefore: applied.store_count_after,
      storeCountAfter: applied.store_count_after,
    });
    expect(await storeDigest()).toEqual(after);
  }, 600_000);
});
