// The aggregation loop on every engine: a producer's batch is cleansed, checked and applied in one
// transaction; the injected defects come back exactly as problems; the same file again is a no-op;
// snapshot and delete modes; API push with idempotency; problems go to the producer as a ticket that
// corrections resolve; a value disagreeing with the authoritative source is caught (一数一源).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createTestContext, testClock, type TestContext } from '../support/context.js';
import { testEngines } from '../support/engines.js';
import { drainJobs } from '../support/jobs.js';
import { saveDemoRuleSet } from '../support/rules.js';
import { allResources, type ResourceView } from '../../src/catalog/index.js';
import {
  addPage,
  commitPushBatch,
  datasetTable,
  importFile,
  liveCount,
  openPushBatch,
  submitCorrections,
  type Submitter,
} from '../../src/aggregation/index.js';
import { declareThematic, insertRuleSet, libraryEntry, refreshThematic, thematicRows } from '../../src/governance/index.js';
import {
  LOW_INCOME_COLUMNS,
  POPULATION_COLUMNS,
  lowIncomeRecords,
  populationRecords,
  writeRecords,
  type GeneratedRecord,
} from '../../src/demo/data/index.js';
import { idCheckChar } from '../../src/platform/validators/index.js';
import { SYSTEM_ACTOR } from '../../src/audit/index.js';

const TODAY = '2026-11-27';

function producer(r: ResourceView): Submitter {
  return { actor: { ...SYSTEM_ACTOR, name: 'test-producer', unitId: r.providerUnitId }, unitId: r.providerUnitId, anyResource: false };
}

function validId(region: string, birth: string, seq: string): string {
  const first = `${region}${birth}${seq}`;
  return first + idCheckChar(first);
}

