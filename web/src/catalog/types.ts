// Shapes of the catalog API's JSON (src/catalog/routes.ts, queries.ts, store.ts on the server).
import type {
  BaseCategory,
  CollectionMethod,
  ElementType,
  Format,
  Grade,
  MaskingRule,
  OpenEntryStatus,
  OpenType,
  ResourceKind,
  Sensitivity,
  SharingMode,
  SharingType,
  UpdateCycle,
  VersionStatus,
} from './vocab';

export interface DataElement {
  code: string;
  name: string;
  type: ElementType;
  length?: number | null;
  precision?: number | null;
  required: boolean;
  key: boolean;
  standardRef?: string | null;
  codeTable?: string | null;
  personalInfo: boolean;
  sensitivity: Sensitivity;
  maskingRule: MaskingRule;
  authoritativeUnitId?: string | null;
}

/** What a person writes (resourceContentSchema). */
export interface ResourceContent {
  name: string;
  summary: string;
  kind: ResourceKind;
  baseCategory?: BaseCategory | null;
  subject: string;
  format: Format;
  updateCycle: UpdateCycle;
  publishDate?: string | null;
  related: string[];
  sharingType: SharingType;
  sharingCondition?: string | null;
  sharingModes: SharingMode[];
  sharingLegalBasis?: string | null;
  openType: OpenType;
  openCondition?: string | null;
  grade: Grade;
  gradeLevel?: number | null;
  gradingRationale: string;
  elements: DataElement[];
}

/** One version of a resource as the caller may see it. */
export interface Resource extends ResourceContent {
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

export interface ResourceSummary {
  id: string;
  code: string;
  name: string;
  providerUnitId: string;
  providerName: string;
  version: number;
  status: VersionStatus;
  kind: ResourceKind;
  baseCategory: BaseCategory | null;
  grade: Grade;
  sharingType: SharingType;
  openType: OpenType;
  updateCycle: UpdateCycle;
  publishedVersion: number | null;
  deprecatedAt: string | null;
  updatedAt: string;
}

export const FACETS = ['providerUnitId', 'kind', 'baseCategory', 'grade', 'sharingType', 'openType', 'updateCycle', 'status'] as const;
export type Facet = (typeof FACETS)[number];

export interface FacetValue {
  value: string;
  /** The unit name for providers; the code itself for the other facets. */
  label: string;
  count: number;
}

export interface CatalogSearch {
  items: ResourceSummary[];
  total: number;
  page: number;
  pageSize: number;
  facets?: Record<Facet, FacetValue[]>;
}

export interface FieldChange {
  /** `name`, `sharingModes`, `elements.<code>` (added/removed) or `elements.<code>.<field>`. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface VersionEntry {
  version: number;
  status: VersionStatus;
  createdAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  changes: FieldChange[];
}

export interface CollectionEntry {
  id: string;
  resourceId: string;
  resourceCode: string;
  resourceName: string;
  supplierUnitId: string;
  supplierName: string;
  method: CollectionMethod;
  frequency: UpdateCycle;
  responsiblePerson: string;
  contact: string;
  startsOn: string;
  status: 'active' | 'retired';
  nextDue: string | null;
}

export interface OpenEntry {
  resourceId: string;
  code: string;
  name: string;
  providerName: string;
  openType: OpenType;
  status: OpenEntryStatus;
  version: number;
  reviewedAt: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** What the public sees of an opened resource (GET /open/v1/catalog). */
export interface PublicOpenResource {
  code: string;
  name: string;
  summary: string;
  provider: string;
  format: Format;
  updateCycle: UpdateCycle;
  openType: OpenType;
  openCondition: string | null;
  publishedAt: string | null;
  elements: { code: string; name: string; type: ElementType }[];
}

/** One problem of an import, where it is in the workbook (`sheet` is `JSON` for a JSON import, `row` the item's 1-based index). */
export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

/** The answer of POST /api/v1/catalog/import; with any error nothing is applied. */
export interface ImportResult {
  applied: boolean;
  created: number;
  updated: number;
  /** Rows that match their resource exactly (an export imported back). */
  unchanged?: number;
  errors: ImportError[];
}

/** The classification aid's suggestion for one element (POST /api/v1/catalog/classify). */
export interface ClassifySuggestion {
  name: string;
  personalInfo: boolean;
  sensitivity: Sensitivity;
  maskingRule: MaskingRule;
  standardRef: string | null;
  reason: string;
}
