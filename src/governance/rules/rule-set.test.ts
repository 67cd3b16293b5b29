import { describe, expect, it } from 'vitest';
import { elementSchema } from '../../catalog/index.js';
import type { Element, ElementInput } from '../../catalog/index.js';
import { AppError } from '../../platform/errors.js';
import { checkRuleSet, compileRules, parseRuleSet } from './index.js';
import type { RuleSet } from './index.js';

const el = (code: string, name: string, extra: Partial<ElementInput> = {}): Element =>
  elementSchema.parse({ code, name, type: 'string', ...extra });
const ELEMENTS = [
  el('id_number', '公民身份号码', { standardRef: 'GB 11643', key: true }),
  el('sex', '性别', { codeTable: 'GB/T 2261.1' }),
  el('birth_date', '出生日期', { type: 'date' }),
  el('age', '年龄', { type: 'integer' }),
];

const YAML = `
cleansing:
  id_number: [trim, id_upper_x]
  sex:
    - trim
    - codeTable: GB/T 2261.1
  birth_date: [trim, { null_tokens: [不详] }, date]
rules:
  - { element: id_number, kind: required }
  - { element: id_number, kind: id_number }
  - element: age
    kind: range
    min: 0
    max: 150
    severity: warning
  - element: sex
    kind: enum
    values: ['1', '2']
    message: 性别只能是 1 或 2
weights:
  accuracy: 2
`;

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('parseRuleSet', () => {
  it('reads YAML and JSON into the same rule set', () => {
    const fromYaml = parseRuleSet(YAML, 'yaml');
    expect(fromYaml.cleansing.sex).toEqual(['trim', { codeTable: 'GB/T 2261.1' }]);
    expect(fromYaml.rules[2]).toEqual({ element: 'age', kind: 'range', min: 0, max: 150, severity: 'warning' });
    expect(fromYaml.weights).toEqual({ accuracy: 2 });
    expect(parseRuleSet(JSON.stringify(fromYaml), 'json')).toEqual(fromYaml);
    expect(checkRuleSet(fromYaml, ELEMENTS)).toEqual([]);
  });

  it('answers a bad rule set with 400 bad_rule_set listing each problem with its path, Chinese first', () => {
    const err = caught(() =>
      parseRuleSet(
        JSON.stringify({
          cleansing: { sex: ['trim', 'strip'] },
          rules: [
            { element: 'sex', kind: 'sex_check' },
            { element: 'age', kind: 'range', min: '0', colour: 'red' },
            { kind: 'required' },
            { element: 'age', kind: 'required', severity: 'fatal' },
          ],
          weights: { speed: 1 },
        }),
        'json',
      ),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe('bad_rule_set');
    const details = err.details as { path: string; message: string }[];
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['cleansing.sex[1]', 'rules[0].kind', 'rules[1]', 'rules[2].element', 'rules[3].severity', 'weights']),
    );
    expect(details.find((d) => d.path === 'rules[0].kind')!.message).toMatch(/^未知的规则类型.*\(unknown rule kind\)$/);
    expect(details.find((d) => d.path === 'cleansing.sex[1]')!.message).toMatch(/^清洗步骤应为/);
    expect(details.find((d) => d.path === 'rules[1]')!.message).toContain('colour');
    expect(details.find((d) => d.path === 'rules[2].element')!.message).toMatch(/^缺少必填项/);
    for (const d of details) expect(d.message).toMatch(/^[^\x00-\x7f].*\(.+\)$/s);
  });

  it('reports unparseable text as such', () => {
    expect(caught(() => parseRuleSet('{"rules": [', 'json')).message).toMatch(/^规则集不是合法的 JSON/);
    const yaml = caught(() => parseRuleSet('rules: [\n  - oops', 'yaml'));
    expect(yaml.code).toBe('bad_rule_set');
    expect(yaml.message).toMatch(/YAML/);
  });
});

describe('checkRuleSet', () => {
  it('lists each semantic problem with where it is', () => {
    const ruleSet: RuleSet = {
      cleansing: { nickname: ['trim'], sex: [{ codeTable: 'GB/T 9999' }], age: ['date'] },
      rules: [
        { element: 'nickname', kind: 'required' },
        { element: 'sex', kind: 'pattern', pattern: '[1-2' },
        { element: 'sex', kind: 'range', min: 1, max: 2 },
        { element: 'age', kind: 'range', min: 150, max: 0 },
        { element: 'birth_date', kind: 'range', min: 0 },
        { element: 'sex', kind: 'code_table', table: 'GB/T 9999' },
        { element: 'sex', kind: 'type' },
        { element: 'age', kind: 'length' },
        { id: 'dup', element: 'age', kind: 'required' },
        { id: 'dup', element: 'sex', kind: 'required' },
        { element: 'id_number', kind: 'id_consistency', sexElement: 'gender' },
      ],
    };
    expect(checkRuleSet(ruleSet, ELEMENTS)).toEqual([
      'cleansing.nickname: 没有编码为 nickname 的信息项 (no element coded nickname)',
      expect.stringMatching(/^cleansing\.sex\[0\]: 未知的代码表 GB\/T 9999/),
      expect.stringMatching(/^cleansing\.age\[0\]: date 步骤不适用于 integer/),
      expect.stringMatching(/^rules\[0\] \(required:nickname\): 没有编码为 nickname/),
      expect.stringMatching(/^rules\[1\] \(pattern:sex\): 正则表达式无法编译/),
      expect.stringMatching(/^rules\[2\] \(range:sex\): 性别（string）不是数值或日期/),
      expect.stringMatching(/^rules\[3\] .*最小值大于最大值/),
      expect.stringMatching(/^rules\[4\] .*YYYY-MM-DD/),
      expect.stringMatching(/^rules\[5\] .*未知的代码表/),
      expect.stringMatching(/^rules\[6\] .*checks nothing/),
      expect.stringMatching(/^rules\[7\] .*min 或 max/),
      expect.stringMatching(/^rules\[9\] \(dup\): 规则编号 dup 重复/),
      expect.stringMatching(/^rules\[10\] .*gender/),
    ]);
  });

  it('compileRules refuses a rule set with problems, with them as details', () => {
    const err = caught(() =>
      compileRules(ELEMENTS, { cleansing: {}, rules: [{ element: 'nope', kind: 'required' }] }, { today: '2026-11-27' }),
    );
    expect(err.code).toBe('bad_rule_set');
    expect(err.details).toEqual([{ path: 'rules[0] (required:nope)', message: '没有编码为 nope 的信息项 (no element coded nope)' }]);
  });
});
