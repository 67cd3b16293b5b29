import { describe, expect, it } from 'vitest';
import { elementSchema } from '../../catalog/index.js';
import type { Element } from '../../catalog/index.js';
import { DEMO_RESOURCES } from '../../demo/catalog.js';
import { AppError } from '../../platform/errors.js';
import { checkRuleSet, defaultRuleSet, tryRules } from './index.js';

const elementsOf = (name: string): Element[] =>
  DEMO_RESOURCES.find((r) => r.content.name === name)!.content.elements!.map((e) => elementSchema.parse(e));
const POPULATION = elementsOf('人口基本信息');

describe('defaultRuleSet on the demo population register', () => {
  const rs = defaultRuleSet(POPULATION);

  it('cleanses every element and adds the steps its metadata calls for', () => {
    const basics = ['trim', 'full_to_half', 'null_tokens'];
    expect(rs.cleansing).toEqual({
      name: basics,
      sex: [...basics, { codeTable: 'GB/T 2261.1' }],
      id_number: [...basics, 'id_upper_x'],
      birth_date: [...basics, 'date'],
      phone: [...basics, 'phone'],
      household_address: basics,
      ethnicity: [...basics, { codeTable: 'GB/T 3304' }],
      residence_address: basics,
    });
  });

  it('derives the quality rules from required, type, length, standard and code table', () => {
    expect(rs.rules.map((r) => `${r.kind}:${r.element}`)).toEqual([
      'required:name',
      'length:name',
      'formula:name',
      'required:sex',
      'code_table:sex',
      'formula:sex',
      'required:id_number',
      'id_number:id_number',
      'id_consistency:id_number',
      'formula:id_number',
      'required:birth_date',
      'date:birth_date',
      'not_future:birth_date',
      'length:phone',
      'phone:phone',
      'formula:phone',
      'length:household_address',
      'formula:household_address',
      'code_table:ethnicity',
      'formula:ethnicity',
      'length:residence_address',
      'formula:residence_address',
    ]);
    expect(rs.rules.find((r) => r.kind === 'id_consistency')).toEqual({
      element: 'id_number',
      kind: 'id_consistency',
      birthElement: 'birth_date',
      sexElement: 'sex',
    });
    expect(rs.rules.find((r) => r.kind === 'length' && r.element === 'name')).toMatchObject({ max: 50 });
    expect(rs.rules.find((r) => r.kind === 'phone')).toMatchObject({ severity: 'warning' });
    expect(checkRuleSet(rs, POPULATION)).toEqual([]);
  });

  it('fits every demo resource, and links only the subject’s own ID number to a birth date', () => {
    for (const r of DEMO_RESOURCES) {
      const elements = r.content.elements!.map((e) => elementSchema.parse(e));
      expect(checkRuleSet(defaultRuleSet(elements), elements), r.content.name).toEqual([]);
    }
    // a newborn's birth date says nothing about the mother's ID number
    const birthCertificate = elementsOf('出生医学证明信息').map((e) =>
      e.code === 'mother_id_number' ? { ...e, standardRef: 'GB 11643' } : e,
    );
    const rules = defaultRuleSet(birthCertificate).rules;
    expect(rules.filter((r) => r.kind === 'id_number').map((r) => r.element)).toEqual(['mother_id_number']);
    expect(rules.some((r) => r.kind === 'id_consistency')).toBe(false);
    const legal = defaultRuleSet(elementsOf('法人基本信息'));
    expect(legal.rules.filter((r) => r.element === 'established_on').map((r) => r.kind)).toEqual(['required', 'date', 'not_future']);
    expect(legal.rules.filter((r) => r.element === 'registered_capital').map((r) => r.kind)).toEqual(['type']);
    expect(legal.cleansing.credit_code).toContain('upper');
    const licences = defaultRuleSet(elementsOf('持证经营主体名录'));
    expect(licences.rules.filter((r) => r.element === 'valid_to').map((r) => r.kind)).toEqual(['date']); // an end date may be ahead
  });
});

describe('tryRules on the population register', () => {
  const rs = defaultRuleSet(POPULATION);
  const good = {
    name: ' 张三 ',
    sex: '男',
    id_number: '350503198503121238',
    birth_date: '1985/3/12',
    phone: '+86 138-0013-8000',
    household_address: '福建省泉州市丰泽区东海街道１２号',
    ethnicity: '汉族',
    residence_address: '无',
  };

  it('shows a repaired record as clean', () => {
    const [r] = tryRules(POPULATION, rs, [good], '2026-11-27');
    expect(r).toEqual({
      cleaned: {
        name: '张三',
        sex: '1',
        id_number: '350503198503121238',
        birth_date: '1985-03-12',
        phone: '13800138000',
        household_address: '福建省泉州市丰泽区东海街道12号',
        ethnicity: '01',
        residence_address: null,
      },
      problems: [],
      verdict: 'clean',
    });
  });

  it('shows warnings and rejections with rule, element, severity, dimension and message', () => {
    const [warned, rejected] = tryRules(
      POPULATION,
      rs,
      [
        { ...good, phone: '5551234' },
        { ...good, id_number: '35050319850312123x', sex: '女', name: '=HYPERLINK("http://x.example")' },
      ],
      '2026-11-27',
    );
    expect(warned!.verdict).toBe('warning');
    expect(warned!.problems).toEqual([
      {
        rule: 'phone:phone',
        element: 'phone',
        severity: 'warning',
        dimension: 'accuracy',
        value: '5551234',
        message: '联系电话不是有效的手机或固定电话号码 (phone: is not a mobile or landline number)',
      },
    ]);
    expect(rejected!.verdict).toBe('rejected');
    expect(rejected!.cleaned.id_number).toBe('35050319850312123X');
    expect(rejected!.problems.map((p) => [p.rule, p.element, p.severity, p.dimension])).toEqual([
      ['formula:name', 'name', 'error', 'normativity'],
      ['id_number:id_number', 'id_number', 'error', 'accuracy'], // the check character of …123 is 8
    ]);
  });

  it('a missing key is an empty value; an unknown one is a 400', () => {
    const [r] = tryRules(POPULATION, rs, [{ name: '张三' }], '2026-11-27');
    expect(r!.verdict).toBe('rejected');
    expect(r!.problems.map((p) => p.rule)).toEqual(['required:sex', 'required:id_number', 'required:birth_date']);
    expect(() => tryRules(POPULATION, rs, [{ nickname: 'x' }], '2026-11-27')).toThrow(AppError);
  });
});
