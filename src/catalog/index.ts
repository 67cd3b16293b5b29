export * from './model.js';
export { checkConsistency } from './rules.js';
export type { Violation } from './rules.js';
export { createResource, saveResource, validContent } from './resources.js';
export { transition } from './lifecycle.js';
export {
  searchCatalog,
  facetCounts,
  FACETS,
  getResource,
  versionHistory,
  allResources,
  publishedResource,
  publishedOfKind,
} from './queries.js';
export type { CatalogFilter, ResourceSummary, VersionHistoryEntry } from './queries.js';
export type { ResourceView } from './store.js';
export { diffContent } from './diff.js';
export { listCollection, upsertCollection, removeCollection, nextDueDate } from './collection.js';
export { proposeForOpening, decideOpening, listOpenEntries, publicOpenCatalog } from './open-catalog.js';
export { catalogRoutes } from './routes.js';
export { suggestClassification } from './classify.js';
export type { Suggestion } from './classify.js';
export { catalogWorkbook, catalogJson, visibleResources } from './workbook-export.js';
export { importCatalog, draftsFromWorkbook, draftsFromJson } from './workbook-import.js';
export type { ImportResult, ImportError } from './workbook-import.js';
