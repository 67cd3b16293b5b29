// What an applied batch sets going, queued in its own transaction so it happens exactly when the batch
// commits: a base library fed by the resource is merged again from the batch's records.
import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { enqueue } from '../platform/jobs/index.js';
import type { ResourceView } from '../catalog/index.js';
import { librariesFedBy } from '../governance/index.js';

export async function afterApply(
  trx: Transaction<DB>,
  a: { resource: ResourceView; batchId: string; mode: string; clock: () => number },
): Promise<void> {
  if (librariesFedBy(a.resource).length > 0) await enqueue(trx, { kind: 'library.merge', refId: a.batchId, clock: a.clock });
}
