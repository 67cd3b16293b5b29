// Seeds the demo catalog through the same services people use: each department's officer drafts and
// submits, the platform service unit approves and publishes, then the collection and open catalogs.
import type { AppContext } from '../app/context.js';
import { createResource, decideOpening, proposeForOpening, transition, upsertCollection } from '../catalog/index.js';
import { loadPrincipal } from '../identity/principal-loader.js';
import type { Principal } from '../identity/index.js';
import { DEMO_ACCOUNTS } from './city.js';
import { DEMO_RESOURCES } from './catalog.js';
import { demoId } from './ids.js';

async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const p = await loadPrincipal(ctx.database.db, demoId('user', username), { credential: null, sessionId: null });
  if (!p) throw new Error(`demo account ${username} is missing`);
  return p;
}

const OFFICER: Record<string, string> = {
  GAJ: 'gaj',
  SCJG: 'scjg',
  MZJ: 'mzj',
  RSJ: 'rsj',
  WJW: 'wjw',
  YBJ: 'ybj',
  ZRZY: 'zrzy',
  ZJJ: 'zjj',
};

export async function seedDemoCatalog(ctx: AppContext): Promise<number> {
  const platform = await principalOf(ctx, 'platform');
  const meta = { requestId: 'demo-seed' };
  let n = 0;
  for (const [i, spec] of DEMO_RESOURCES.entries()) {
    const officer = await principalOf(ctx, OFFICER[spec.unit]!);
    const r = await createResource(ctx, officer, demoId('unit', spec.unit), spec.content, meta);
    await transition(ctx, officer, r.id, 'submit', null, meta);
    await transition(ctx, platform, r.id, 'approve', '审核通过', meta);
    await transition(ctx, platform, r.id, 'publish', null, meta);
    if (r.format === 'table') {
      const account = DEMO_ACCOUNTS.find((a) => a.username === officer.username)!;
      await upsertCollection(
        ctx,
        platform,
        {
          resourceId: r.id,
          supplierUnitId: r.providerUnitId,
          method: i % 3 === 0 ? 'api' : 'upload',
          frequency: r.updateCycle,
          responsiblePerson: account.displayName,
          contact: `0595-2${String(1000000 + i * 7919).slice(-7)}`,
          startsOn: '2026-01-01',
        },
        meta,
      );
    }
    if (spec.open) {
      await proposeForOpening(ctx, officer, r.id, meta);
      await decideOpening(ctx, platform, r.id, 'approve', null, meta);
    }
    n += 1;
  }
  return n;
}
