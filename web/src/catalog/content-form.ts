// Between the editor's form values and the resource content the API takes. Fields that do not apply
// (a base category for a non-base resource, a level for core data, a precision for a string…) are
// hidden in the form and sent empty, so what is sent is what the person sees.
import dayjs, { type Dayjs } from 'dayjs';
import type { DataElement, Resource, ResourceContent } from './types';

export interface ElementFormValues extends Omit<DataElement, 'length' | 'precision'> {
  length?: number | null;
  precision?: number | null;
}

export interface ResourceFormValues extends Omit<ResourceContent, 'publishDate' | 'elements'> {
  providerUnitId?: string;
  publishDate?: Dayjs | null;
  elements: ElementFormValues[];
}

export function blankElement(): ElementFormValues {
  return {
    code: '',
    name: '',
    type: 'string',
    length: null,
    precision: null,
    required: false,
    key: false,
    standardRef: '',
    codeTable: '',
    personalInfo: false,
    sensitivity: 'none',
    maskingRule: 'none',
    authoritativeUnitId: null,
  };
}

export function newResourceValues(): ResourceFormValues {
  return {
    name: '',
    summary: '',
    kind: 'departmental',
    baseCategory: null,
    subject: '001',
    format: 'table',
    updateCycle: 'monthly',
    publishDate: null,
    related: [],
    sharingType: 'conditional',
    sharingCondition: '',
    sharingModes: ['query'],
    sharingLegalBasis: '',
    openType: 'none',
    openCondition: '',
    grade: 'general',
    gradeLevel: 2,
    gradingRationale: '',
    elements: [blankElement()],
  };
}

export function resourceToValues(r: Resource): ResourceFormValues {
  return {
    name: r.name,
    summary: r.summary,
    kind: r.kind,
    baseCategory: r.baseCategory ?? null,
    subject: r.subject,
    format: r.format,
    updateCycle: r.updateCycle,
    publishDate: r.publishDate ? dayjs(r.publishDate) : null,
    related: r.related,
    sharingType: r.sharingType,
    sharingCondition: r.sharingCondition ?? '',
    sharingModes: r.sharingModes,
    sharingLegalBasis: r.sharingLegalBasis ?? '',
    openType: r.openType,
    openCondition: r.openCondition ?? '',
    grade: r.grade,
    gradeLevel: r.gradeLevel ?? null,
    gradingRationale: r.gradingRationale,
    elements: r.elements.map((e) => ({ ...blankElement(), ...e, standardRef: e.standardRef ?? '', codeTable: e.codeTable ?? '' })),
  };
}

const text = (s: string | null | undefined) => (s ?? '').trim();
const optional = (s: string | null | undefined) => text(s) || null;
const count = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);

export function valuesToContent(v: ResourceFormValues): ResourceContent {
  return {
    name: text(v.name),
    summary: text(v.summary),
    kind: v.kind,
    baseCategory: v.kind === 'base' ? (v.baseCategory ?? null) : null,
    subject: text(v.subject),
    format: v.format,
    updateCycle: v.updateCycle,
    publishDate: v.publishDate ? v.publishDate.format('YYYY-MM-DD') : null,
    related: (v.related ?? []).map((c) => c.trim()).filter(Boolean),
    sharingType: v.sharingType,
    sharingCondition: v.sharingType === 'conditional' ? optional(v.sharingCondition) : null,
    sharingModes: v.sharingType === 'none' ? [] : (v.sharingModes ?? []),
    sharingLegalBasis: v.sharingType === 'none' ? optional(v.sharingLegalBasis) : null,
    openType: v.openType,
    openCondition: v.openType === 'conditional' ? optional(v.openCondition) : null,
    grade: v.grade,
    gradeLevel: v.grade === 'general' ? count(v.gradeLevel) : null,
    gradingRationale: text(v.gradingRationale),
    elements: (v.elements ?? []).map((e) => ({
      code: text(e.code),
      name: text(e.name),
      type: e.type,
      length: count(e.length),
      precision: e.type === 'decimal' ? count(e.precision) : null,
      required: !!e.required,
      key: !!e.key,
      standardRef: optional(e.standardRef),
      codeTable: optional(e.codeTable),
      personalInfo: !!e.personalInfo,
      sensitivity: e.sensitivity,
      maskingRule: e.maskingRule,
      authoritativeUnitId: e.authoritativeUnitId || null,
    })),
  };
}
