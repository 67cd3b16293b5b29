// The catalog's code lists, copied from the server's src/catalog/model.ts (GB/T 21063 metadata,
// GB/T 43697 grades). The console keeps its own copy so that it never bundles server code; the
// Chinese and English names of every value live in the i18n dictionaries as `catalog.<list>.<value>`.
import { isMessageKey, type MessageKey, type Translate } from '../i18n';

export const RESOURCE_KINDS = ['base', 'thematic', 'departmental'] as const;
export const BASE_CATEGORIES = ['population', 'legal_entity', 'natural_resources', 'social_credit', 'e_licence'] as const;
export const FORMATS = ['table', 'file', 'api'] as const;
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export const SHARING_MODES = ['query', 'verify', 'exchange'] as const;
export const OPEN_TYPES = ['unconditional', 'conditional', 'none'] as const;
export const GRADES = ['core', 'important', 'general'] as const;
export const GRADE_LEVELS = [1, 2, 3, 4] as const;
export const ELEMENT_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const;
export const SENSITIVITIES = ['none', 'personal', 'sensitive'] as const;
export const MASKING_RULES = ['none', 'mask_middle', 'mask_tail', 'hash_sm3', 'redact', 'generalize_date'] as const;
export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'superseded', 'deprecated'] as const;
export const COLLECTION_METHODS = ['upload', 'api'] as const;
export const OPEN_ENTRY_STATUSES = ['submitted', 'published', 'returned', 'withdrawn'] as const;

export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type BaseCategory = (typeof BASE_CATEGORIES)[number];
export type Format = (typeof FORMATS)[number];
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export type SharingType = (typeof SHARING_TYPES)[number];
export type SharingMode = (typeof SHARING_MODES)[number];
export type OpenType = (typeof OPEN_TYPES)[number];
export type Grade = (typeof GRADES)[number];
export type ElementType = (typeof ELEMENT_TYPES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];
export type MaskingRule = (typeof MASKING_RULES)[number];
export type VersionStatus = (typeof STATUSES)[number];
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];
export type OpenEntryStatus = (typeof OPEN_ENTRY_STATUSES)[number];

/** The code lists that have names, by the name used in the i18n keys. */
export type Vocabulary =
  | 'kind'
  | 'baseCategory'
  | 'format'
  | 'updateCycle'
  | 'sharingType'
  | 'sharingMode'
  | 'openType'
  | 'grade'
  | 'elementType'
  | 'sensitivity'
  | 'maskingRule'
  | 'status'
  | 'collectionMethod'
  | 'openStatus';

/** The name of a code in the current language; an unknown code (a newer server) shows as itself. */
export function vocabLabel(t: Translate, vocabulary: Vocabulary, value: string | null | undefined): string {
  if (value == null || value === '') return t('common.none');
  const key = `catalog.${vocabulary}.${value}`;
  return isMessageKey(key) ? t(key as MessageKey) : value;
}

/** Select options for a code list, in the list's own order. */
export function vocabOptions<V extends string>(t: Translate, vocabulary: Vocabulary, values: readonly V[]) {
  return values.map((value) => ({ value, label: vocabLabel(t, vocabulary, value) }));
}

/** The grade with its level, as written in grading documents: 一般（2级）. */
export function gradeText(t: Translate, grade: string, level: number | null | undefined): string {
  const name = vocabLabel(t, 'grade', grade);
  return grade === 'general' && level ? t('catalog.gradeWithLevel', { grade: name, level }) : name;
}
