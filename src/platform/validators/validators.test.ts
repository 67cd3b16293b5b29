import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  creditCodeCheckChar,
  creditCodeProblem,
  idCheckChar,
  idNumberProblem,
  isCanonicalPhone,
  isEmail,
  isMobilePhone,
  isoDateNumber,
  luhnValid,
  normalizePhone,
} from './index.js';

describe('GB 11643 ID numbers', () => {
  it("accepts the standard's own examples, including an X check character", () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, info: { birthDate: '1949-12-31', sex: 'female', region: '110105' } });
    expect(checkIdNumber('440524188001010014')).toMatchObject({ ok: true, info: { birthDate: '1880-01-01', sex: 'male' } });
    expect(checkIdNumber('11010519491231002x').ok).toBe(true); // lower-case x is the same character
  });
  it('accepts a legacy 15-digit number and decodes its 1900s birth date', () => {
    expect(checkIdNumber('350521860101131')).toMatchObject({ ok: true, info: { birthDate: '1986-01-01', sex: 'male' } });
  });
  it('finds a wrong check digit, a bad region, an impossible or future date, a bad format', () => {
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check_digit' });
    const fake = '990105194912310' + '02';
    expect(checkIdNumber(fake + idCheckChar(fake))).toEqual({ ok: false, problem: 'region' });
    const feb30 = '35050019900230123';
    expect(checkIdNumber(feb30 + idCheckChar(feb30))).toEqual({ ok: false, problem: 'birth_date' });
    const future = '35050020300101123';
    expect(checkIdNumber(future + idCheckChar(future), '2026-11-27')).toEqual({ ok: false, problem: 'future_birth' });
    expect(checkIdNumber('3505001990010112')).toEqual({ ok: false, problem: 'format' });
    expect(checkIdNumber('35050019900101123Y')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('computes the MOD 31 check character and catches every single-character change', () => {
    const body = '91350500MA2XY1234';
    const code = body + creditCodeCheckChar(body);
    expect(checkCreditCode(code)).toEqual({ ok: true });
    for (let i = 0; i < 17; i++) {
      const swapped = code.slice(0, i) + (code[i] === '1' ? '2' : '1') + code.slice(i + 1);
      if (/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}/.test(swapped)) expect(checkCreditCode(swapped).ok, swapped).toBe(false);
    }
  });
  it('refuses letters outside the set (I, O, S, V, Z) and wrong lengths', () => {
    expect(checkCreditCode('91350500MA2XY1234O')).toEqual({ ok: false, problem: 'format' });
    expect(checkCreditCode('91350500MA2XY123')).toEqual({ ok: false, problem: 'format' });
  });
});

describe('common formats', () => {
  it('knows phones, e-mails and bank cards', () => {
    expect(isMobilePhone('+86 138-0000-0000')).toBe(true);
    expect(isMobilePhone('12800000000')).toBe(false);
    expect(isEmail('someone@example.gov.cn')).toBe(true);
    expect(isEmail('not an email')).toBe(false);
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('allocation-free forms for the quality rules', () => {
  const today = 20261127;
  it('idNumberProblem agrees with checkIdNumber on canonical numbers and refuses a lower-case x', () => {
    expect(idNumberProblem('11010519491231002X', today)).toBeNull();
    expect(idNumberProblem('11010519491231002x', today)).toBe('format');
    expect(idNumberProblem('350521860101131', today)).toBeNull();
    expect(idNumberProblem('110105194912310021', today)).toBe('check_digit');
    const feb29 = '35050020230229123';
    expect(idNumberProblem(feb29 + idCheckChar(feb29), today)).toBe('birth_date');
    const leap = '35050020240229123';
    expect(idNumberProblem(leap + idCheckChar(leap), today)).toBeNull();
    const tomorrow = '35050020261128123';
    expect(idNumberProblem(tomorrow + idCheckChar(tomorrow), today)).toBe('future_birth');
    expect(idNumberProblem('３５０５２１８６０１０１１３１', today)).toBe('format');
  });
  it('matches a slow reference on thousands of generated numbers', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const seen = new Set<string | null>();
    for (let i = 0; i < 3000; i++) {
      const body =
        `${rnd(100)}`.padStart(2, '0') +
        '0503' +
        `${1840 + rnd(200)}` +
        `${rnd(14)}`.padStart(2, '0') +
        `${rnd(33)}`.padStart(2, '0') +
        '123';
      const id = body + (rnd(4) === 0 ? '5' : idCheckChar(body));
      const y = Number(id.slice(6, 10)),
        m = Number(id.slice(10, 12)),
        d = Number(id.slice(12, 14));
      const dt = new Date(Date.UTC(y, m - 1, d));
      const real = dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
      const province = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])/.test(id);
      const expected = !province
        ? 'region'
        : y < 1850 || !real
          ? 'birth_date'
          : y * 10000 + m * 100 + d > today
            ? 'future_birth'
            : idCheckChar(body) !== id[17]
              ? 'check_digit'
              : null;
      seen.add(expected);
      expect(idNumberProblem(id, today), id).toBe(expected);
    }
    expect(seen.size).toBe(5); // every outcome was exercised
  });
  it('creditCodeProblem wants capitals, digits in the region part and the right check character', () => {
    const body = '91350500MA2XY1234';
    const code = body + creditCodeCheckChar(body);
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeProblem(code.toLowerCase())).toBe('format');
    expect(creditCodeProblem('9135A500MA2XY1234' + 'X')).toBe('format');
    expect(creditCodeProblem(body + (creditCodeCheckChar(body) === '0' ? '1' : '0'))).toBe('check_digit');
  });
  it('normalizes mobile and landline numbers and leaves what it cannot be sure of', () => {
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizePhone('86-13800138000')).toBe('13800138000');
    expect(normalizePhone('0086 13800138000')).toBe('13800138000');
    expect(normalizePhone('(0595) 1234 5678')).toBe('0595-12345678');
    expect(normalizePhone('01012345678')).toBe('010-12345678');
    expect(normalizePhone('+86 595 12345678')).toBe('0595-12345678');
    expect(normalizePhone('12345678')).toBeNull(); // no area code
    expect(normalizePhone('+1 415 555 0100')).toBeNull();
    expect(normalizePhone('0595-12345678转123')).toBeNull();
    expect(isCanonicalPhone('13800138000')).toBe(true);
    expect(isCanonicalPhone('0595-12345678')).toBe(true);
    expect(isCanonicalPhone('12800138000')).toBe(false);
    expect(isCanonicalPhone('0595-0234567')).toBe(false);
  });
  it('reads real calendar dates only', () => {
    expect(isoDateNumber('2024-02-29')).toBe(20240229);
    expect(isoDateNumber('2023-02-29')).toBe(-1);
    expect(isoDateNumber('1900-02-29')).toBe(-1);
    expect(isoDateNumber('2000-02-29')).toBe(20000229);
    expect(isoDateNumber('2024-13-01')).toBe(-1);
    expect(isoDateNumber('2024-1-01')).toBe(-1);
    expect(isoDateNumber('x2024-01-05', 1)).toBe(20240105);
  });
});
