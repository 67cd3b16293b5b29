import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber, creditCodeCheckChar, idCheckChar, isEmail, isMobilePhone, luhnValid } from './index.js';

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
