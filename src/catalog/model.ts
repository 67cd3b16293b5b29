// The resource catalog's vocabulary (GB/T 21063 metadata, GB/T 43697 grades) as zod schemas: the one
// definition that the API, the Excel import, the rules and the store all use.
import { z } from 'zod';
import { safeText } from '../platform/http/schemas.js';

export const RESOURCE_KINDS = ['base', 'thematic', 'departmental'] as const;
export const BASE_CATEGORIES = ['population', 'legal_entity', 'natural_resources', 'social_credit', 'e_licence'] as const;
export const FORMATS = ['table', 'file', 'api'] as const;
export const UPDATE_CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'] as const;
export const SHARING_TYPES = ['unconditional', 'conditional', 'none'] as const;
export const SHARING_MODES = ['query', 'verify', 'exchange'] as const;
export const OPEN_TYPES = ['unconditional', 'conditional', 'none'] as const;
export const GRADES = ['core', 'important', 'general'] as const;
export const ELEMENT_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const;
export const SENSITIVITIES = ['none', 'personal', 'sensitive'] as const;
export const MASKING_RULES = ['none', 'mask_middle', 'mask_tail', 'hash_sm3', 'redact', 'generalize_date'] as const;

export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published', 'superseded', 'deprecated'] as const;
export type VersionStatus = (typeof STATUSES)[number];

export const elementCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, '信息项编码须为小写字母开头的 snake_case，1–63 位 (element codes are lower snake_case)');

export const elementSchema = z
  .object({
    code: elementCodeSchema,
    name: safeText(60),
    type: z.enum(ELEMENT_TYPES),
    length: z.number().int().min(1).max(4000).nullish(),
    precision: z.number().int().min(0).max(18).nullish(),
    required: z.boolean().default(false),
    key: z.boolean().default(false),
    standardRef: safeText(60).nullish(),
    codeTable: safeText(60).nullish(),
    personalInfo: z.boolean().default(false),
    sensitivity: z.enum(SENSITIVITIES).default('none'),
    maskingRule: z.enum(MASKING_RULES).default('none'),
    authoritativeUnitId: z.string().uuid().nullish(),
  })
  .strict();
export type ElementInput = z.input<typeof elementSchema>;
export type Element = z.output<typeof elementSchema>;

export const resourceContentSchema = z
  .object({
    name: safeText(100),
    summary: safeText(1000, 0).default(''),
    kind: z.enum(RESOURCE_KINDS),
    baseCategory: z.enum(BASE_CATEGORIES).nullish(),
    subject: z
      .string()
      .regex(/^[0-9]{3}$/, '主题分类为 3 位数字 (three-digit subject class)')
      .default('001'),
    format: z.enum(FORMATS),
    updateCycle: z.enum(UPDATE_CYCLES),
    publishDate: z.string().date('发布日期格式为 YYYY-MM-DD').nullish(),
    related: z.array(z.string().max(40)).max(50).default([]),
    sharingType: z.enum(SHARING_TYPES),
    sharingCondition: safeText(500, 0).nullish(),
    sharingModes: z.array(z.enum(SHARING_MODES)).max(3).default([]),
    sharingLegalBasis: safeText(500, 0).nullish(),
    openType: z.enum(OPEN_TYPES),
    openCondition: safeText(500, 0).nullish(),
    grade: z.enum(GRADES),
    gradeLevel: z.number().int().min(1).max(4).nullish(),
    gradingRationale: safeText(500),
    elements: z.array(elementSchema).max(500).default([]),
  })
  .strict();
export type ResourceContentInput = z.input<typeof resourceContentSchema>;
export type ResourceContent = z.output<typeof resourceContentSchema>;

export const ZH = {
  kind: { base: '基础', thematic: '主题', departmental: '部门' },
  baseCategory: {
    population: '人口',
    legal_entity: '法人',
    natural_resources: '自然资源和空间地理',
    social_credit: '社会信用',
    e_licence: '电子证照',
  },
  format: { table: '库表', file: '文件', api: '接口' },
  updateCycle: {
    realtime: '实时',
    daily: '每日',
    weekly: '每周',
    monthly: '每月',
    quarterly: '每季度',
    yearly: '每年',
    irregular: '不定期',
  },
  sharingType: { unconditional: '无条件共享', conditional: '有条件共享', none: '不予共享' },
  openType: { unconditional: '无条件开放', conditional: '有条件开放', none: '不予开放' },
  grade: { core: '核心', important: '重要', general: '一般' },
  status: {
    draft: '草稿',
    submitted: '待审核',
    returned: '已退回',
    approved: '已审核',
    published: '已发布',
    superseded: '已被新版本替代',
    deprecated: '已废止',
  },
} as const;
