// The review lifecycle of a resource version:
//   draft → submitted → approved → published → (superseded by a newer version | deprecated)
//                     ↘ returned (with reasons) → draft …
// Deprecation ends the resource's published line: it acts on the published version even while a newer
// version is being drafted or reviewed, and that unfinished version is closed with it (status
// deprecated, never published). The open catalog follows publication and deprecation (open-follow.ts).
import type { AppContext } from '../app/context.js';
import { actorOf, scopeOf, type Principal, type RequestMeta } from '../identity/index.js';
import { nowIso } from '../platform/db/index.js';
import { badRequest, conflict, forbidden } from '../platform/errors.js';
import { assertCanEdit, hidden, seesWorkingCopy } from './access.js';
import { ZH, type VersionStatus } from './model.js';
import { checkConsistency } from './rules.js';
import { retireCollection } from './collection.js';
import { followOpenEntry } from './open-follow.js';
import { loadResource, loadVersion, lockResource, parseContent, toView, unitName, type ResourceView } from './store.js';

type Transition = 'submit' | 'approve' | 'return' | 'publish' | 'deprecate';

const FROM: Record<Transition, VersionStatus[]> = {
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
  publish: ['approved'],
  deprecate: ['published'],
};
const TO: Record<Transition, VersionStatus> = {
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  publish: 'published',
  deprecate: 'deprecated',
};

function assertMay(p: Principal, t: Transition, providerUnitId: string): void {
  if (t === 'submit') return assertCanEdit(p, providerUnitId);
  if (scopeOf(p, 'catalog.review') !== 'all')
    throw forbidden('forbidden', '只有平台技术服务单位可以审核、发布和废止资源 (only the platform service unit reviews)');
}

export async function transition(
  ctx: AppContext,
  p: Principal,
  id: string,
  t: Transition,
  comment: string | null,
  meta: RequestMeta = {},
): Promise<ResourceView> {
  if ((t === 'return' || t === 'deprecate') && !comment?.trim())
    throw badRequest(
      'reason_required',
      t === 'return' ? '退回须写明理由 (a return needs reasons)' : '废止须写明理由 (deprecation needs a reason)',
    );
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    // locked: two steps at once (a double click, two reviewers) run one after the other, and the second
    // is checked against what the first left
    const r = await lockResource(trx, ctx.database.adapter, id);
    if (!seesWorkingCopy(p, r.provider_unit_id)) hidden();
    assertMay(p, t, r.provider_unit_id);
    // deprecation acts on the published line; every other step on the working copy
    const v = await loadVersion(trx, id, t === 'deprecate' && r.published_version != null ? r.published_version : r.current_version);
    const from = v.status as VersionStatus;
    if (!FROM[t].includes(from)) {
      throw conflict('invalid_transition', `资源当前为「${ZH.status[from]}」，不能执行此操作 (cannot ${t} a ${from} resource)`, {
        from,
        action: t,
      });
    }
    if (t === 'submit' || t === 'approve') {
      const violations = checkConsistency(parseContent(v.content));
      if (violations.length)
        throw badRequest('catalog_inconsistent', `资源不符合目录规则：${violations.map((x) => x.message).join('；')}`, violations);
    }
    const now = nowIso(ctx.clock);
    const to = TO[t];
    const set: Record<string, unknown> = { status: to, updated_at: now };
    if (t === 'submit') Object.assign(set, { submitted_at: now, review_comment: null });
    if (t === 'approve' || t === 'return') Object.assign(set, { reviewed_by: p.userId, reviewed_at: now, review_comment: comment });
    if (t === 'publish') set.published_at = now;
    if (t === 'deprecate') set.review_comment = comment;
    await trx.updateTable('catalog_versions').set(set).where('resource_id', '=', id).where('version', '=', v.version).execute();
    let closed: number | null = null;
    if (t === 'deprecate' && r.current_version !== v.version) {
      // the unfinished newer version is closed with the line it would have continued
      closed = r.current_version;
      await trx
        .updateTable('catalog_versions')
        .set({ status: 'deprecated', review_comment: `随资源废止关闭，未发布 (closed unpublished): ${comment}`, updated_at: now })
        .where('resource_id', '=', id)
        .where('version', '=', closed)
        .execute();
    }
    if (t === 'publish') {
      if (r.published_version) {
        await trx
          .updateTable('catalog_versions')
          .set({ status: 'superseded', updated_at: now })
          .where('resource_id', '=', id)
          .where('version', '=', r.published_version)
          .execute();
      }
      await trx.updateTable('catalog_resources').set({ published_version: v.version, updated_at: now }).where('id', '=', id).execute();
    }
    if (t === 'deprecate')
      await trx.updateTable('catalog_resources').set({ deprecated_at: now, updated_at: now }).where('id', '=', id).execute();
    trail.record({
      action: `catalog.resource.${t}`,
      objectType: 'resource',
      objectId: id,
      details: { code: r.code, version: v.version, from, to, comment, ...(closed ? { closedVersion: closed } : {}) },
    });
    if (t === 'publish') {
      const before = r.published_version ? parseContent((await loadVersion(trx, id, r.published_version)).content) : null;
      await followOpenEntry(trx, trail, id, { kind: 'published', before, after: parseContent(v.content), version: v.version }, now);
    }
    if (t === 'deprecate') {
      await followOpenEntry(trx, trail, id, { kind: 'deprecated' }, now);
      await retireCollection(trx, trail, id, now);
    }
    const resource = await loadResource(trx, id);
    const after = await loadVersion(trx, id, resource.current_version);
    return toView(resource, after, await unitName(trx, r.provider_unit_id));
  });
}