describe.each(testEngines())('aggregation on %s', (engine) => {
  let ctx: TestContext;
  let dir: string;
  let population: ResourceView;
  let lowIncome: ResourceView;

  beforeEach(async () => {
    ctx = await createTestContext(engine, { demo: true, clock: testClock() });
    dir = mkdtempSync(join(tmpdir(), 'gongshu-agg-'));
    const all = await allResources(ctx.database.db);
    population = all.find((r) => r.name === '人口基本信息')!;
    lowIncome = all.find((r) => r.name === '最低生活保障对象信息')!;
    await saveDemoRuleSet(ctx, population);
  });
  afterEach(async () => ctx.close());

  async function write(
    name: string,
    records: Iterable<GeneratedRecord>,
    columns = POPULATION_COLUMNS,
    encoding: 'utf-8' | 'gb18030' = 'utf-8',
  ) {
    const path = join(dir, name);
    const truthPath = `${path}.truth.csv`;
    await writeRecords(path, records, {
      format: name.endsWith('.xlsx') ? 'xlsx' : name.endsWith('.jsonl') ? 'jsonl' : 'csv',
      encoding,
      columns,
      truthPath,
    });
    const truth = readFileSync(truthPath, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean)
      .map((l) => l.replace(/\r$/, ''));
    return { path, truth };
  }

  async function problemPairs(batchId: string): Promise<string[]> {
    const rows = await ctx.database.db.selectFrom('problems').select(['record_no', 'rule']).where('batch_id', '=', batchId).execute();
    return rows.map((r) => `${r.record_no},${r.rule}`).sort();
  }

  const run = (r: ResourceView, path: string, mode: 'upsert' | 'snapshot' | 'delete' = 'upsert') =>
    importFile(ctx, producer(r), { resourceRef: r.code, path, fileName: path.split('/').pop()!, mode, owner: `test:${process.pid}` });

  it('recovers every injected defect exactly, and nothing else', async () => {
    const { path, truth } = await write('population.csv', populationRecords({ count: 3000, seed: 7, today: TODAY }));
    const s = await run(population, path);
    expect(s.status).toBe('applied');
    expect(await problemPairs(s.batch)).toEqual([...truth].sort());
    const rejected = new Set(truth.filter((t) => /id_number:id_number|not_future/.test(t)).map((t) => t.split(',')[0]));
    const duplicates = truth.filter((t) => t.endsWith('duplicate_record')).length;
    expect(s.rows).toBe(3000);
    expect(s.rejected).toBe(rejected.size);
    expect(s.duplicates).toBe(duplicates);
    expect(s.applied).toBe(3000 - rejected.size - duplicates);
    expect(s.storeCountBefore).toBe(0);
    expect(s.storeCountAfter).toBe(s.applied);
    expect(s.repaired).toBeGreaterThan(0); // the messy-but-repairable records were cleansed, not reported
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThan(100);
    // the producer has a ticket with every record to correct (not the exact duplicates: the first copy is kept)
    const ticket = await ctx.database.db.selectFrom('tickets').selectAll().where('batch_id', '=', s.batch).executeTakeFirstOrThrow();
    expect(ticket.unit_id).toBe(population.providerUnitId);
    expect(ticket.records_total).toBe(new Set(truth.filter((t) => !t.endsWith('duplicate_record')).map((t) => t.split(',')[0])).size);
    // and the whole batch is one audit entry in the chain, with its counts
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'batch.applied')
      .where('object_id', '=', s.batch)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ applied: s.applied, rejected: s.rejected });
  });

  it('reads a GB18030 file exactly as its UTF-8 twin', async () => {
    const records = () => populationRecords({ count: 500, seed: 11, today: TODAY });
    const gbk = await write('gbk.csv', records(), POPULATION_COLUMNS, 'gb18030');
    const s = await run(population, gbk.path);
    expect(s.encoding).toBe('gb18030');
    expect(await problemPairs(s.batch)).toEqual([...gbk.truth].sort());
    const row = await sql<{
      name: string;
      household_address: string;
    }>`select name, household_address from ${sql.id((await datasetTable(ctx.database.db, population.id))!.tableName)} limit 1`.execute(
      ctx.database.db,
    );
    expect(row.rows[0]!.household_address).toMatch(/^福建省泉州市/);
  });

  it('treats the same file again as a no-op', async () => {
    const { path } = await write('again.csv', populationRecords({ count: 300, seed: 3, today: TODAY }));
    const first = await run(population, path);
    const second = await run(population, path);
    expect(second.duplicate).toBe(true);
    expect(second.batch).toBe(first.batch);
    const batches = await ctx.database.db.selectFrom('batches').select('id').where('resource_id', '=', population.id).execute();
    expect(batches).toHaveLength(1);
    expect(await liveCount(ctx.database.db, await datasetTable(ctx.database.db, population.id))).toBe(first.storeCountAfter);
  });

  it('applies snapshots (missing keys become deleted) and deletions by key', async () => {
    const a = validId('350503', '19800101', '001');
    const b = validId('350503', '19800101', '003'); // odd sequence numbers: men, as the sex column says
    const c = validId('350503', '19800101', '005');
    const line = (id: string, name: string) => `${name},1,${id},1980-01-01,13800138000,福建省泉州市丰泽区示例路1号`;
    const header = '姓名,性别,公民身份号码,出生日期,联系电话,户籍地址';
    writeFileSync(join(dir, 's1.csv'), [header, line(a, '甲'), line(b, '乙'), line(c, '丙')].join('\n'));
    writeFileSync(join(dir, 's2.csv'), [header, line(a, '甲'), line(c, '丙二')].join('\n'));
    writeFileSync(join(dir, 'd.csv'), ['公民身份号码', c].join('\n'));
    expect((await run(population, join(dir, 's1.csv'), 'snapshot')).storeCountAfter).toBe(3);
    const s2 = await run(population, join(dir, 's2.csv'), 'snapshot');
    expect(s2).toMatchObject({ status: 'applied', deleted: 1, storeCountBefore: 3, storeCountAfter: 2 });
    // a snapshot whose record for a stored key is rejected keeps the stored record (the key was sent)
    writeFileSync(join(dir, 's3.csv'), [header, line(a, '甲'), line(c, '丙二').replace('1980-01-01', '2099-01-01')].join('\n'));
    expect(await run(population, join(dir, 's3.csv'), 'snapshot')).toMatchObject({
      status: 'applied',
      rejected: 1,
      deleted: 0,
      storeCountAfter: 2,
    });
    const d = await run(population, join(dir, 'd.csv'), 'delete');
    expect(d).toMatchObject({ status: 'applied', deleted: 1, storeCountAfter: 1 });
    const table = (await datasetTable(ctx.database.db, population.id))!.tableName;
    const rows = await sql<{
      _key: string;
      name: string;
      _deleted: number;
    }>`select _key, name, _deleted from ${sql.id(table)} order by _key`.execute(ctx.database.db);
    expect(rows.rows.map((r) => [r._key, r.name, Number(r._deleted)])).toEqual([
      [a, '甲', 0],
      [b, '乙', 1],
      [c, '丙二', 1],
    ]);
  });

  it('fails a file missing a required column before applying anything, and says which', async () => {
    writeFileSync(join(dir, 'm.csv'), ['姓名,性别,联系电话', '甲,1,13800138000'].join('\n'));
    const s = await run(population, join(dir, 'm.csv'));
    expect(s.status).toBe('failed');
    expect(s.error?.code).toBe('missing_columns');
    expect(s.error?.message).toContain('公民身份号码');
    expect(await datasetTable(ctx.database.db, population.id).then((t) => liveCount(ctx.database.db, t))).toBe(0);
  });

  it('takes API pushes page by page under an idempotency key', async () => {
    const who = producer(population);
    const rec = (seq: string, name: string) => ({
      公民身份号码: validId('350502', '19900505', seq),
      name,
      sex: '女',
      birth_date: '1990-05-05',
      phone: '13900139000',
    });
    const opened = await openPushBatch(ctx, who, { resource: population, mode: 'upsert', idempotencyKey: 'sys-a-20261127-001' });
    expect(opened.duplicate).toBe(false);
    await addPage(ctx, who, opened.batch.id, 1, { records: [rec('002', '甲'), rec('004', '乙')] });
    // the same page again is a no-op; other content under the same number is refused
    expect((await addPage(ctx, who, opened.batch.id, 1, { records: [rec('002', '甲'), rec('004', '乙')] })).duplicate).toBe(true);
    await expect(addPage(ctx, who, opened.batch.id, 1, { records: [rec('006', '丙')] })).rejects.toMatchObject({ code: 'page_differs' });
    await addPage(ctx, who, opened.batch.id, 2, { records: [rec('006', '丙')] });
    await commitPushBatch(ctx, who, opened.batch.id);
    await commitPushBatch(ctx, who, opened.batch.id);
    expect(await drainJobs(ctx)).toBeGreaterThanOrEqual(1);
    const again = await openPushBatch(ctx, who, { resource: population, mode: 'upsert', idempotencyKey: 'sys-a-20261127-001' });
    expect(again).toMatchObject({ duplicate: true, batch: { id: opened.batch.id, status: 'applied', applied: 3 } });
    expect(await liveCount(ctx.database.db, await datasetTable(ctx.database.db, population.id))).toBe(3);
  });

  it('closes the loop: problem → ticket → correction → applied → resolved', async () => {
    const good = validId('350582', '19750708', '013');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const header = '姓名,性别,公民身份号码,出生日期,联系电话,户籍地址';
    writeFileSync(
      join(dir, 'loop.csv'),
      [header, `林一,1,${bad},1975-07-08,13800138000,示例地址`, `林二,1,${validId('350582', '19750708', '015')},1975-07-08,,示例地址`].join(
        '\n',
      ),
    );
    const s = await run(population, join(dir, 'loop.csv'));
    expect(s).toMatchObject({ rejected: 1, applied: 1, warned: 1, problems: { 'id_number:id_number': 1, 'required:phone': 1 } });
    const ticket = await ctx.database.db.selectFrom('tickets').selectAll().where('batch_id', '=', s.batch).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ status: 'open', records_total: 2, records_open: 2 });
    const notice = await ctx.database.db.selectFrom('notifications').selectAll().where('unit_id', '=', population.providerUnitId).execute();
    expect(notice.some((n) => n.link === `/governance/tickets/${ticket.id}`)).toBe(true);

    // the producer fixes the ID number of record 1; record 2 still has no phone
    const who = producer(population);
    await submitCorrections(ctx, who, {
      resource: population,
      correctsBatchId: s.batch,
      ticketId: ticket.id,
      records: [
        {
          record: 1,
          values: {
            name: '林一',
            sex: '1',
            id_number: good,
            birth_date: '1975-07-08',
            phone: '13800138000',
            household_address: '示例地址',
          },
        },
      ],
    });
    // submitting the correction puts the ticket into correction, audited in the same transaction
    const started = await ctx.database.db.selectFrom('tickets').select('status').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(started.status).toBe('in_correction');
    const entries = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', ticket.id)
      .where('action', '=', 'ticket.in_correction')
      .execute();
    expect(entries).toHaveLength(1);
    await drainJobs(ctx);
    let t = await ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(t).toMatchObject({ status: 'in_correction', records_open: 1 });
    const table = (await datasetTable(ctx.database.db, population.id))!.tableName;
    const fixed = await sql<{ n: number }>`select count(*) as n from ${sql.id(table)} where _key = ${good}`.execute(ctx.database.db);
    expect(Number(fixed.rows[0]!.n)).toBe(1);

    // a correction that is still wrong is not applied and resolves nothing
    await submitCorrections(ctx, who, {
      resource: population,
      correctsBatchId: s.batch,
      ticketId: ticket.id,
      records: [
        {
          record: 2,
          values: { name: '林二', sex: '1', id_number: bad, birth_date: '1975-07-08', phone: '13800138001', household_address: '示例地址' },
        },
      ],
    });
    await drainJobs(ctx);
    t = await ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(t.records_open).toBe(1);

    await submitCorrections(ctx, who, {
      resource: population,
      correctsBatchId: s.batch,
      ticketId: ticket.id,
      records: [
        {
          record: 2,
          values: {
            name: '林二',
            sex: '1',
            id_number: validId('350582', '19750708', '015'),
            birth_date: '1975-07-08',
            phone: '13800138001',
            household_address: '示例地址',
          },
        },
      ],
    });
    await drainJobs(ctx);
    t = await ctx.database.db.selectFrom('tickets').selectAll().where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(t).toMatchObject({ status: 'resolved', records_open: 0 });
    expect(t.resolved_at).not.toBeNull();
  });

  it('keeps the authoritative value and sends a disagreeing one back to its producer (一数一源)', async () => {
    const pop = { count: 1000, seed: 21, today: TODAY };
    const p = await write('pop.csv', populationRecords({ ...pop, rates: { badCheckDigit: 0, duplicate: 0, futureBirth: 0 } }));
    expect((await run(population, p.path)).status).toBe('applied');
    await drainJobs(ctx); // the population library merge
    const low = await write(
      'low.csv',
      lowIncomeRecords({ population: pop, share: 0.2, rates: { badCheckDigit: 0, duplicate: 0 } }),
      LOW_INCOME_COLUMNS,
    );
    const s = await run(lowIncome, low.path);
    expect(s.status).toBe('applied');
    await drainJobs(ctx);
    const conflicts = low.truth.filter((t) => t.endsWith('authoritative:household_address'));
    expect(conflicts.length).toBeGreaterThan(0);
    expect(await problemPairs(s.batch)).toEqual([...low.truth].sort());
    const ticket = await ctx.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('batch_id', '=', s.batch)
      .where('kind', '=', 'consistency')
      .executeTakeFirstOrThrow();
    expect(ticket.unit_id).toBe(lowIncome.providerUnitId);
    // the library kept public security's address, with its source and batch
    const record = Number(conflicts[0]!.split(',')[0]);
    const pr = await ctx.database.db
      .selectFrom('problem_records')
      .selectAll()
      .where('batch_id', '=', s.batch)
      .where('record_no', '=', record)
      .executeTakeFirstOrThrow();
    const entry = await libraryEntry(ctx.database.db, 'population', pr.record_key!);
    const address = entry.find((e) => e.element === 'household_address')!;
    expect(address).toMatchObject({ authoritative: true, sourceUnitId: population.providerUnitId });
    expect(address.value).not.toBe(JSON.parse(pr.record_values).household_address);
  });

  it('takes a deleted record out of the base library, and lets another live source fill the gap', async () => {
    const a = validId('350503', '19800101', '011');
    const b = validId('350503', '19800101', '013');
    const person = (id: string, name: string) => `${name},1,${id},1980-01-01,13800138000,福建省泉州市丰泽区示例路1号`;
    writeFileSync(join(dir, 'p.csv'), ['姓名,性别,公民身份号码,出生日期,联系电话,户籍地址', person(a, '甲'), person(b, '乙')].join('\n'));
    // civil affairs knows person a too, at an address that disagrees with public security's
    writeFileSync(
      join(dir, 'l.csv'),
      ['公民身份号码,姓名,户籍地址,月保障金额（元）,批准日期', `${a},甲,福建省泉州市鲤城区示例街2号,500.00,2020-01-01`].join('\n'),
    );
    writeFileSync(join(dir, 'd.csv'), ['公民身份号码', a, b].join('\n'));
    expect((await run(population, join(dir, 'p.csv'))).status).toBe('applied');
    await drainJobs(ctx);
    expect((await run(lowIncome, join(dir, 'l.csv'))).status).toBe('applied');
    await drainJobs(ctx);
    const before = [...(await libraryEntry(ctx.database.db, 'population', a)), ...(await libraryEntry(ctx.database.db, 'population', b))];
    expect(before.filter((v) => v.sourceResourceId === population.id).length).toBeGreaterThanOrEqual(10);
    expect((await libraryEntry(ctx.database.db, 'population', a)).find((v) => v.element === 'household_address')?.value).toBe(
      '福建省泉州市丰泽区示例路1号',
    );

    const d = await run(population, join(dir, 'd.csv'), 'delete');
    expect(d).toMatchObject({ status: 'applied', deleted: 2 });
    await drainJobs(ctx);
    // person b was known to public security alone: gone from the library
    expect(await libraryEntry(ctx.database.db, 'population', b)).toEqual([]);
    // person a is still a live record of civil affairs: its values stand in, not authoritative
    const entryA = await libraryEntry(ctx.database.db, 'population', a);
    expect(entryA.map((v) => [v.element, v.value, v.sourceResourceId, v.authoritative])).toEqual([
      ['household_address', '福建省泉州市鲤城区示例街2号', lowIncome.id, false],
      ['name', '甲', lowIncome.id, false],
    ]);
    const merged = await ctx.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'library.merged')
      .where('details', 'like', `%${d.batch}%`)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(merged.details)).toMatchObject({
      valuesRemoved: before.filter((v) => v.sourceResourceId === population.id).length,
      valuesRefilled: 2,
    });
  });

  it('materialises a thematic library declared over resources, and refuses a definition that does not fit', async () => {
    const pop = { count: 400, seed: 5, today: TODAY };
    const clean = { badCheckDigit: 0, duplicate: 0, futureBirth: 0 };
    await run(population, (await write('p.csv', populationRecords({ ...pop, rates: clean }))).path);
    await run(
      lowIncome,
      (
        await write(
          'l.csv',
          lowIncomeRecords({ population: pop, share: 0.25, rates: { badCheckDigit: 0, duplicate: 0 } }),
          LOW_INCOME_COLUMNS,
        )
      ).path,
    );
    const thematic = (await allResources(ctx.database.db)).find((r) => r.name === '困难群众救助专题')!;
    const actor = { ...SYSTEM_ACTOR, name: 'test' };
    const definition = {
      base: { resource: lowIncome.code },
      joins: [{ alias: 'pop', resource: population.code, on: { base: 'id_number', element: 'id_number' }, required: true }],
      columns: [
        { from: 'base', element: 'id_number' },
        { from: 'base', element: 'name' },
        { from: 'pop', element: 'household_address' },
        { from: 'pop', element: 'phone' },
        { from: 'base', element: 'monthly_allowance' },
      ],
      filters: [{ from: 'base', element: 'monthly_allowance', op: 'gte' as const, value: '500' }],
    };
    await expect(
      declareThematic(ctx.database.db, ctx.audit, actor, {
        resourceId: thematic.id,
        refreshHours: 24,
        userId: 'test',
        clock: ctx.clock,
        definition: {
          ...definition,
          columns: [...definition.columns, { from: 'pop', element: 'no_such_element' }],
          joins: definition.joins.map((j) => ({ ...j })),
        },
      }),
    ).rejects.toMatchObject({ code: 'bad_definition' });
    const id = await declareThematic(ctx.database.db, ctx.audit, actor, {
      resourceId: thematic.id,
      refreshHours: 24,
      userId: 'test',
      clock: ctx.clock,
      definition: { ...definition, joins: definition.joins.map((j) => ({ ...j })) },
    });
    const count = await refreshThematic(ctx.database, ctx.audit, id, ctx.clock);
    // the expected rows, computed from the stores directly
    const lowTable = (await datasetTable(ctx.database.db, lowIncome.id))!.tableName;
    const popTable = (await datasetTable(ctx.database.db, population.id))!.tableName;
    const joined = await sql<{
      id_number: string;
      household_address: string;
      monthly_allowance: string | number;
    }>`select l.id_number, p.household_address, l.monthly_allowance from ${sql.id(lowTable)} l join ${sql.id(popTable)} p on p.id_number = l.id_number where l._deleted = 0 and p._deleted = 0 order by l.id_number`.execute(
      ctx.database.db,
    );
    // decimals are exact text on SQLite and numeric on PostgreSQL: compare as numbers here, as the filter does
    const expected = { rows: joined.rows.filter((r) => Number(r.monthly_allowance) >= 500) };
    expect(count).toBe(expected.rows.length);
    expect(count).toBeGreaterThan(0);
    const rows = await thematicRows(ctx.database.db, id, 1, 1000);
    expect(rows.items.map((r) => [r.id_number, r.household_address])).toEqual(expected.rows.map((r) => [r.id_number, r.household_address]));
    // refreshing again replaces, never duplicates
    expect(await refreshThematic(ctx.database, ctx.audit, id, ctx.clock)).toBe(count);
    expect((await thematicRows(ctx.database.db, id, 1, 1000)).total).toBe(count);
  });

  it('checks references against a base library and another resource, a chunk at a time', async () => {
    const pop = { count: 300, seed: 9, today: TODAY };
    await run(
      population,
      (await write('p.csv', populationRecords({ ...pop, rates: { badCheckDigit: 0, duplicate: 0, futureBirth: 0 } }))).path,
    );
    await drainJobs(ctx); // the population library
    const known = validId('350502', '19300101', '001'); // not in the register
    const table = (await datasetTable(ctx.database.db, population.id))!.tableName;
    const inRegister = (
      await sql<{ id_number: string }>`select id_number from ${sql.id(table)} order by _key limit 2`.execute(ctx.database.db)
    ).rows.map((r) => r.id_number);
    await ctx.audit.transaction({ ...SYSTEM_ACTOR, name: 'test' }, async (trx, trail) => {
      const base = (await import('../../src/governance/index.js')).defaultRuleSet(lowIncome.elements);
      await insertRuleSet(trx, {
        resourceId: lowIncome.id,
        elements: lowIncome.elements,
        ruleSet: {
          ...base,
          rules: [
            ...base.rules,
            { element: 'id_number', kind: 'reference', library: 'population', severity: 'warning' },
            { id: 'name_in_register', element: 'name', kind: 'reference', resource: population.code, target: 'name', severity: 'warning' },
          ],
        },
        comment: 'recipients must be in the population library',
        userId: 'test',
        clock: ctx.clock,
      });
      trail.record({ action: 'rules.saved', objectType: 'resource', objectId: lowIncome.id });
    });
    const header = '公民身份号码,姓名,户籍地址,月保障金额（元）,批准日期';
    const names = (await sql<{ name: string }>`select name from ${sql.id(table)} order by _key limit 1`.execute(ctx.database.db)).rows.map(
      (r) => r.name,
    );
    writeFileSync(
      join(dir, 'refs.csv'),
      [
        header,
        `${inRegister[0]},${names[0]},地址,500.00,2025-01-01`,
        `${known},乙,地址,600.00,2025-01-01`,
        `${inRegister[1]},示例无此人,地址,700.00,2025-01-01`,
      ].join('\n'),
    );
    const s = await run(lowIncome, join(dir, 'refs.csv'));
    // a key element that is not in the library: a key failure is always an error, so the record is rejected
    expect(s).toMatchObject({
      status: 'applied',
      applied: 2,
      rejected: 1,
      warned: 1,
      problems: { 'reference:id_number': 1, name_in_register: 2 },
    });
    expect(await problemPairs(s.batch)).toEqual(['2,name_in_register', '2,reference:id_number', '3,name_in_register']);
  });
});
