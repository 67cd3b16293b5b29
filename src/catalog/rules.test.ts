import { describe, expect, it } from 'vitest';
import { resourceContentSchema, type ResourceContentInput } from './model.js';
import { checkConsistency } from './rules.js';
import { nextDueDate } from './collection.js';

const base: ResourceContentInput = {
  name: '测试资源',
  kind: 'departmental',
  format: 'table',
  updateCycle: 'daily',
  sharingType: 'unconditional',
  sharingModes: ['query'],
  openType: 'none',
  grade: 'general',
  gradeLevel: 2,
  gradingRationale: '测试',
  elements: [{ code: 'id', name: '编号', type: 'string', key: true, required: true }],
};
const rulesOf = (patch: Partial<ResourceContentInput>) =>
  checkConsistency(resourceContentSchema.parse({ ...base, ...patch })).map((v) => v.rule);

describe('catalog consistency rules', () => {
  it('accepts a consistent resource', () => {
    expect(rulesOf({})).toEqual([]);
  });
  it('needs a legal basis for "none" sharing', () => {
    expect(rulesOf({ sharingType: 'none', sharingModes: [] })).toContain('none_needs_legal_basis');
    expect(rulesOf({ sharingType: 'none', sharingModes: [], sharingLegalBasis: '《中华人民共和国保守国家秘密法》' })).toEqual([]);
  });
  it('refuses unconditional opening of core and important data', () => {
    expect(rulesOf({ grade: 'core', gradeLevel: null, openType: 'unconditional' })).toContain('graded_not_open');
    expect(rulesOf({ grade: 'important', gradeLevel: null, openType: 'unconditional' })).toContain('graded_not_open');
    expect(rulesOf({ grade: 'important', gradeLevel: null, openType: 'conditional', openCondition: '脱敏后开放' })).toEqual([]);
  });
  it('refuses sensitive personal information in clear under unconditional sharing', () => {
    const sensitive = {
      code: 'id_number',
      name: '公民身份号码',
      type: 'string' as const,
      personalInfo: true,
      sensitivity: 'sensitive' as const,
    };
    expect(rulesOf({ elements: [...base.elements!, sensitive] })).toContain('sensitive_not_in_clear');
    expect(rulesOf({ elements: [...base.elements!, { ...sensitive, maskingRule: 'mask_middle' }] })).toEqual([]);
    expect(rulesOf({ sharingType: 'conditional', sharingCondition: '核验用', elements: [...base.elements!, sensitive] })).toEqual([]);
  });
  it('needs a key element in a table resource, and unique element codes', () => {
    expect(rulesOf({ elements: [{ code: 'a', name: '甲', type: 'string' }] })).toContain('table_needs_key');
    expect(rulesOf({ elements: [] })).toContain('table_needs_elements');
    expect(rulesOf({ format: 'file', elements: [] })).toEqual([]);
    expect(rulesOf({ elements: [...base.elements!, { code: 'id', name: '又一个', type: 'string' }] })).toContain('element_code_unique');
  });
  it('keeps grades, levels and base categories coherent', () => {
    expect(rulesOf({ gradeLevel: null })).toContain('general_needs_level');
    expect(rulesOf({ grade: 'core' })).toContain('level_only_for_general');
    expect(rulesOf({ kind: 'base' })).toContain('base_needs_category');
  });
});

describe('collection due dates', () => {
  it('counts days and calendar months, clamping to month ends', () => {
    expect(nextDueDate('daily', '2026-01-01', '2026-11-27')).toBe('2026-11-27');
    expect(nextDueDate('weekly', '2026-01-01', '2026-01-09')).toBe('2026-01-15');
    expect(nextDueDate('monthly', '2026-01-31', '2026-02-10')).toBe('2026-02-28');
    expect(nextDueDate('quarterly', '2026-01-15', '2026-11-27')).toBe('2027-01-15');
    expect(nextDueDate('yearly', '2024-02-29', '2025-01-01')).toBe('2025-02-28');
    expect(nextDueDate('irregular', '2026-01-01', '2026-11-27')).toBeNull();
  });
});
