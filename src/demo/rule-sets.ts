// The demo's governance choices beyond the defaults the catalog implies: the population register asks
// for a contact phone (a warning, not a rejection: the record is still kept).
import { defaultRuleSet, type RuleSet } from '../governance/index.js';
import type { Element } from '../catalog/index.js';

export function demoRuleSet(resourceName: string, elements: Element[]): RuleSet | null {
  if (resourceName !== '人口基本信息') return null;
  const base = defaultRuleSet(elements);
  return { ...base, rules: [...base.rules, { element: 'phone', kind: 'required', severity: 'warning' }] };
}
