// The table resources a page may work on, each as published (the version batches and rules use). A
// unit with the permission for its own unit gets the resources it produces: those it provides and those
// the collection catalog names it the supplier of (the server's rule, src/aggregation/batches.ts); the
// platform and the operator get every one.
//
// The catalog list reports neither format nor elements, so each candidate's published version is read;
// a department has a handful, the whole city a few dozen. The list is filtered by `publishedVersion`
// rather than `status=published`: a resource with a draft pending over its published version is still
// published, but its working copy's status is `draft`.
import { api } from '../api';
import { useAuth } from '../auth';
import type { CatalogSearch, CollectionEntry, DataElement, Resource } from '../catalog/types';
import type { ListResponse } from '../types';
import { useApi, type Loaded } from '../use-api';
import { scopeFor, type Permission, type Role } from '../../../src/identity/roles';

export interface TableResource {
  id: string;
  code: string;
  name: string;
  providerUnitId: string;
  providerName: string;
  version: number;
  kind: Resource['kind'];
  baseCategory: Resource['baseCategory'];
  elements: DataElement[];
}

const PAGE_SIZE = 200;
const MAX_PAGES = 20;

async function publishedResources(): Promise<CatalogSearch['items']> {
  const all: CatalogSearch['items'] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await api.get<CatalogSearch>('/api/v1/catalog/resources', { page, pageSize: PAGE_SIZE });
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) break;
  }
  return all.filter((r) => r.publishedVersion != null && !r.deprecatedAt);
}

async function loadTableResources(ownUnitId: string | null): Promise<TableResource[]> {
  let candidates = await publishedResources();
  if (ownUnitId) {
    const collection = await api.get<ListResponse<CollectionEntry>>('/api/v1/catalog/collection', { supplierUnitId: ownUnitId });
    const supplied = new Set(collection.items.filter((c) => c.status === 'active').map((c) => c.resourceId));
    candidates = candidates.filter((r) => r.providerUnitId === ownUnitId || supplied.has(r.id));
  }
  const versions = await Promise.all(
    candidates.map((r) => api.get<Resource>(`/api/v1/catalog/resources/${encodeURIComponent(r.id)}/versions/${r.publishedVersion}`)),
  );
  return versions
    .filter((v) => v.format === 'table')
    .map((v) => ({
      id: v.id,
      code: v.code,
      name: v.name,
      providerUnitId: v.providerUnitId,
      providerName: v.providerName,
      version: v.version,
      kind: v.kind,
      baseCategory: v.baseCategory ?? null,
      elements: v.elements,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** `permission` decides the reach: its `own_unit` scope limits the list to what the unit produces. */
export function useTableResources(permission: Permission): Loaded<TableResource[]> {
  const { user } = useAuth();
  const scope = user ? scopeFor(user.roles as Role[], permission) : null;
  const ownUnitId = scope === 'own_unit' && user ? user.unitId : null;
  return useApi(user && scope ? `table-resources:${permission}:${ownUnitId ?? 'all'}` : null, () => loadTableResources(ownUnitId));
}

/** Select options: the name first (what people know), the code after (what tells twins apart). */
export function resourceOptions(resources: TableResource[] | undefined) {
  return (resources ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.code}）`, name: r.name }));
}
