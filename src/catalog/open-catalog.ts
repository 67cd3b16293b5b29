// The open catalog (开放目录, R3.1.6): published resources whose open type is not `none`, reviewed and
// published on their own, and listed to the public under /open/v1/catalog.
import type { Kysely } from 'kysely';
import type { AppContext } from '../app/context.js';
import { actorOf, scopeOf, type Principal, type RequestMeta } from '../identity/index.js';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { badRequest, conflict, forbidden } from '../platform/errors.js';
import { assertCanEdit, seesWorkingCopy } from './access.js';
import { loadVersion, lockResource, parseContent } from './store.js';

export type OpenDecision = 'approve' | 'return' | 'withdraw';

export async function proposeForOpening(ctx: AppContext, p: Principal, resourceId: string, meta: RequestMeta = {}): Promise<void> {
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const r = await lockResource(trx, ctx.database.adapter, resourceId); // one proposal at a time
    assertCanEdit(p, r.provider_unit_id);
    if (r.published_version == null || r.deprecated_at)
      throw conflict('not_published', '只有已发布且未废止的资源可以申请开放 (only published resources can be opened)');
    const content = parseContent((await loadVersion(trx, resourceId, r.published_version)).content);
    if (content.openType === 'none') throw conflict('not_openable', '该资源的开放类型为「不予开放」 (the resource is not to be opened)');
    const now = nowIso(ctx.clock);
    const existing = await trx.selectFrom('catalog_open_entries').select('status').where('resource_id', '=', resourceId).executeTakeFirst();
    if (existing?.status === 'submitted') throw conflict('already_submitted', '已在开放审核中 (already awaiting review)');
    const values = {
      status: 'submitted',
      resource_version: r.published_version,
      submitted_by: p.userId,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      updated_at: now,
    };
    if (existing) await trx.updateTable('catalog_open_entries').set(values).where('resource_id', '=', resourceId).execute();
    else
      await trx
        .insertInto('catalog_open_entries')
        .values({ resource_id: resourceId, published_at: null, ...values })
        .execute();
    trail.record({
      action: 'catalog.open.submit',
      objectType: 'resource',
      objectId: resourceId,
      details: { code: r.code, version: r.published_version, openType: content.openType },
    });
  });
}

const OPEN_STATUS_ZH: Record<string, string> = { submitted: '待审核', published: '已开放', returned: '已退回', withdrawn: '已撤回' };
const FROM: Record<OpenDecision, string[]> = { approve: ['submitted'], return: ['submitted'], withdraw: ['published'] };
const TO: Record<OpenDecision, string> = { approve: 'published', return: 'returned', withdraw: 'withdrawn' };

export async function decideOpening(
  ctx: AppContext,
  p: Principal,
  resourceId: string,
  decision: OpenDecision,
  comment: string | null,
  meta: RequestMeta = {},
): Promise<void> {
  if (scopeOf(p, 'opencatalog.review') !== 'all') throw forbidden('forbidden', '没有开放目录审核权限 (permission denied)');
  if (decision !== 'approve' && !comment?.trim()) throw badRequest('reason_required', '须写明理由 (a reason is required)');
  await ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    await lockResource(trx, ctx.database.adapter, resourceId); // two reviewers deciding at once: the second sees the first's decision
    const entry = await trx.selectFrom('catalog_open_entries').selectAll().where('resource_id', '=', resourceId).executeTakeFirst();
    if (!entry || !FROM[decision].includes(entry.status))
      throw conflict('invalid_transition', `开放目录条目当前为「${entry?.status ?? '无'}」，不能执行此操作`, {
        from: entry?.status ?? null,
        action: decision,
      });
    const now = nowIso(ctx.clock);
    await trx
      .updateTable('catalog_open_entries')
      .set({
        status: TO[decision],
        reviewed_by: p.userId,
        reviewed_at: now,
        review_comment: comment,
        updated_at: now,
        ...(decision === 'approve' ? { published_at: now } : {}),
      })
      .where('resource_id', '=', resourceId)
      .execute();
    trail.record({
      action: `catalog.open.${decision}`,
      objectType: 'resource',
      objectId: resourceId,
      details: { from: entry.status, to: TO[decision], comment },
    });
  });
}

/**
 * The open catalog's entries for the console. Review states (submitted, returned, withdrawn, and the
 * reviewer's comments) are internal: they are shown for a resource to those who see its working copy
 * (its own unit, the platform service unit, the operator, the regulator); everyone else with catalog
 * access sees the opened entries only, as the public does.
 */
export async function listOpenEntries(db: Kysely<DB>, p: Principal, status?: string) {
  let q = db
    .selectFrom('catalog_open_entries as o')
    .innerJoin('catalog_resources as r', 'r.id', 'o.resource_id')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'o.resource_version'))
    .innerJoin('units as u', 'u.id', 'r.provider_unit_id')
    .select([
      'o.resource_id',
      'o.status',
      'o.resource_version',
      'o.reviewed_at',
      'o.review_comment',
      'o.published_at',
      'o.updated_at',
      'r.code',
      'r.provider_unit_id',
      'v.name',
      'v.open_type',
      'u.name as provider_name',
    ])
    .orderBy('r.code');
  if (status) q = q.where('o.status', '=', status);
  const rows = (await q.execute()).filter((x) => x.status === 'published' || seesWorkingCopy(p, x.provider_unit_id));
  return rows.map((x) => ({
    resourceId: x.resource_id,
    code: x.code,
    name: x.name,
    providerName: x.provider_name,
    openType: x.open_type,
    status: x.status,
    version: x.resource_version,
    reviewedAt: x.reviewed_at,
    reviewComment: seesWorkingCopy(p, x.provider_unit_id) ? x.review_comment : null,
    publishedAt: x.published_at,
    updatedAt: x.updated_at,
  }));
}

/** What the public sees of an opened resource: its description and element list, never internal review data. */
export async function publicOpenCatalog(db: Kysely<DB>, q?: string) {
  const rows = await db
    .selectFrom('catalog_open_entries as o')
    .innerJoin('catalog_resources as r', 'r.id', 'o.resource_id')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'o.resource_version'))
    .innerJoin('units as u', 'u.id', 'r.provider_unit_id')
    .select(['r.code', 'r.deprecated_at', 'v.content', 'u.name as provider_name', 'o.published_at'])
    .where('o.status', '=', 'published')
    .orderBy('r.code')
    .execute();
  const needle = q?.trim();
  return rows
    .filter((r) => !r.deprecated_at)
    .map((r) => {
      const c = parseContent(r.content);
      return {
        code: r.code,
        name: c.name,
        summary: c.summary,
        provider: r.provider_name,
        format: c.format,
        updateCycle: c.updateCycle,
        openType: c.openType,
        openCondition: c.openCondition ?? null,
        publishedAt: r.published_at,
        elements: c.elements.map((e) => ({ code: e.code, name: e.name, type: e.type })),
      };
    })
    .filter((r) => !needle || r.name.includes(needle) || r.summary.includes(needle) || r.elements.some((e) => e.name.includes(needle)));
}
