// Loads the demo city into an empty database. Loading twice is refused, not duplicated.
import type { AppContext } from '../app/context.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { bootstrapIdentity } from '../identity/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './city.js';
import { seedDemoCatalog } from './seed-catalog.js';
import { seedDemoData } from './seed-data.js';

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

export interface SeedResult {
  seeded: boolean;
  units: number;
  accounts: number;
  resources: number;
  batches: number;
}

/** `data`: also load the departments' records through batches (the server and `seed --demo` do; most tests need only the catalog). */
export async function seedDemo(ctx: AppContext, opts: { catalog?: boolean; data?: boolean } = {}): Promise<SeedResult> {
  if (!(await isEmpty(ctx))) return { seeded: false, units: 0, accounts: 0, resources: 0, batches: 0 };
  await bootstrapIdentity(ctx, { ...SYSTEM_ACTOR, name: 'demo-seed' }, DEMO_UNITS, DEMO_ACCOUNTS, DEMO_PASSWORD);
  const resources = opts.catalog === false ? 0 : await seedDemoCatalog(ctx);
  const batches = opts.catalog !== false && opts.data ? await seedDemoData(ctx) : 0;
  // the demo's entries are signed at once, not left for the next thousandth entry or timer tick
  await ctx.audit.checkpoint();
  return { seeded: true, units: DEMO_UNITS.length, accounts: DEMO_ACCOUNTS.length, resources, batches };
}
