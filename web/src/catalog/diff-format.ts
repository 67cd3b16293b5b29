// How a field-level change between two versions is shown: the field by its name (elements by their
// code and name), and values by their names in the current language rather than as raw codes.
import type { MessageKey, Translate } from '../i18n';
import { isMessageKey } from '../i18n';
import type { DataElement, FieldChange } from './types';
import type { Vocabulary } from './vocab';
import { vocabLabel } from './vocab';

const FIELD_VOCABULARY: Record<string, Vocabulary> = {
  kind: 'kind',
  baseCategory: 'baseCategory',
  format: 'format',
  updateCycle: 'updateCycle',
  sharingType: 'sharingType',
  sharingModes: 'sharingMode',
  openType: 'openType',
  grade: 'grade',
  type: 'elementType',
  sensitivity: 'sensitivity',
  maskingRule: 'maskingRule',
};

export interface ParsedField {
  /** The element's code for `elements.<code>[.<field>]`. */
  element?: string;
  /** The resource field, or the element's field; absent for a whole element added or removed. */
  field?: string;
}

export function parseField(path: string): ParsedField {
  if (!path.startsWith('elements.')) return { field: path };
  const rest = path.slice('elements.'.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { element: rest } : { element: rest.slice(0, dot), field: rest.slice(dot + 1) };
}

function named(t: Translate, prefix: 'catalog.field' | 'catalog.element', key: string): string {
  const k = `${prefix}.${key}`;
  return isMessageKey(k) ? t(k as MessageKey) : key;
}

/** A resource field's name: `sharingType` → 共享类型. */
export function resourceFieldLabel(t: Translate, field: string): string {
  return named(t, 'catalog.field', field);
}

/** A data element field's name: `maskingRule` → 脱敏规则. */
export function elementFieldLabel(t: Translate, field: string): string {
  return named(t, 'catalog.element', field);
}

/** A changed field as the diff names it: `elements.id_number.maskingRule` → 信息项 id_number · 脱敏规则. */
export function fieldLabel(t: Translate, path: string): string {
  const { element, field } = parseField(path);
  if (!element) return resourceFieldLabel(t, field!);
  const head = `${t('catalog.field.elements')} ${element}`;
  return field ? `${head} · ${elementFieldLabel(t, field)}` : head;
}

/** One value as text; `unitName` names authoritative source units. */
export function valueText(t: Translate, path: string, value: unknown, unitName: (id: string) => string | undefined): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  const { element, field } = parseField(path);
  if (element && !field) {
    const e = value as DataElement;
    return `${e.name}（${e.code}${t('common.comma')}${vocabLabel(t, 'elementType', e.type)}）`;
  }
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (field === 'authoritativeUnitId' && typeof value === 'string') return unitName(value) ?? value;
  const vocabulary = field ? FIELD_VOCABULARY[field] : undefined;
  if (Array.isArray(value)) {
    if (!value.length) return t('common.none');
    return value.map((v) => (vocabulary ? vocabLabel(t, vocabulary, String(v)) : String(v))).join(t('common.listSep'));
  }
  if (vocabulary) return vocabLabel(t, vocabulary, String(value));
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a change adds or removes a whole element (shown with a tag rather than before/after). */
export function elementChangeKind(change: FieldChange): 'added' | 'removed' | null {
  const { element, field } = parseField(change.field);
  if (!element || field) return null;
  return change.before == null ? 'added' : change.after == null ? 'removed' : null;
}
