// Reading and writing resource versions: content is kept whole as canonical JSON (so versions can be
// diffed and restored exactly) with the columns that filters and facets need beside it.
import type { Kysely, Transaction } from 'kysely';
import type { CatalogResourcesTable, CatalogVersionsTable, DB, DbAdapter } from '../platform/db/index.js';
import { canonicalJson } from '../platform/crypto/index.js';
import { notFound } from '../platform/errors.js';
import { resourceContentSchema, type ResourceContent, type VersionStatus } from './model.js';

export interface ResourceView extends ResourceContent {
  id: string;
  code: string;
  providerUnitId: string;
  providerName: string;
  version: number;
  status: VersionStatus;
  publishedVersion: number | null;
  deprecatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
}

export function parseContent(text: string): ResourceContent {
  return resourceContentSchema.parse(JSON.parse(text));
}

export function searchText(c: ResourceContent): string {
  return [c.name, c.summary, ...c.elements.map((e) => e.name)].join(' ');
}

export function versionColumns(c: ResourceContent) {
  return {
    content: canonicalJson(c),
    name: c.name,
    kind: c.kind,
    format: c.format,
    update_cycle: c.updateCycle,
    sharing_type: c.sharingType,
    open_type: c.openType,
    grade: c.grade,
    search_text: searchText(c),
    base_category: c.baseCategory ?? null,
    summary: c.summary,
  };
}

/** A new version row in draft, before anyone has reviewed it. */
export function draftVersion(resourceId: string, version: number, c: ResourceContent, userId: string, now: string): CatalogVersionsTable {
  return {
    resource_id: resourceId,
    version,
    status: 'draft',
    ...versionColumns(c),
    created_by: userId,
    created_at: now,
    updated_at: now,
    submitted_at: null,
    reviewed_by: null,
    reviewed_at: null,
    review_comment: null,
    published_at: null,
  };
}

export function toView(r: CatalogResourcesTable, v: CatalogVersionsTable, providerName: string): ResourceView {
  return {
    ...parseContent(v.content),
    id: r.id,
    code: r.code,
    providerUnitId: r.provider_unit_id,
    providerName,
    version: v.version,
    status: v.status as VersionStatus,
    publishedVersion: r.published_version,
    deprecatedAt: r.deprecated_at,
    createdAt: r.created_at,
    updatedAt: v.updated_at,
    submittedAt: v.submitted_at,
    reviewedAt: v.reviewed_at,
    reviewComment: v.review_comment,
    publishedAt: v.published_at,
  };
}

export async function loadResource(db: Kysely<DB> | Transaction<DB>, id: string): Promise<CatalogResourcesTable> {
  const r = await db.selectFrom('catalog_resources').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('resource_not_found', '资源不存在 (resource not found)');
  return r;
}

/**
 * The resource row, locked until the transaction ends: every read-check-write of a resource (a
 * lifecycle step, a save that may start a new version) loads it this way first, so that two at once
 * run one after the other and the second sees what the first did.
 */
export async function lockResource(trx: Transaction<DB>, adapter: DbAdapter, id: string): Promise<CatalogResourcesTable> {
  const r = await adapter.forUpdate(trx.selectFrom('catalog_resources').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!r) throw notFound('resource_not_found', '资源不存在 (resource not found)');
  return r;
}

export async function loadVersion(db: Kysely<DB> | Transaction<DB>, id: string, version: number): Promise<CatalogVersionsTable> {
  const v = await db
    .selectFrom('catalog_versions')
    .selectAll()
    .where('resource_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) throw notFound('version_not_found', `资源版本 ${version} 不存在 (version not found)`);
  return v;
}

export async function unitName(db: Kysely<DB> | Transaction<DB>, unitId: string): Promise<string> {
  return (await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst())?.name ?? '';
}
