// Loads the demo city into an empty database. Loading twice is refused, not duplicated.
import type { AppContext } from '../app/context.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { bootstrapIdentity } from '../identity/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_UNITS } from './city.js';

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  const row = await ctx.database.db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemo(ctx: AppContext): Promise<{ seeded: boolean; units: number; accounts: number }> {
  if (!(await isEmpty(ctx))) return { seeded: false, units: 0, accounts: 0 };
  await bootstrapIdentity(ctx, { ...SYSTEM_ACTOR, name: 'demo-seed' }, DEMO_UNITS, DEMO_ACCOUNTS, DEMO_PASSWORD);
  return { seeded: true, units: DEMO_UNITS.length, accounts: DEMO_ACCOUNTS.length };
}
