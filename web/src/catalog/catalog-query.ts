// The catalog browser keeps its search in the URL, like the audit log: a search can be bookmarked or
// sent to a colleague, and the back button returns to the previous filters.
import { FACETS, type Facet } from './types';

export type CatalogFilters = Partial<Record<'q' | Facet, string>>;

export const CATALOG_PAGE_SIZE = 20;

export function readCatalogFilters(params: URLSearchParams): CatalogFilters {
  const filters: CatalogFilters = {};
  for (const key of ['q', ...FACETS] as const) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

export function readCatalogPage(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 && pageSize <= 200 ? pageSize : CATALOG_PAGE_SIZE,
  };
}

export function catalogParams(filters: CatalogFilters, page?: { page: number; pageSize: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['q', ...FACETS] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (page && page.page > 1) params.set('page', String(page.page));
  if (page && page.pageSize !== CATALOG_PAGE_SIZE) params.set('pageSize', String(page.pageSize));
  return params;
}
