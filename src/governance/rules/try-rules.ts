// The console's "try on a sample" button: runs a draft rule set on a few hand-typed records and shows
// each record cleansed, its problems and its verdict, before the rule set is saved.
import type { Element } from '../../catalog/index.js';
import { badRequest } from '../../platform/errors.js';
import { compileRules } from './compile.js';
import type { Dimension, Severity } from './dimensions.js';
import type { RuleSet } from './rule-set.js';

export interface TriedProblem {
  rule: string;
  element: string;
  severity: Severity;
  dimension: Dimension;
  value: string | null;
  message: string;
}

export interface TriedRecord {
  cleaned: Record<string, string | null>;
  problems: TriedProblem[];
  verdict: 'clean' | 'warning' | 'rejected';
}

const VERDICTS = ['clean', 'warning', 'rejected'] as const;

/** Sample keys are element codes; a missing key is an empty value, an unknown one a 400 `bad_sample`. */
export function tryRules(elements: Element[], ruleSet: RuleSet, sample: Record<string, string | null>[], today: string): TriedRecord[] {
  const compiled = compileRules(elements, ruleSet, { today });
  const codes = elements.map((e) => e.code);
  const known = new Set(codes);
  const unknown = [...new Set(sample.flatMap((r) => Object.keys(r).filter((k) => !known.has(k))))];
  if (unknown.length)
    throw badRequest('bad_sample', `样例中有未知的信息项：${unknown.join('、')} (unknown element codes in the sample)`, { unknown });
  return sample.map((record) => {
    const values = codes.map((c) => record[c] ?? null);
    compiled.cleanse(values);
    const problems: TriedProblem[] = [];
    const verdict = compiled.check(values, (ruleIndex, elementIndex, value, message) => {
      const rule = compiled.rules[ruleIndex]!;
      problems.push({ rule: rule.id, element: codes[elementIndex]!, severity: rule.severity, dimension: rule.dimension, value, message });
    });
    return { cleaned: Object.fromEntries(codes.map((c, i) => [c, values[i]!])), problems, verdict: VERDICTS[verdict] };
  });
}
