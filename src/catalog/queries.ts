// Browsing and searching the catalog: each caller sees, per resource, the version it may see — the
// working copy for those who edit or review it, the published version for everyone else.
import { sql, type Expression, type Kysely, type SelectQueryBuilder } from 'kysely';
import { likePattern, type DB, type DbAdapter } from '../platform/db/index.js';
import { scopeOf, type Principal } from '../identity/index.js';
import { hidden, seesWorkingCopy } from './access.js';
import { diffContent, type FieldChange } from './diff.js';
import { loadResource, loadVersion, parseContent, toView, unitName, type ResourceView } from './store.js';

export interface CatalogFilter {
  q?: string;
  providerUnitId?: string;
  kind?: string;
  baseCategory?: string;
  grade?: string;
  sharingType?: string;
  openType?: string;
  updateCycle?: string;
  status?: string;
}

export const FACETS = ['providerUnitId', 'kind', 'baseCategory', 'grade', 'sharingType', 'openType', 'updateCycle', 'status'] as const;

export interface ResourceSummary {
  id: string;
  code: string;
  name: string;
  providerUnitId: string;
  providerName: string;
  version: number;
  status: string;
  kind: string;
  baseCategory: string | null;
  grade: string;
  sharingType: string;
  openType: string;
  updateCycle: string;
  publishedVersion: number | null;
  deprecatedAt: string | null;
  updatedAt: string;
}

type Q = SelectQueryBuilder<DB & { r: DB['catalog_resources']; v: DB['catalog_versions']; u: DB['units'] }, 'r' | 'v' | 'u', object>;

/** Which version of each resource the principal sees, as a join condition (on `r`, catalog_resources). */
export function visibleVersion(p: Principal): Expression<number | null> {
  const editAll = scopeOf(p, 'catalog.edit') === 'all' || scopeOf(p, 'catalog.review') === 'all' || p.roles.includes('regulator');
  if (editAll) return sql<number>`r.current_version`;
  if (scopeOf(p, 'catalog.edit') === 'own_unit')
    return sql<number>`case when r.provider_unit_id = ${p.unitId} then r.current_version else r.published_version end`;
  return sql<number | null>`r.published_version`;
}

