// Which changes of a new version send an approved opening back to review.
import { describe, expect, it } from 'vitest';
import { resourceContentSchema, type ResourceContentInput } from './model.js';
import { openingMateriallyChanged } from './open-follow.js';

const base: ResourceContentInput = {
  name: '公交站点信息',
  summary: '全市公交站点',
  kind: 'departmental',
  format: 'table',
  updateCycle: 'monthly',
  sharingType: 'unconditional',
  sharingModes: ['query'],
  openType: 'conditional',
  openCondition: '注册后开放',
  grade: 'general',
  gradeLevel: 1,
  gradingRationale: '公开信息',
  elements: [{ code: 'stop_id', name: '站点编号', type: 'string', key: true, required: true }],
};
const parse = (patch: Partial<ResourceContentInput> = {}) => resourceContentSchema.parse({ ...base, ...patch });

describe('openingMateriallyChanged', () => {
  it('is false for what the opening was not approved on', () => {
    for (const patch of [
      { name: '公交站点名录' },
      { summary: '全市公交站点及线路' },
      { updateCycle: 'weekly' as const },
      { sharingType: 'conditional' as const, sharingCondition: 'x' },
    ])
      expect(openingMateriallyChanged(parse(), parse(patch)), JSON.stringify(patch)).toBe(false);
  });

  it('is true for open type, open conditions, grade and data elements', () => {
    for (const patch of [
      { openType: 'unconditional' as const, openCondition: null },
      { openCondition: '实名注册后开放' },
      { gradeLevel: 2 },
      { grade: 'important' as const, gradeLevel: null },
      { elements: [...base.elements!, { code: 'stop_name', name: '站点名称', type: 'string' as const }] },
      { elements: [{ ...base.elements![0]!, name: '站点代码' }] },
    ])
      expect(openingMateriallyChanged(parse(), parse(patch)), JSON.stringify(patch)).toBe(true);
  });
});
