// What the open catalog does when its resource changes, in the transaction of the change. An open entry
// lists one version of its resource; when a new version is published or the resource is deprecated,
// the entry must follow, or the public portal goes on showing a version that is no longer in force:
//   - deprecated, or the new version is not to be opened (open type `none`) → the entry is withdrawn;
//   - the new version changes what the opening was approved on (open type, open conditions, grade,
//     data elements) → the entry goes back to review and leaves the public listing until approved;
//   - anything else (name, summary, update cycle, …) → the entry moves to the new version as it is.
import type { Transaction } from 'kysely';
import type { AuditTrail } from '../audit/index.js';
import type { DB } from '../platform/db/index.js';
import { diffContent } from './diff.js';
import type { ResourceContent } from './model.js';

/** Fields whose change makes an approved opening need a new review. */
const MATERIAL = ['openType', 'openCondition', 'grade', 'gradeLevel'];

export function openingMateriallyChanged(before: ResourceContent, after: ResourceContent): boolean {
  return diffContent(before, after).some((c) => MATERIAL.includes(c.field) || c.field.startsWith('elements.'));
}

export type OpenFollow =
  { kind: 'published'; before: ResourceContent | null; after: ResourceContent; version: number } | { kind: 'deprecated' };

/** Moves, sends back to review or withdraws the resource's open entry; records what it did. */
export async function followOpenEntry(
  trx: Transaction<DB>,
  trail: AuditTrail,
  resourceId: string,
  change: OpenFollow,
  now: string,
): Promise<void> {
  const entry = await trx.selectFrom('catalog_open_entries').selectAll().where('resource_id', '=', resourceId).executeTakeFirst();
  // returned and withdrawn entries list nothing; a new proposal takes the version then in force
  if (!entry || (entry.status !== 'published' && entry.status !== 'submitted')) return;
  const withdrawBecause =
    change.kind === 'deprecated'
      ? '资源已废止，自动撤回开放 (the resource is deprecated)'
      : change.after.openType === 'none'
        ? `新版本 v${change.version} 的开放类型为「不予开放」，自动撤回 (the new version is not to be opened)`
        : null;
  let to: string;
  let comment: string | null;
  if (withdrawBecause) {
    to = 'withdrawn';
    comment = withdrawBecause;
  } else if (
    change.kind === 'published' &&
    entry.status === 'published' &&
    (!change.before || openingMateriallyChanged(change.before, change.after))
  ) {
    to = 'submitted';
    comment = `新版本 v${change.version} 变更了开放类型、开放条件、分级或信息项，须重新审核 (changed what the opening was approved on)`;
  } else {
    to = entry.status;
    comment = entry.review_comment;
  }
  const version = change.kind === 'published' ? change.version : entry.resource_version;
  await trx
    .updateTable('catalog_open_entries')
    .set({
      status: to,
      resource_version: version,
      review_comment: comment,
      updated_at: now,
      ...(to === 'submitted' && entry.status === 'published' ? { reviewed_by: null, reviewed_at: null } : {}),
    })
    .where('resource_id', '=', resourceId)
    .execute();
  trail.record({
    action: to === 'withdrawn' ? 'catalog.open.withdraw' : to === entry.status ? 'catalog.open.follow' : 'catalog.open.resubmit',
    objectType: 'resource',
    objectId: resourceId,
    details: { from: entry.status, to, fromVersion: entry.resource_version, toVersion: version, comment, automatic: true },
  });
}
