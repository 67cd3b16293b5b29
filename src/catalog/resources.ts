// Creating and editing resources. Every save is checked against the consistency rules; editing a
// published resource starts a new version while the published one stays in force.
import type { Transaction } from 'kysely';
import type { AppContext } from '../app/context.js';
import { actorOf, type Principal, type RequestMeta } from '../identity/index.js';
import { newId } from '../platform/crypto/index.js';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { badRequest, conflict } from '../platform/errors.js';
import { assertCanEdit, hidden, seesWorkingCopy } from './access.js';
import { codePrefix, nextCode } from './codes.js';
import { diffContent } from './diff.js';
import { resourceContentSchema, type ResourceContent, type ResourceContentInput } from './model.js';
import { checkConsistency } from './rules.js';
import { draftVersion, loadVersion, lockResource, parseContent, toView, unitName, versionColumns, type ResourceView } from './store.js';

/** Parses and checks content; throws 400 with every problem listed. */
export function validContent(input: ResourceContentInput): ResourceContent {
  const parsed = resourceContentSchema.safeParse(input);
  if (!parsed.success) {
    throw badRequest(
      'validation_failed',
      '资源内容不合法 (invalid resource)',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const violations = checkConsistency(parsed.data);
  if (violations.length)
    throw badRequest('catalog_inconsistent', `资源不符合目录规则：${violations.map((v) => v.message).join('；')}`, violations);
  return parsed.data;
}

/** Related resources are named by code: each must be a resource of the catalog. */
async function assertRelatedExist(trx: Transaction<DB>, c: ResourceContent): Promise<void> {
  const codes = [...new Set(c.related)];
  if (!codes.length) return;
  const found = new Set((await trx.selectFrom('catalog_resources').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
  const missing = codes.filter((x) => !found.has(x));
  if (missing.length)
    throw badRequest(
      'related_not_found',
      `关联资源代码不存在：${missing.join('、')} (related resources not found)`,
      missing.map((code) => ({ path: 'related', message: `资源代码「${code}」不存在`, code })),
    );
}

/**
 * The fields a resource's code is made of (resource kind, base category, subject class). The code is
 * issued once and never rewritten or reused, so these cannot change after creation: a resource that
 * belongs elsewhere is deprecated and created anew, under a new code.
 */
export const CODE_FIELDS = ['kind', 'baseCategory', 'subject'] as const;

export function changedCodeFields(before: ResourceContent, after: ResourceContent): string[] {
  return CODE_FIELDS.filter((f) => (before[f] ?? null) !== (after[f] ?? null));
}

function assertCodeFieldsKept(before: ResourceContent, after: ResourceContent): void {
  const changed = changedCodeFields(before, after);
  if (changed.length)
    throw badRequest(
      'classification_fixed',
      '资源代码按资源分类、基础库类别和主题分类编制，创建后不能更改；如分类有误，请废止后新建 (these fields make the resource code and cannot change)',
      changed.map((field) => ({ path: field, message: '创建后不能更改 (fixed after creation)' })),
    );
}

async function assertUnitsExist(trx: Transaction<DB>, c: ResourceContent): Promise<void> {
  const ids = [...new Set(c.elements.map((e) => e.authoritativeUnitId).filter((x): x is string => !!x))];
  if (!ids.length) return;
  const found = await trx.selectFrom('units').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw badRequest('unit_not_found', '权威来源单位不存在 (authoritative source unit not found)');
}

export async function createResource(
  ctx: AppContext,
  p: Principal,
  providerUnitId: string,
  input: ResourceContentInput,
  meta: RequestMeta = {},
): Promise<ResourceView> {
  assertCanEdit(p, providerUnitId);
  const content = validContent(input);
  return ctx.audit.transaction(actorOf(p, meta), (trx, trail) =>
    createInTransaction(ctx, trx, p, providerUnitId, content, (id, code) =>
      trail.record({
        action: 'catalog.resource.create',
        objectType: 'resource',
        objectId: id,
        details: { code, name: content.name, version: 1 },
      }),
    ),
  );
}

/** Inserts a new resource at version 1 (draft) inside an open transaction; used by create and by import. */
export async function createInTransaction(
  ctx: AppContext,
  trx: Transaction<DB>,
  p: Principal,
  providerUnitId: string,
  content: ResourceContent,
  audit: (id: string, code: string) => void,
): Promise<ResourceView> {
  const provider = await trx
    .selectFrom('units')
    .select(['id', 'code', 'name', 'status'])
    .where('id', '=', providerUnitId)
    .executeTakeFirst();
  if (!provider || provider.status !== 'active') throw badRequest('unit_not_found', '提供单位不存在或已停用 (provider unit not found)');
  await assertUnitsExist(trx, content);
  await assertRelatedExist(trx, content);
  const now = nowIso(ctx.clock);
  const id = newId();
  const code = await nextCode(trx, codePrefix(content, provider.code));
  const resource = {
    id,
    code,
    provider_unit_id: providerUnitId,
    current_version: 1,
    published_version: null,
    deprecated_at: null,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('catalog_resources').values(resource).execute();
  const version = draftVersion(id, 1, content, p.userId, now);
  await trx.insertInto('catalog_versions').values(version).execute();
  audit(id, code);
  return toView(resource, version, provider.name);
}

/**
 * Saves new content. A draft or returned version is changed in place (and becomes a draft again);
 * a published one gets a new draft version; a version under review cannot change.
 */
export async function saveResource(
  ctx: AppContext,
  p: Principal,
  id: string,
  input: ResourceContentInput,
  meta: RequestMeta = {},
): Promise<ResourceView> {
  const content = validContent(input);
  return ctx.audit.transaction(actorOf(p, meta), async (trx, trail) => {
    const r = await lockResource(trx, ctx.database.adapter, id);
    if (!seesWorkingCopy(p, r.provider_unit_id)) hidden();
    return saveInTransaction(ctx, trx, p, id, content, (details) =>
      trail.record({ action: 'catalog.resource.update', objectType: 'resource', objectId: id, details }),
    );
  });
}

/** The save itself, inside an open transaction; used by save and by import. Returns null when nothing changed. */
export async function saveInTransaction(
  ctx: AppContext,
  trx: Transaction<DB>,
  p: Principal,
  id: string,
  content: ResourceContent,
  audit: (details: Record<string, unknown>) => void,
): Promise<ResourceView> {
  // locked: two saves of a published resource at once would otherwise both start version n+1
  const r = await lockResource(trx, ctx.database.adapter, id);
  assertCanEdit(p, r.provider_unit_id);
  if (r.deprecated_at) throw conflict('deprecated', '资源已废止，不能再编辑 (the resource is deprecated)');
  await assertUnitsExist(trx, content);
  await assertRelatedExist(trx, content);
  const current = await loadVersion(trx, id, r.current_version);
  const before = parseContent(current.content);
  assertCodeFieldsKept(before, content);
  const changes = diffContent(before, content);
  const now = nowIso(ctx.clock);
  let version = r.current_version;
  if (current.status === 'draft' || current.status === 'returned') {
    await trx
      .updateTable('catalog_versions')
      .set({ ...versionColumns(content), status: 'draft', updated_at: now })
      .where('resource_id', '=', id)
      .where('version', '=', version)
      .execute();
  } else if (current.status === 'published') {
    version += 1;
    await trx
      .insertInto('catalog_versions')
      .values(draftVersion(id, version, content, p.userId, now))
      .execute();
    await trx.updateTable('catalog_resources').set({ current_version: version, updated_at: now }).where('id', '=', id).execute();
  } else {
    throw conflict('under_review', `资源处于「${current.status}」状态，审核结束前不能修改 (the resource is under review)`);
  }
  audit({ code: r.code, version, changes: changes.map((c) => c.field) });
  const updated = await loadVersion(trx, id, version);
  return toView({ ...r, current_version: version }, updated, await unitName(trx, r.provider_unit_id));
}
