// The catalog workbook as departments fill it in: sheet 资源目录 (one row a resource) and sheet 信息项
// (one row an element), with Chinese headers and Chinese values. Export and import share this layout,
// so what one writes the other reads.
import { ZH } from './model.js';

export const RESOURCE_SHEET = '资源目录';
export const ELEMENT_SHEET = '信息项';

export type CellKind = 'text' | 'number' | 'bool' | 'list';

export interface Column {
  header: string;
  key: string;
  kind?: CellKind;
  labels?: Record<string, string>; // enum value → Chinese label
  required?: boolean;
  width?: number;
}

const SHARING_MODE_LABELS = { query: '查询', verify: '核验', exchange: '交换' };
export const ELEMENT_TYPE_LABELS = {
  string: '字符型',
  integer: '整数型',
  decimal: '数值型',
  date: '日期型',
  datetime: '日期时间型',
  boolean: '布尔型',
};
export const SENSITIVITY_LABELS = { none: '非个人信息', personal: '一般个人信息', sensitive: '敏感个人信息' };
export const MASKING_LABELS = {
  none: '不脱敏',
  mask_middle: '中间遮蔽',
  mask_tail: '仅留首字',
  hash_sm3: 'SM3摘要',
  redact: '整体屏蔽',
  generalize_date: '日期泛化',
};

export const RESOURCE_COLUMNS: Column[] = [
  { header: '资源代码', key: 'code', width: 22 },
  { header: '资源名称', key: 'name', required: true, width: 24 },
  { header: '提供单位编码', key: 'provider', width: 12 },
  { header: '摘要', key: 'summary', width: 40 },
  { header: '资源分类', key: 'kind', labels: ZH.kind, required: true },
  { header: '基础库类别', key: 'baseCategory', labels: ZH.baseCategory, width: 16 },
  { header: '主题分类', key: 'subject' },
  { header: '资源格式', key: 'format', labels: ZH.format, required: true },
  { header: '更新周期', key: 'updateCycle', labels: ZH.updateCycle, required: true },
  { header: '发布日期', key: 'publishDate' },
  { header: '关联资源', key: 'related', kind: 'list', width: 22 },
  { header: '共享类型', key: 'sharingType', labels: ZH.sharingType, required: true, width: 14 },
  { header: '共享条件', key: 'sharingCondition', width: 30 },
  { header: '共享方式', key: 'sharingModes', kind: 'list', labels: SHARING_MODE_LABELS, width: 16 },
  { header: '不予共享依据', key: 'sharingLegalBasis', width: 30 },
  { header: '开放类型', key: 'openType', labels: ZH.openType, required: true, width: 14 },
  { header: '开放条件', key: 'openCondition', width: 30 },
  { header: '分级', key: 'grade', labels: ZH.grade, required: true },
  { header: '一般数据级别', key: 'gradeLevel', kind: 'number' },
  { header: '分级依据', key: 'gradingRationale', required: true, width: 30 },
];

export const ELEMENT_COLUMNS: Column[] = [
  { header: '资源代码', key: 'resourceCode', width: 22 },
  { header: '资源名称', key: 'resourceName', width: 24 },
  { header: '信息项名称', key: 'name', required: true, width: 18 },
  { header: '信息项编码', key: 'code', required: true, width: 18 },
  { header: '数据类型', key: 'type', labels: ELEMENT_TYPE_LABELS, required: true },
  { header: '长度', key: 'length', kind: 'number' },
  { header: '精度', key: 'precision', kind: 'number' },
  { header: '必填', key: 'required', kind: 'bool' },
  { header: '主键', key: 'key', kind: 'bool' },
  { header: '标准依据', key: 'standardRef', width: 14 },
  { header: '代码表', key: 'codeTable', width: 14 },
  { header: '个人信息', key: 'personalInfo', kind: 'bool' },
  { header: '敏感程度', key: 'sensitivity', labels: SENSITIVITY_LABELS, width: 14 },
  { header: '脱敏规则', key: 'maskingRule', labels: MASKING_LABELS, width: 12 },
  { header: '权威来源单位编码', key: 'authoritativeUnit', width: 16 },
];

export const YES = '是';
export const NO = '否';
