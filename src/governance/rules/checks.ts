// Quality rules compiled to tests `(value, record) → -1 skipped | 0 passed | bit mask of problems`, with
// their messages written once at compile time. The tests run per value at ingest speed: character-code
// loops, no regexes except a user's own pattern, no Date objects, nothing allocated when a value passes.
import type { Element } from '../../catalog/index.js';
import {
  creditCodeProblem,
  idBirthNumber,
  idIsMale,
  idNumberProblem,
  isCanonicalPhone,
  isEmail,
  isoDateNumber,
  normalizePhone,
} from '../../platform/validators/index.js';
import type { CreditCodeProblem, IdProblem } from '../../platform/validators/index.js';
import { CODE_TABLES } from './code-tables.js';
import type { Dimension, Severity } from './dimensions.js';
import { isDatetime, isSpaceCode } from './normalize.js';
import { DEFAULT_DIMENSION, ruleIdOf } from './rule-set.js';
import type { QualityRule, RuleKind } from './rule-set.js';

export interface RuleInfo {
  id: string;
  element: string;
  kind: RuleKind;
  dimension: Dimension;
  /** Effective severity: `error` whenever an element the rule looks at is a key element. */
  severity: Severity;
}

export type RuleTest = (v: string, values: readonly (string | null)[]) => number;

export interface CompiledCheck {
  info: RuleInfo;
  element: number;
  /** Examines empty values (only `required` does). */
  examinesEmpty: boolean;
  test: RuleTest;
  /**
   * A pre-test the check loop runs itself, to spare the call for the usual passing value: a value whose length
   * is at most this passes (length rules; Infinity for rules that pass every non-empty value), else the test decides.
   */
  passUpTo: number;
  /** Formula rules: the loop calls the test only when the first character could start a formula. */
  firstCharGate: boolean;
  /** Indexed by bit number of the test's mask. */
  problems: { message: string; element: number }[];
}

export interface CheckContext {
  elements: readonly Element[];
  indexOf: ReadonlyMap<string, number>;
  today: number; // yyyymmdd
  /** The shared, memoised ID-number validator of an element (id_number and id_consistency both ask). */
  idProblem(elementIndex: number): (v: string) => IdProblem | null;
}

const PASS: RuleTest = () => 0;

function isInteger(v: string): boolean {
  let i = v.charCodeAt(0) === 45 || v.charCodeAt(0) === 43 ? 1 : 0;
  if (i === v.length) return false;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A plain decimal number with at most `precision` digits after the point (any number of them when null). */
export function isDecimal(v: string, precision: number | null): boolean {
  let i = v.charCodeAt(0) === 45 || v.charCodeAt(0) === 43 ? 1 : 0;
  const start = i;
  let point = -1;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 46 && point < 0) point = i;
    else if (c < 48 || c > 57) return false;
  }
  if (point < 0) return i > start;
  const decimals = v.length - point - 1;
  return point > start && decimals > 0 && (precision === null || decimals <= precision);
}

const BOOLEANS = new Set(['true', 'false', '是', '否', '1', '0']);

function isBoolean(v: string): boolean {
  return BOOLEANS.has(v) || (v.length <= 5 && BOOLEANS.has(v.toLowerCase()));
}

