// Semantic checks of a rule set against a resource's elements — what the schema cannot see: unknown
// element codes and code tables, duplicate ids, patterns that do not compile, bounds of the wrong kind.
import type { Element } from '../../catalog/index.js';
import { isoDateNumber } from '../../platform/validators/index.js';
import { CODE_TABLES } from './code-tables.js';
import { ruleIdOf } from './rule-set.js';
import type { QualityRule, RuleSet, RuleSetProblem } from './rule-set.js';

const STEP_TYPES: Partial<Record<string, Element['type'][]>> = {
  date: ['date', 'string'],
  datetime: ['datetime', 'string'],
  number: ['integer', 'decimal', 'string'],
};

function boundProblem(rule: Extract<QualityRule, { kind: 'range' }>, el: Element): string | null {
  const bounds = [rule.min, rule.max].filter((b) => b !== undefined);
  if (bounds.length === 0) return '范围规则至少需要 min 或 max (a range needs min or max)';
  if (el.type === 'integer' || el.type === 'decimal') {
    if (bounds.some((b) => typeof b !== 'number')) return '数值信息项的范围须为数字 (bounds of a number element must be numbers)';
  } else if (el.type === 'date' || el.type === 'datetime') {
    if (bounds.some((b) => typeof b !== 'string' || b.length !== 10 || isoDateNumber(b) < 0))
      return '日期信息项的范围须为 YYYY-MM-DD 格式的日期 (bounds of a date element must be YYYY-MM-DD dates)';
  } else return `${el.name}（${el.type}）不是数值或日期，不能设置范围 (a range needs a number or date element)`;
  if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) return '最小值大于最大值 (min is greater than max)';
  return null;
}

function ruleProblem(rule: QualityRule, el: Element, byCode: Map<string, Element>): string | null {
  switch (rule.kind) {
    case 'type':
      return el.type === 'string' ? '文本信息项无需类型规则 (a type rule on a string element checks nothing)' : null;
    case 'length':
      if (rule.min === undefined && rule.max === undefined) return '长度规则至少需要 min 或 max (a length rule needs min or max)';
      return rule.min !== undefined && rule.max !== undefined && rule.min > rule.max
        ? '最小长度大于最大长度 (min is greater than max)'
        : null;
    case 'pattern':
      try {
        new RegExp(rule.pattern, 'u');
        return null;
      } catch (err) {
        return `正则表达式无法编译 (the pattern does not compile): ${(err as Error).message}`;
      }
    case 'range':
      return boundProblem(rule, el);
    case 'code_table':
      return CODE_TABLES[rule.table]
        ? null
        : `未知的代码表 ${rule.table}，可用：${Object.keys(CODE_TABLES).join('、')} (unknown code table)`;
    case 'date':
    case 'not_future':
      return el.type === 'integer' || el.type === 'decimal' || el.type === 'boolean'
        ? `${el.name}（${el.type}）不是日期 (not a date element)`
        : null;
    case 'id_consistency': {
      for (const [field, code] of [
        ['birthElement', rule.birthElement],
        ['sexElement', rule.sexElement],
      ] as const)
        if (code !== undefined && !byCode.has(code)) return `${field} 没有编码为 ${code} 的信息项 (no element coded ${code})`;
      const birth = byCode.get(rule.birthElement ?? 'birth_date');
      const sex = byCode.get(rule.sexElement ?? 'sex');
      if (!birth && !sex) return '找不到出生日期或性别信息项，请指定 birthElement / sexElement (no birth date or sex element to compare)';
      if (birth && birth.type !== 'date' && birth.type !== 'datetime' && birth.type !== 'string')
        return `${birth.name} 不是日期 (the birth element is not a date)`;
      return null;
    }
    case 'reference':
      return (rule.library ? 1 : 0) + (rule.resource ? 1 : 0) === 1
        ? null
        : '引用规则须指定 library 或 resource 之一 (a reference rule names either a library or a resource)';
    default:
      return null;
  }
}

/** Every problem as a path and a message; [] when the rule set fits the elements. */
export function ruleSetProblems(ruleSet: RuleSet, elements: readonly Element[]): RuleSetProblem[] {
  const out: RuleSetProblem[] = [];
  const byCode = new Map(elements.map((e) => [e.code, e]));
  for (const [code, steps] of Object.entries(ruleSet.cleansing)) {
    const el = byCode.get(code);
    if (!el) {
      out.push({ path: `cleansing.${code}`, message: `没有编码为 ${code} 的信息项 (no element coded ${code})` });
      continue;
    }
    steps.forEach((step, i) => {
      const path = `cleansing.${code}[${i}]`;
      if (typeof step === 'string') {
        const types = STEP_TYPES[step];
        if (types && !types.includes(el.type))
          out.push({ path, message: `${step} 步骤不适用于 ${el.type} 类型的信息项 (the ${step} step does not suit a ${el.type} element)` });
      } else if ('codeTable' in step && !CODE_TABLES[step.codeTable])
        out.push({ path, message: `未知的代码表 ${step.codeTable}，可用：${Object.keys(CODE_TABLES).join('、')} (unknown code table)` });
    });
  }
  const ids = new Set<string>();
  ruleSet.rules.forEach((rule, i) => {
    const id = ruleIdOf(rule);
    const path = `rules[${i}] (${id})`;
    if (ids.has(id)) out.push({ path, message: `规则编号 ${id} 重复 (duplicate rule id)` });
    ids.add(id);
    const el = byCode.get(rule.element);
    if (!el) {
      out.push({ path, message: `没有编码为 ${rule.element} 的信息项 (no element coded ${rule.element})` });
      return;
    }
    const problem = ruleProblem(rule, el, byCode);
    if (problem) out.push({ path, message: problem });
  });
  return out;
}

/** Semantic problems of a rule set for these elements, one message each; [] when it is fine. */
export function checkRuleSet(ruleSet: RuleSet, elements: Element[]): string[] {
  return ruleSetProblems(ruleSet, elements).map((p) => `${p.path}: ${p.message}`);
}
