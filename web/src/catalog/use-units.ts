// Unit names for the catalog pages (providers, suppliers, authoritative sources). Only some roles may
// list units (units.read); for the others the catalog's own provider facet names the units that
// provide resources, and the user's own unit is always known.
import { useMemo } from 'react';
import { api } from '../api';
import { useAuth } from '../auth';
import type { ListResponse, Unit } from '../types';
import { useApi } from '../use-api';
import type { CatalogSearch } from './types';

export interface UnitChoice {
  id: string;
  name: string;
}

export function useUnits(): { units: UnitChoice[]; nameOf: (id: string | null | undefined) => string | undefined } {
  const { user, can } = useAuth();
  const full = can('units.read');
  const listed = useApi(full ? 'units' : null, () => api.get<ListResponse<Unit>>('/api/v1/units'));
  const providers = useApi(full ? null : 'catalog-providers', () =>
    api.get<CatalogSearch>('/api/v1/catalog/resources', { facets: 'true', pageSize: 1 }),
  );
  return useMemo(() => {
    const units: UnitChoice[] = full
      ? (listed.data?.items ?? []).filter((u) => u.status === 'active').map((u) => ({ id: u.id, name: u.name }))
      : (providers.data?.facets?.providerUnitId ?? []).map((f) => ({ id: f.value, name: f.label }));
    if (user && !units.some((u) => u.id === user.unitId)) units.unshift({ id: user.unitId, name: user.unitName });
    const names = new Map(units.map((u) => [u.id, u.name]));
    return { units, nameOf: (id) => (id ? names.get(id) : undefined) };
  }, [full, listed.data, providers.data, user]);
}
