// The audit page keeps its filters in the URL: a search can be bookmarked or sent to a colleague,
// the back button works, and the export link is built from exactly what the table shows.

export const AUDIT_FILTERS = ['actor', 'unitId', 'action', 'objectType', 'objectId', 'outcome', 'from', 'to'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Partial<Record<AuditFilter, string>>;

export const DEFAULT_PAGE_SIZE = 20;

export function readFilters(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of AUDIT_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function readPage(params: URLSearchParams): { page: number; pageSize: number } {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

export function toParams(filters: AuditFilters, page?: { page: number; pageSize: number }): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTERS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  if (page && page.page > 1) params.set('page', String(page.page));
  if (page && page.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(page.pageSize));
  return params;
}

export function exportUrl(format: 'csv' | 'json', filters: AuditFilters): string {
  const params = toParams(filters);
  params.set('format', format);
  return `/api/v1/audit/export?${params.toString()}`;
}