function terms(q: string | undefined): string[] {
  return (q ?? '')
    .split(/\s+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .slice(0, 8);
}

/** The search's FROM and WHERE: exported so that a test can check the engine's plan uses the text index. */
export function searchQuery(db: Kysely<DB>, adapter: DbAdapter, p: Principal, f: CatalogFilter): Q {
  let q = db
    .selectFrom('catalog_resources as r')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').on((eb) => eb('v.version', '=', visibleVersion(p))))
    .innerJoin('units as u', 'u.id', 'r.provider_unit_id') as unknown as Q;
  for (const t of terms(f.q)) q = q.where(adapter.containsText({ alias: 'v', column: 'search_text', ftsTable: 'catalog_fts' }, t));
  if (f.providerUnitId) q = q.where('r.provider_unit_id', '=', f.providerUnitId);
  if (f.kind) q = q.where('v.kind', '=', f.kind);
  if (f.baseCategory) q = q.where('v.base_category', '=', f.baseCategory);
  if (f.grade) q = q.where('v.grade', '=', f.grade);
  if (f.sharingType) q = q.where('v.sharing_type', '=', f.sharingType);
  if (f.openType) q = q.where('v.open_type', '=', f.openType);
  if (f.updateCycle) q = q.where('v.update_cycle', '=', f.updateCycle);
  if (f.status) q = q.where('v.status', '=', f.status);
  return q;
}

/**
 * Relevance, per term: the whole name 100, a hit in the name 10, in the summary 3, and otherwise 1 (the
 * row matched, so the hit is in an element name). Computed on the rows the search already selected.
 */
function relevance(q: string | undefined, adapter: DbAdapter) {
  const ts = terms(q);
  if (!ts.length) return sql<number>`0`;
  const op = sql.raw(adapter.likeOperator);
  const parts = ts.map((t) => {
    const like = likePattern(t);
    return sql<number>`(case when v.name = ${t} then 100 when v.name ${op} ${like} escape '\\' then 10 when v.summary ${op} ${like} escape '\\' then 3 else 1 end)`;
  });
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

export async function searchCatalog(db: Kysely<DB>, adapter: DbAdapter, p: Principal, f: CatalogFilter, page: number, pageSize: number) {
  const [totalRow, rows] = await Promise.all([
    searchQuery(db, adapter, p, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    searchQuery(db, adapter, p, f)
      .select([
        'r.id',
        'r.code',
        'r.provider_unit_id',
        'r.published_version',
        'r.deprecated_at',
        'u.name as provider_name',
        'v.name',
        'v.version',
        'v.status',
        'v.kind',
        'v.base_category',
        'v.grade',
        'v.sharing_type',
        'v.open_type',
        'v.update_cycle',
        'v.updated_at',
      ])
      .select(relevance(f.q, adapter).as('score'))
      .orderBy('score', 'desc')
      .orderBy('r.code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const items: ResourceSummary[] = rows.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.name,
    providerUnitId: x.provider_unit_id,
    providerName: x.provider_name,
    version: Number(x.version),
    status: x.status,
    kind: x.kind,
    baseCategory: x.base_category,
    grade: x.grade,
    sharingType: x.sharing_type,
    openType: x.open_type,
    updateCycle: x.update_cycle,
    publishedVersion: x.published_version,
    deprecatedAt: x.deprecated_at,
    updatedAt: x.updated_at,
  }));
  return { items, total: Number(totalRow.n), page, pageSize };
}

/**
 * Counts per value of each facet, over what the other filters select (a facet's own filter left out,
 * so that it shows the alternatives). One query fetches the facet values of every row the text query
 * matches; the counting, per facet with the other facets' filters applied, happens here.
 */
export async function facetCounts(db: Kysely<DB>, adapter: DbAdapter, p: Principal, f: CatalogFilter) {
  const rows = await searchQuery(db, adapter, p, { q: f.q })
    .select([
      'r.provider_unit_id as providerUnitId',
      'u.name as unitName',
      'v.kind',
      'v.base_category as baseCategory',
      'v.grade',
      'v.sharing_type as sharingType',
      'v.open_type as openType',
      'v.update_cycle as updateCycle',
      'v.status',
    ])
    .execute();
  const out: Record<string, { value: string; label: string; count: number }[]> = {};
  for (const facet of FACETS) {
    const others = FACETS.filter((o) => o !== facet && f[o]);
    const counts = new Map<string, { value: string; label: string; count: number }>();
    for (const row of rows) {
      if (others.some((o) => row[o] !== f[o])) continue;
      const value = row[facet];
      if (value == null) continue; // base category: only base resources have one
      const entry = counts.get(value) ?? { value, label: facet === 'providerUnitId' ? row.unitName : value, count: 0 };
      entry.count += 1;
      counts.set(value, entry);
    }
    out[facet] = [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }
  return out;
}

/**
 * Whether a version was ever published, and so may be shown to those who see published versions only.
 * Not by status: a draft closed by deprecation is `deprecated` too, yet was never published.
 */
function wasPublished(v: { published_at: string | null }): boolean {
  return v.published_at != null;
}

export async function getResource(db: Kysely<DB>, p: Principal, id: string, version?: number): Promise<ResourceView> {
  const r = await loadResource(db, id);
  const working = seesWorkingCopy(p, r.provider_unit_id);
  const wanted = version ?? (working ? r.current_version : r.published_version);
  if (wanted == null) hidden();
  const v = await loadVersion(db, id, wanted);
  if (!working && !wasPublished(v)) hidden();
  return toView(r, v, await unitName(db, r.provider_unit_id));
}

export interface VersionHistoryEntry {
  version: number;
  status: string;
  createdAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  changes: FieldChange[];
}

export async function versionHistory(db: Kysely<DB>, p: Principal, id: string): Promise<VersionHistoryEntry[]> {
  const r = await loadResource(db, id);
  const working = seesWorkingCopy(p, r.provider_unit_id);
  if (!working && r.published_version == null) hidden();
  const versions = await db.selectFrom('catalog_versions').selectAll().where('resource_id', '=', id).orderBy('version').execute();
  const visible = working ? versions : versions.filter(wasPublished);
  let previous = null as ReturnType<typeof parseContent> | null;
  const out: VersionHistoryEntry[] = [];
  for (const v of visible) {
    const content = parseContent(v.content);
    out.push({
      version: v.version,
      status: v.status,
      createdAt: v.created_at,
      submittedAt: v.submitted_at,
      reviewedAt: v.reviewed_at,
      reviewComment: v.review_comment,
      publishedAt: v.published_at,
      changes: diffContent(previous, content),
    });
    previous = content;
  }
  return out.reverse();
}

/** Every resource at its newest version, for the CLI and exports made by operators with database access. */
export async function allResources(db: Kysely<DB>): Promise<ResourceView[]> {
  const rows = await db
    .selectFrom('catalog_resources as r')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'r.current_version'))
    .innerJoin('units as u', 'u.id', 'r.provider_unit_id')
    .selectAll('v')
    .select([
      'r.id',
      'r.code',
      'r.provider_unit_id',
      'r.current_version',
      'r.published_version',
      'r.deprecated_at',
      'r.created_at as r_created_at',
      'r.updated_at as r_updated_at',
      'u.name as provider_name',
    ])
    .orderBy('r.code')
    .execute();
  return rows.map((x) =>
    toView(
      {
        id: x.id,
        code: x.code,
        provider_unit_id: x.provider_unit_id,
        current_version: x.current_version,
        published_version: x.published_version,
        deprecated_at: x.deprecated_at,
        created_at: x.r_created_at,
        updated_at: x.r_updated_at,
      },
      x,
      x.provider_name,
    ),
  );
}

/**
 * The published version of a resource, found by id or code, for the modules that act on published
 * resources only (aggregation writes into them). Null when there is no such resource or it has never
 * been published; access is the caller's to check. A deprecated resource is still returned, with
 * `deprecatedAt` set, because work already under way in it (a batch being applied, a correction) must
 * finish; a caller that starts new work in a resource refuses a deprecated one.
 */
export async function publishedResource(db: Kysely<DB>, idOrCode: string): Promise<ResourceView | null> {
  const r = await db
    .selectFrom('catalog_resources')
    .selectAll()
    .where((w) => w.or([w('id', '=', idOrCode), w('code', '=', idOrCode)]))
    .executeTakeFirst();
  if (!r || r.published_version == null) return null;
  const v = await loadVersion(db, r.id, r.published_version);
  return toView(r, v, await unitName(db, r.provider_unit_id));
}

/** Every published resource of a kind (base libraries look up their defining resources this way). */
export async function publishedOfKind(db: Kysely<DB>, kind: ResourceView['kind']): Promise<ResourceView[]> {
  const rows = await db
    .selectFrom('catalog_resources as r')
    .innerJoin('catalog_versions as v', (j) => j.onRef('v.resource_id', '=', 'r.id').onRef('v.version', '=', 'r.published_version'))
    .select('r.id')
    .where('v.kind', '=', kind)
    .where('r.deprecated_at', 'is', null)
    .execute();
  const out: ResourceView[] = [];
  for (const r of rows) {
    const view = await publishedResource(db, r.id);
    if (view) out.push(view);
  }
  return out;
}
