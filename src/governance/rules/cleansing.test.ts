import { describe, expect, it } from 'vitest';
import { compileCleansing, compileStep } from './cleansing.js';
import type { CleansingStep } from './rule-set.js';

const run = (steps: CleansingStep[], v: string) => compileCleansing(steps)!(v);
const step = (s: CleansingStep, v: string) => compileStep(s)(v);

describe('cleansing steps', () => {
  it('trim removes ASCII, ideographic, no-break and zero-width spaces at both ends; nothing left is empty', () => {
    expect(step('trim', ' \t张三\u3000')).toBe('张三');
    expect(step('trim', '\u00a0\u200b张 三\u200b')).toBe('张 三');
    expect(step('trim', '\u3000 ')).toBeNull();
    const clean = '福建省泉州市';
    expect(step('trim', clean)).toBe(clean);
  });

  it('full_to_half turns full-width ASCII and the ideographic space into half-width, leaving Chinese alone', () => {
    expect(step('full_to_half', 'ＡＢＣ１２３　（丰泽区）＠ｘ．ｃｎ')).toBe('ABC123 (丰泽区)@x.cn');
    expect(step('full_to_half', '１３８００１３８０００')).toBe('13800138000');
    expect(step('full_to_half', '东海街道12号')).toBe('东海街道12号');
  });

  it('upper and lower change case only where there is case', () => {
    expect(step('upper', '91350100m000100y43')).toBe('91350100M000100Y43');
    expect(step('lower', 'Someone@Example.GOV.cn')).toBe('someone@example.gov.cn');
    expect(step('upper', '张三')).toBe('张三');
  });

  it('null_tokens empties the usual placeholders, case-insensitively, and whitespace-only values', () => {
    for (const t of ['空', '无', 'NULL', 'null', 'Null', 'N/A', 'n/a', '-', '/', '   ', '\u3000', ''])
      expect(step('null_tokens', t), JSON.stringify(t)).toBeNull();
    for (const t of ['无锡市', '-12.5', 'NULLABLE', '0']) expect(step('null_tokens', t)).toBe(t);
  });

  it('a custom null token list replaces the default one', () => {
    const custom: CleansingStep = { null_tokens: ['不详', '暂无'] };
    expect(step(custom, '不详')).toBeNull();
    expect(step(custom, '暂无')).toBeNull();
    expect(step(custom, '-')).toBe('-');
    expect(step(custom, '  ')).toBeNull();
  });

  it('date reads every usual form and writes YYYY-MM-DD', () => {
    for (const v of [
      '2024/1/5',
      '2024-1-5',
      '2024.1.5',
      '20240105',
      '2024年1月5日',
      '2024年01月05日',
      '2024-01-05',
      '2024/1/5 0:00',
      '2024-01-05 00:00:00',
    ])
      expect(step('date', v), v).toBe('2024-01-05');
  });

  it('date leaves impossible, ambiguous and timed values as written so that the date rule reports them', () => {
    for (const v of [
      '2023-02-29',
      '2024-13-01',
      '2023/2/29',
      '20230229',
      '2024年2月30日',
      '24/1/5',
      '2024-1/5',
      '2024/1/5 8:30',
      '1/5/2024',
      '2024年1月',
    ])
      expect(step('date', v), v).toBe(v);
    expect(step('date', '2024/2/29')).toBe('2024-02-29');
  });

  it('datetime writes YYYY-MM-DDTHH:mm:ss in Asia/Shanghai time', () => {
    expect(step('datetime', '2024/1/5 8:30')).toBe('2024-01-05T08:30:00');
    expect(step('datetime', '2024-01-05 08:30:15')).toBe('2024-01-05T08:30:15');
    expect(step('datetime', '2024年1月5日 8时30分15秒')).toBe('2024-01-05T08:30:15');
    expect(step('datetime', '20240105083015')).toBe('2024-01-05T08:30:15');
    expect(step('datetime', '2024-01-05T08:30:15.250')).toBe('2024-01-05T08:30:15');
    expect(step('datetime', '2024-12-31T20:00:00Z')).toBe('2025-01-01T04:00:00');
    expect(step('datetime', '2024-01-05T08:30:00+08:00')).toBe('2024-01-05T08:30:00');
    // a date alone has no known time, and 24:00 or 2023-02-29 are not moments
    for (const v of ['2024-01-05', '2024-01-05 24:00', '2023-02-29 08:00', '2024-01-05 8:61']) expect(step('datetime', v), v).toBe(v);
  });

  it('phone writes mobiles as 11 digits and landlines as area-local', () => {
    expect(step('phone', '+86 138-0013-8000')).toBe('13800138000');
    expect(step('phone', '86-13800138000')).toBe('13800138000');
    expect(step('phone', '138 0013 8000')).toBe('13800138000');
    expect(step('phone', '(0595)12345678')).toBe('0595-12345678');
    expect(step('phone', '0595 1234 5678')).toBe('0595-12345678');
    expect(step('phone', '010-1234-5678')).toBe('010-12345678');
    // not certainly a phone number: left for the phone rule
    expect(step('phone', '12345678')).toBe('12345678');
    expect(step('phone', '138001380')).toBe('138001380');
  });

  it('id_upper_x and number repair the usual export habits', () => {
    expect(step('id_upper_x', '11010519491231002x')).toBe('11010519491231002X');
    expect(step('id_upper_x', '11010519491231002X')).toBe('11010519491231002X');
    expect(step('number', '1,234.50')).toBe('1234.50');
    expect(step('number', '-12,345,678')).toBe('-12345678');
    expect(step('number', '1,23')).toBe('1,23'); // a typo, not a thousands separator
    expect(run(['full_to_half', 'number'], '１，２３４．５０')).toBe('1234.50');
  });

  it('codeTable maps the aliases of GB/T 2261.1 and GB/T 3304 to codes and leaves unknown values', () => {
    const sex: CleansingStep = { codeTable: 'GB/T 2261.1' };
    for (const [v, code] of [
      ['男', '1'],
      ['男性', '1'],
      ['M', '1'],
      ['male', '1'],
      ['Male', '1'],
      ['1', '1'],
      ['女', '2'],
      ['女性', '2'],
      ['F', '2'],
      ['female', '2'],
      ['2', '2'],
      ['未知', '0'],
      ['未说明', '9'],
    ])
      expect(step(sex, v!), v).toBe(code);
    expect(step(sex, '妖')).toBe('妖');
    const ethnic: CleansingStep = { codeTable: 'GB/T 3304' };
    expect(step(ethnic, '汉')).toBe('01');
    expect(step(ethnic, '汉族')).toBe('01');
    expect(step(ethnic, '土家族')).toBe('15');
    expect(step(ethnic, '基诺族')).toBe('56');
    expect(step(ethnic, '1')).toBe('01'); // Excel dropped the leading zero
    expect(step(ethnic, '57')).toBe('57');
  });

  it('map applies a custom mapping; an empty target empties the value', () => {
    const m: CleansingStep = { map: { 已婚: '20', 未婚: '10', 不详: '' } };
    expect(step(m, '已婚')).toBe('20');
    expect(step(m, '不详')).toBeNull();
    expect(step(m, '离异')).toBe('离异');
  });

  it('applies steps in the declared order and stops at empty', () => {
    expect(run(['trim', 'full_to_half', 'null_tokens', 'date'], '　２０２４／１／５ ')).toBe('2024-01-05');
    expect(run(['null_tokens', 'date'], '无')).toBeNull();
    expect(run(['trim', 'full_to_half', 'null_tokens'], 'ＮＵＬＬ')).toBeNull();
    expect(compileCleansing([])).toBeNull();
  });

  it('the fused trim/full_to_half/null_tokens start gives exactly what the three steps give one by one', () => {
    const fused = compileCleansing(['trim', 'full_to_half', 'null_tokens'])!;
    const oneByOne = (v: string) => {
      let x: string | null = v;
      for (const s of ['trim', 'full_to_half', 'null_tokens'] as const) x = x === null ? null : compileStep(s)(x);
      return x;
    };
    const alphabet = [' ', '\u3000', 'Ａ', 'a', '张', '-', '/', 'N', 'U', 'L', '无', '１', '\t', '空'];
    let seed = 3;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let i = 0; i < 5000; i++) {
      let v = '';
      for (let k = rnd(6); k > 0; k--) v += alphabet[rnd(alphabet.length)];
      expect(fused(v), JSON.stringify(v)).toBe(oneByOne(v));
    }
  });
});
