// The rule set a resource starts with, read off its catalog metadata: types, lengths, standards and code
// tables the catalog already declares. Staff adjust it from there.
import type { Element } from '../../catalog/index.js';
import { CODE_TABLES } from './code-tables.js';
import type { CleansingStep, QualityRule, RuleSet } from './rule-set.js';

const PHONE = /phone|mobile|(^|_)tel(_|$)|电话|手机/i;
const EMAIL = /e_?mail|邮箱|电子邮件/i;
// dates of events that have already happened when the record is written (validity end dates are not among them)
const PAST_EVENT = /birth|born|出生|establish|found|成立|设立|issue|签发|发证|registered|登记/i;

const says = (re: RegExp, el: Element) => re.test(el.code) || re.test(el.name);
const isPhone = (el: Element) => el.type === 'string' && says(PHONE, el);
const isEmail = (el: Element) => el.type === 'string' && says(EMAIL, el);
const knownTable = (el: Element) => (el.codeTable && CODE_TABLES[el.codeTable] ? el.codeTable : null);

export function defaultRuleSet(elements: Element[]): RuleSet {
  const cleansing: Record<string, CleansingStep[]> = {};
  const rules: QualityRule[] = [];
  const find = (code: string, name: string) => elements.find((e) => e.code === code || e.name === name);

  for (const el of elements) {
    const steps: CleansingStep[] = ['trim', 'full_to_half', 'null_tokens'];
    if (el.type === 'date') steps.push('date');
    if (el.type === 'datetime') steps.push('datetime');
    if (el.type === 'integer' || el.type === 'decimal') steps.push('number');
    if (el.standardRef === 'GB 11643') steps.push('id_upper_x');
    if (el.standardRef === 'GB 32100') steps.push('upper');
    const table = knownTable(el);
    if (table) steps.push({ codeTable: table });
    if (isPhone(el)) steps.push('phone');
    cleansing[el.code] = steps;

    const element = el.code;
    if (el.required || el.key) rules.push({ element, kind: 'required' });
    if (el.type === 'date') rules.push({ element, kind: 'date' });
    else if (el.type !== 'string') rules.push({ element, kind: 'type' });
    // a standard or a code table fixes the format more precisely than a length, and one problem per value is enough
    if (el.standardRef === 'GB 11643') rules.push({ element, kind: 'id_number' });
    else if (el.standardRef === 'GB 32100') rules.push({ element, kind: 'credit_code' });
    else if (table) rules.push({ element, kind: 'code_table', table });
    else if (el.length && el.type === 'string') rules.push({ element, kind: 'length', max: el.length });
    // a wrong contact detail does not make the rest of the record wrong
    if (isPhone(el)) rules.push({ element, kind: 'phone', severity: 'warning' });
    if (isEmail(el)) rules.push({ element, kind: 'email', severity: 'warning' });
    if ((el.type === 'date' || el.type === 'datetime') && says(PAST_EVENT, el)) rules.push({ element, kind: 'not_future' });
    // only the record subject's own number: a mother's ID number says nothing about a newborn's birth date
    if (el.standardRef === 'GB 11643' && (el.code === 'id_number' || el.name === '公民身份号码')) {
      const birth = find('birth_date', '出生日期');
      const sex = find('sex', '性别');
      if (birth || sex)
        rules.push({
          element,
          kind: 'id_consistency',
          ...(birth ? { birthElement: birth.code } : {}),
          ...(sex ? { sexElement: sex.code } : {}),
        });
    }
    if (el.type === 'string') rules.push({ element, kind: 'formula' });
  }
  return { cleansing, rules };
}