function codePoints(v: string): number {
  let n = v.length;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Whether a value starting with this character code could be a formula: = + - @ or leading whitespace. */
export function mayStartFormula(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c <= 32 || (c >= 0xa0 && isSpaceCode(c));
}

/**
 * Whether a spreadsheet would take the text for a formula: it starts with = or @, or with + or - followed by
 * anything but a number, a phone number or a date (`+86 138-0013-8000`, `-12.5`, `-2024/1/5` are data).
 */
export function isFormula(v: string): boolean {
  let i = 0;
  while (i < v.length && isSpaceCode(v.charCodeAt(i))) i++;
  const c = v.charCodeAt(i);
  if (c === 61 || c === 64) return v.length > i + 1;
  if (c !== 43 && c !== 45) return false;
  for (let j = i + 1; j < v.length; j++) {
    const d = v.charCodeAt(j);
    // digits, space, ( ) , - . / :
    if ((d < 48 || d > 58) && d !== 32 && d !== 40 && d !== 41 && d !== 44 && d !== 45 && d !== 46 && d !== 47) return true;
  }
  return false;
}

const ID_PROBLEMS: IdProblem[] = ['format', 'region', 'birth_date', 'future_birth', 'check_digit'];
const ID_MESSAGES: Record<IdProblem, [string, string]> = {
  format: ['格式错误，应为 18 位（末位可为大写 X）或 15 位数字', 'ID number must be 18 characters (last may be X) or 15 digits'],
  region: ['的行政区划代码不存在', 'ID number has an unknown region code'],
  birth_date: ['中的出生日期不存在', 'ID number holds a birth date that does not exist'],
  future_birth: ['中的出生日期晚于今天', 'ID number holds a birth date after today'],
  check_digit: ['校验位错误', 'ID number check character is wrong'],
};
const CREDIT_PROBLEMS: CreditCodeProblem[] = ['format', 'check_digit'];
const CREDIT_MESSAGES: Record<CreditCodeProblem, [string, string]> = {
  format: ['格式错误，应为 18 位数字或大写字母（不含 I、O、S、V、Z）', 'credit code must be 18 digits or capitals without I, O, S, V, Z'],
  check_digit: ['校验位错误', 'credit code check character is wrong'],
};

const say = (el: Element, zh: string, en: string) => `${el.name}${zh} (${el.code}: ${en})`;

/** Compiles one rule that checkRuleSet has accepted. */
export function compileCheck(rule: QualityRule, ctx: CheckContext): CompiledCheck {
  const at = ctx.indexOf.get(rule.element)!;
  const el = ctx.elements[at]!;
  const problems: { message: string; element: number }[] = [];
  const problem = (zh: string, en: string, element = at) =>
    problems.push({ message: rule.message ?? say(ctx.elements[element]!, zh, en), element });
  let test: RuleTest = PASS;
  let passUpTo = -1;
  let looksAt = [at];
  const today = ctx.today;

  switch (rule.kind) {
    case 'required':
      problem('不能为空', 'a value is required');
      break;
    case 'type':
      switch (el.type) {
        case 'integer':
          problem('应为整数', 'must be an integer');
          test = (v) => (isInteger(v) ? 0 : 1);
          break;
        case 'decimal': {
          const p = el.precision ?? null;
          problem(
            p === null ? '应为数值' : `应为数值，小数不超过 ${p} 位`,
            p === null ? 'must be a number' : `must be a number with at most ${p} decimals`,
          );
          test = (v) => (isDecimal(v, p) ? 0 : 1);
          break;
        }
        case 'boolean':
          problem('应为 是/否（true/false、1/0）', 'must be true/false, 是/否 or 1/0');
          test = (v) => (isBoolean(v) ? 0 : 1);
          break;
        case 'date':
          problem('应为 YYYY-MM-DD 格式的日期', 'must be a date YYYY-MM-DD');
          test = (v) => (v.length === 10 && isoDateNumber(v) >= 0 ? 0 : 1);
          break;
        case 'datetime':
          problem('应为 YYYY-MM-DDTHH:mm:ss 格式的日期时间', 'must be a date-time YYYY-MM-DDTHH:mm:ss');
          test = (v) => (isDatetime(v) ? 0 : 1);
          break;
        case 'string':
          break;
      }
      break;
    case 'length': {
      const min = rule.min ?? 0;
      const max = rule.max ?? Infinity;
      if (min === 0) passUpTo = max;
      problem(`长度不应少于 ${min} 个字符`, `must have at least ${min} characters`);
      problem(`长度不应超过 ${max} 个字符`, `must have at most ${max} characters`);
      // characters, not UTF-16 units: a rare name character outside the BMP (𠮷) counts once
      test = (v) => {
        const n = v.length;
        if (n < min) return 1;
        if (n <= max && n >= 2 * min) return 0;
        const cp = codePoints(v);
        return cp < min ? 1 : cp > max ? 2 : 0;
      };
      break;
    }
    case 'pattern': {
      const re = new RegExp(`^(?:${rule.pattern})$`, 'u');
      problem('格式不符合规定', `does not match the pattern ${rule.pattern}`);
      test = (v) => (re.test(v) ? 0 : 1);
      break;
    }
    case 'range': {
      const numeric = el.type === 'integer' || el.type === 'decimal';
      const bound = (b: number | string | undefined, none: number) =>
        b === undefined ? none : numeric ? Number(b) : isoDateNumber(String(b));
      const min = bound(rule.min, -Infinity);
      const max = bound(rule.max, Infinity);
      problem(`不应小于 ${rule.min}`, `must not be less than ${rule.min}`);
      problem(`不应大于 ${rule.max}`, `must not be greater than ${rule.max}`);
      test = numeric
        ? (v) => {
            if (!isDecimal(v, null)) return -1; // the type rule reports it
            const x = Number(v);
            return x < min ? 1 : x > max ? 2 : 0;
          }
        : (v) => {
            const d = isoDateNumber(v);
            return d < 0 ? -1 : d < min ? 1 : d > max ? 2 : 0;
          };
      break;
    }
    case 'enum': {
      const allowed = new Set(rule.values);
      const shown = rule.values.length <= 10 ? rule.values.join('、') : `${rule.values.slice(0, 10).join('、')}…`;
      problem(`不在允许的取值中（${shown}）`, 'is not one of the allowed values');
      test = (v) => (allowed.has(v) ? 0 : 1);
      break;
    }
    case 'code_table': {
      const table = CODE_TABLES[rule.table]!;
      const codes = new Set(Object.keys(table.codes));
      problem(`不是 ${rule.table}《${table.name.replace(/ \(.*$/, '')}》中的代码`, `is not a code of ${rule.table}`);
      test = (v) => (codes.has(v) ? 0 : 1);
      break;
    }
    case 'id_number': {
      for (const p of ID_PROBLEMS) problem(...ID_MESSAGES[p]);
      const check = ctx.idProblem(at);
      test = (v) => {
        const p = check(v);
        return p === null ? 0 : 1 << ID_PROBLEMS.indexOf(p);
      };
      break;
    }
    case 'credit_code':
      for (const p of CREDIT_PROBLEMS) problem(...CREDIT_MESSAGES[p]);
      test = (v) => {
        const p = creditCodeProblem(v);
        return p === null ? 0 : p === 'format' ? 1 : 2;
      };
      break;
    case 'phone':
      problem('不是有效的手机或固定电话号码', 'is not a mobile or landline number');
      test = (v) => (isCanonicalPhone(v) || normalizePhone(v) !== null ? 0 : 1);
      break;
    case 'email':
      problem('不是有效的电子邮箱地址', 'is not an e-mail address');
      test = (v) => (isEmail(v) ? 0 : 1);
      break;
    case 'date':
      problem('不是存在的日期（YYYY-MM-DD）', 'is not a real date YYYY-MM-DD');
      test = (v) => (v.length === 10 && isoDateNumber(v) >= 0 ? 0 : 1);
      break;
    case 'not_future':
      problem('晚于今天', 'is after today');
      test = (v) => {
        const d = isoDateNumber(v);
        return d < 0 ? -1 : d > today ? 1 : 0;
      };
      break;
    case 'id_consistency': {
      const birth = ctx.indexOf.get(rule.birthElement ?? 'birth_date') ?? -1;
      const sex = ctx.indexOf.get(rule.sexElement ?? 'sex') ?? -1;
      const idName = el.name;
      problem(`与${idName}中的出生日期不一致`, `does not agree with the birth date in ${el.code}`, birth < 0 ? at : birth);
      problem(`与${idName}中的性别不一致`, `does not agree with the sex in ${el.code}`, sex < 0 ? at : sex);
      looksAt = [at, birth, sex].filter((i) => i >= 0);
      const check = ctx.idProblem(at);
      test = (v, values) => {
        if (check(v) !== null) return -1; // only a valid ID number can be compared
        let mask = 0;
        if (birth >= 0) {
          const b = values[birth];
          const d = b ? isoDateNumber(b) : -1;
          if (d >= 0 && d !== idBirthNumber(v)) mask |= 1;
        }
        if (sex >= 0) {
          const s = values[sex];
          // GB/T 2261.1: 1 male, 2 female; 0 (unknown) and 9 (unstated) contradict nothing
          if ((s === '1' || s === '2') && (s === '1') !== idIsMale(v)) mask |= 2;
        }
        return mask;
      };
      break;
    }
    case 'formula':
      problem('以 = + - @ 开头，会被电子表格当作公式执行', 'would run as a spreadsheet formula');
      test = (v) => (isFormula(v) ? 1 : 0);
      break;
  }

  const declared = rule.severity ?? 'error';
  const severity: Severity = looksAt.some((i) => ctx.elements[i]!.key) ? 'error' : declared;
  const info: RuleInfo = {
    id: ruleIdOf(rule),
    element: rule.element,
    kind: rule.kind,
    dimension: rule.dimension ?? DEFAULT_DIMENSION[rule.kind],
    severity,
  };
  if (test === PASS) passUpTo = Infinity;
  return { info, element: at, examinesEmpty: rule.kind === 'required', test, problems, passUpTo, firstCharGate: rule.kind === 'formula' };
}

/** A memoised validator per ID element: a record's id_number and id_consistency rules validate the same string once. */
export function idValidators(today: number): (elementIndex: number) => (v: string) => IdProblem | null {
  const made = new Map<number, (v: string) => IdProblem | null>();
  return (i) => {
    let fn = made.get(i);
    if (!fn) {
      let last = '';
      let result: IdProblem | null = 'format';
      fn = (v) => {
        if (v !== last) {
          last = v;
          result = idNumberProblem(v, today);
        }
        return result;
      };
      made.set(i, fn);
    }
    return fn;
  };
}
