import { describe, expect, it } from 'vitest';
import { checkCreditCode } from '../../platform/validators/index.js';
import { DEFAULT_LEGAL_ENTITY_RATES, RULE_IDS, legalEntityRecords } from './index.js';
import { organizationCodeCheckChar } from './organization-code.js';

const today = '2026-11-27';

describe('legal entity records', () => {
  const count = 10_000;
  const records = [...legalEntityRecords({ count, seed: 31, today })];

  it('injects exactly round(rate × count) defects of each kind', () => {
    const tally: Record<string, number> = {};
    for (const r of records) for (const rule of r.expected) tally[rule] = (tally[rule] ?? 0) + 1;
    expect(tally).toEqual({
      [RULE_IDS.creditCode]: Math.round(DEFAULT_LEGAL_ENTITY_RATES.badCheckDigit * count),
      [RULE_IDS.futureEstablished]: Math.round(DEFAULT_LEGAL_ENTITY_RATES.futureEstablished * count),
      [RULE_IDS.duplicate]: Math.round(DEFAULT_LEGAL_ENTITY_RATES.duplicate * count),
    });
  });

  it('gives clean entities valid, unique Quanzhou credit codes with a right organisation code inside', () => {
    const codes = new Set<string>();
    for (const r of records) {
      const code = r.values.credit_code!;
      if (r.expected[0] === RULE_IDS.creditCode) {
        expect(checkCreditCode(code)).toEqual({ ok: false, problem: 'check_digit' });
        continue;
      }
      if (r.expected[0] === RULE_IDS.duplicate) {
        expect(codes.has(code)).toBe(true);
        continue;
      }
      expect(checkCreditCode(code), code).toEqual({ ok: true });
      expect(code).toMatch(/^913505\d{2}/);
      expect(organizationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      expect(codes.has(code)).toBe(false);
      codes.add(code);
      if (r.expected[0] === RULE_IDS.futureEstablished) expect(r.values.established_on! > today).toBe(true);
      else expect(r.values.established_on! <= today).toBe(true);
      // new-style bodies only after the 2015 reform
      if (code.slice(8, 10) === 'MA') expect(r.values.established_on! >= '2015-10-01').toBe(true);
      expect(r.values.entity_name).toMatch(/^泉州.+示例/);
      expect(r.values.registered_capital).toMatch(/^\d+\.00$/);
    }
    expect(codes.size).toBe(count - Math.round(0.01 * count) * 2);
  });

  it('computes GB 11714 check characters as published codes carry them', () => {
    // organisation codes inside two published credit codes, one ending in a digit and one in X
    expect(organizationCodeCheckChar('79965505')).toBe('8');
    expect(organizationCodeCheckChar('71526726')).toBe('X');
    expect(organizationCodeCheckChar('D2143569')).toBe('X'); // letters count 10–35: D = 13
  });

  it('is deterministic', () => {
    expect([...legalEntityRecords({ count, seed: 31, today })]).toEqual(records);
  });
});
