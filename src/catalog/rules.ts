// The catalog's consistency rules (issue #3 §4). Each violation names the field, in Chinese and English;
// saving or submitting a resource with any violation is refused with all of them listed.
import type { ResourceContent } from './model.js';

export interface Violation {
  rule: string;
  field: string;
  message: string;
}

export function checkConsistency(c: ResourceContent): Violation[] {
  const v: Violation[] = [];
  const add = (rule: string, field: string, message: string) => v.push({ rule, field, message });

  if (c.sharingType === 'none' && !c.sharingLegalBasis?.trim()) {
    add('none_needs_legal_basis', 'sharingLegalBasis', '不予共享的资源必须填写法律法规依据 (a legal basis is required for "none" sharing)');
  }
  if (c.sharingType === 'conditional' && !c.sharingCondition?.trim()) {
    add('conditional_needs_condition', 'sharingCondition', '有条件共享须写明共享条件 (conditional sharing needs its condition)');
  }
  if (c.sharingType !== 'none' && c.sharingModes.length === 0) {
    add('sharing_needs_mode', 'sharingModes', '可共享的资源至少选择一种共享方式：查询、核验或交换 (choose at least one sharing mode)');
  }
  if (c.openType === 'conditional' && !c.openCondition?.trim()) {
    add('conditional_open_needs_condition', 'openCondition', '有条件开放须写明开放条件 (conditional opening needs its condition)');
  }
  if ((c.grade === 'core' || c.grade === 'important') && c.openType === 'unconditional') {
    add(
      'graded_not_open',
      'openType',
      `${c.grade === 'core' ? '核心' : '重要'}数据不得无条件开放 (core and important data cannot be opened unconditionally)`,
    );
  }
  if (c.grade === 'general' && !c.gradeLevel)
    add('general_needs_level', 'gradeLevel', '一般数据须确定 1–4 级 (general data needs a level 1–4)');
  if (c.grade !== 'general' && c.gradeLevel)
    add('level_only_for_general', 'gradeLevel', '只有一般数据分 1–4 级 (levels apply to general data only)');
  if (c.kind === 'base' && !c.baseCategory)
    add('base_needs_category', 'baseCategory', '基础资源须选择基础库类别 (a base resource needs its base category)');
  if (c.kind !== 'base' && c.baseCategory)
    add('category_only_for_base', 'baseCategory', '只有基础资源选择基础库类别 (base category applies to base resources only)');

  if (c.sharingType === 'unconditional') {
    for (const [i, e] of c.elements.entries()) {
      if (e.sensitivity === 'sensitive' && e.maskingRule === 'none') {
        add(
          'sensitive_not_in_clear',
          `elements[${i}].maskingRule`,
          `敏感个人信息「${e.name}」不得在无条件共享中明文共享：请设置脱敏规则或改为有条件共享 (sensitive personal information cannot be shared in clear unconditionally)`,
        );
      }
    }
  }
  if (c.format === 'table') {
    if (c.elements.length === 0) add('table_needs_elements', 'elements', '库表资源须定义信息项 (a table resource needs data elements)');
    else if (!c.elements.some((e) => e.key))
      add('table_needs_key', 'elements', '库表资源至少需要一个主键信息项 (a table resource needs at least one key element)');
  }
  const seen = new Map<string, number>();
  for (const [i, e] of c.elements.entries()) {
    if (seen.has(e.code)) add('element_code_unique', `elements[${i}].code`, `信息项编码「${e.code}」重复 (duplicate element code)`);
    seen.set(e.code, i);
    if (e.key && !e.required)
      add('key_is_required', `elements[${i}].required`, `主键信息项「${e.name}」必须为必填 (a key element is required)`);
    if (e.sensitivity !== 'none' && !e.personalInfo)
      add(
        'sensitivity_needs_pi',
        `elements[${i}].personalInfo`,
        `「${e.name}」标为敏感却未标为个人信息 (sensitivity applies to personal information)`,
      );
    if (e.type !== 'decimal' && e.precision != null)
      add('precision_for_decimal', `elements[${i}].precision`, `只有小数类型有精度 (precision applies to decimals)`);
  }
  return v;
}
