// The demo's data: each department uploads its register as it would in real use (one of them exported
// from Excel in GB18030), through the same batches, rules, tickets and library merge as any producer,
// so that a fresh demo shows the whole loop — scores, problem tickets waiting for correction, and
// disagreements with the authoritative source sent back to civil affairs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from '../app/context.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { allResources } from '../catalog/index.js';
import { importFile, runQueuedJobs } from '../aggregation/index.js';
import { declareThematic, insertRuleSet, refreshThematic } from '../governance/index.js';
import { shanghaiDate } from '../platform/db/index.js';
import {
  HOUSING_FUND_COLUMNS,
  LEGAL_ENTITY_COLUMNS,
  LOW_INCOME_COLUMNS,
  MEDICAL_INSURANCE_COLUMNS,
  POPULATION_COLUMNS,
  SOCIAL_INSURANCE_COLUMNS,
  housingFundRecords,
  legalEntityRecords,
  lowIncomeRecords,
  medicalInsuranceRecords,
  populationRecords,
  socialInsuranceRecords,
  writeRecords,
  type Column,
  type GeneratedRecord,
} from './data/index.js';
import { demoRuleSet } from './rule-sets.js';

export const DEMO_PERSONS = 2000;
export const DEMO_ENTITIES = 400;

export async function seedDemoData(ctx: AppContext): Promise<number> {
  const today = shanghaiDate(ctx.clock);
  const population = { count: DEMO_PERSONS, today };
  const entities = { count: DEMO_ENTITIES, today };
  const resources = await allResources(ctx.database.db);
  const byName = new Map(resources.filter((r) => r.publishedVersion != null).map((r) => [r.name, r]));
  const dir = mkdtempSync(join(tmpdir(), 'gongshu-demo-'));
  const uploads: [string, Iterable<GeneratedRecord>, readonly Column[], 'utf-8' | 'gb18030'][] = [
    ['人口基本信息', populationRecords(population), POPULATION_COLUMNS, 'gb18030'],
    ['法人基本信息', legalEntityRecords(entities), LEGAL_ENTITY_COLUMNS, 'utf-8'],
    ['最低生活保障对象信息', lowIncomeRecords({ population, share: 0.1 }), LOW_INCOME_COLUMNS, 'utf-8'],
    ['社会保险参保信息', socialInsuranceRecords({ population, employers: entities }), SOCIAL_INSURANCE_COLUMNS, 'utf-8'],
    ['医疗保险参保信息', medicalInsuranceRecords({ population }), MEDICAL_INSURANCE_COLUMNS, 'utf-8'],
    ['住房公积金缴存信息', housingFundRecords({ population }), HOUSING_FUND_COLUMNS, 'utf-8'],
  ];
  let batches = 0;
  try {
    for (const [name, records, columns, encoding] of uploads) {
      const r = byName.get(name);
      if (!r) continue;
      const actor = { ...SYSTEM_ACTOR, name: 'demo-seed', unitId: r.providerUnitId };
      const ruleSet = demoRuleSet(r.name, r.elements);
      if (ruleSet)
        await ctx.audit.transaction(actor, async (trx, trail) => {
          const version = await insertRuleSet(trx, {
            resourceId: r.id,
            elements: r.elements,
            ruleSet,
            comment: '示例规则集',
            userId: 'demo-seed',
            clock: ctx.clock,
          });
          trail.record({ action: 'rules.saved', objectType: 'resource', objectId: r.id, details: { version } });
        });
      const path = join(dir, `${r.code}.csv`);
      await writeRecords(path, records, { format: 'csv', encoding, columns });
      await importFile(
        ctx,
        { actor, unitId: r.providerUnitId, anyResource: false },
        { resourceRef: r.id, path, fileName: `${name}.csv`, mode: 'upsert', owner: 'demo-seed' },
      );
      batches += 1;
      await runQueuedJobs(ctx, 'demo-seed', { rethrow: true }); // the library merge, so the next source is compared with the authoritative one
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await seedThematic(ctx, byName);
  return batches;
}

/** The demo's thematic library: low-income recipients with public security's address and phone and their medical insurance. */
async function seedThematic(ctx: AppContext, byName: Map<string, { id: string; code: string }>): Promise<void> {
  const thematic = byName.get('困难群众救助专题');
  const low = byName.get('最低生活保障对象信息');
  const population = byName.get('人口基本信息');
  const medical = byName.get('医疗保险参保信息');
  if (!thematic || !low || !population || !medical) return;
  const id = await declareThematic(
    ctx.database.db,
    ctx.audit,
    { ...SYSTEM_ACTOR, name: 'demo-seed' },
    {
      resourceId: thematic.id,
      refreshHours: 24,
      userId: 'demo-seed',
      clock: ctx.clock,
      definition: {
        base: { resource: low.code },
        joins: [
          { alias: 'pop', resource: population.code, on: { base: 'id_number', element: 'id_number' }, required: true },
          { alias: 'med', resource: medical.code, on: { base: 'id_number', element: 'id_number' }, required: false },
        ],
        columns: [
          { from: 'base', element: 'id_number' },
          { from: 'base', element: 'name' },
          { from: 'pop', element: 'household_address' },
          { from: 'pop', element: 'phone' },
          { from: 'base', element: 'monthly_allowance' },
          { from: 'med', element: 'scheme', as: 'medical_scheme' },
        ],
        filters: [{ from: 'base', element: 'monthly_allowance', op: 'not_null' }],
      },
    },
  );
  await refreshThematic(ctx.database, ctx.audit, id, ctx.clock);
}
