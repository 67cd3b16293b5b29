import { describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../platform/validators/index.js';
import { RULE_IDS, lowIncomeRecords, populationRecords } from './index.js';

const today = '2026-11-27';
const population = { count: 20_000, seed: 21, today };

describe('low-income records', () => {
  const register = new Map<string, Record<string, string | null>>();
  for (const r of populationRecords(population))
    if (r.expected.length === 0) register.set(r.values.id_number!.trim().toUpperCase(), r.values);
  const rates = { badCheckDigit: 0.02, duplicate: 0.03, messyButRepairable: 0.05, conflictingAddress: 0.04 };
  const records = [...lowIncomeRecords({ population, share: 0.05, rates })];

  it('draws a share of the population, with exactly round(rate × count) records of each defect', () => {
    const count = 1000;
    expect(records).toHaveLength(count);
    const tally: Record<string, number> = {};
    for (const r of records) for (const rule of r.expected) tally[rule] = (tally[rule] ?? 0) + 1;
    expect(tally).toEqual({ [RULE_IDS.idNumber]: 20, [RULE_IDS.duplicate]: 30, [RULE_IDS.conflictingAddress]: 40 });
    expect(records.every((r) => r.expected.length <= 1)).toBe(true);
  });

  it('agrees with the population register except where an address conflict was injected', () => {
    const persons = new Set<string>();
    for (const r of records) {
      if (r.expected[0] === RULE_IDS.idNumber) {
        expect(checkIdNumber(r.values.id_number!, today)).toEqual({ ok: false, problem: 'check_digit' });
        continue;
      }
      const id = r.values.id_number!.trim().toUpperCase();
      const person = register.get(id);
      expect(person, id).toBeDefined();
      expect(r.values.name!.trim()).toBe(person!.name);
      if (r.expected[0] === RULE_IDS.conflictingAddress) expect(r.values.household_address).not.toBe(person!.household_address);
      else expect(r.values.household_address!.trim()).toBe(person!.household_address);
      if (r.expected[0] !== RULE_IDS.duplicate) persons.add(id);
      expect(r.values.monthly_allowance).toMatch(/^\d+\.\d{2}$/);
    }
    expect(persons.size).toBe(1000 - 30 - 20); // one record per person, apart from duplicates and rejected IDs
  });

  it('keeps approval dates before today, in other spellings only where the record is messy', () => {
    for (const r of records) {
      const d = r.values.approved_on!;
      if (/^\d{4}-\d{2}-\d{2}$/.test(d)) expect(d <= today && d >= '2012-01-01').toBe(true);
      else expect(d).toMatch(/^\d{4}(\/\d{1,2}\/\d{1,2}|\d{4}|年\d{1,2}月\d{1,2}日)$/);
    }
  });

  it('is deterministic and refuses a share larger than the clean population', () => {
    expect([...lowIncomeRecords({ population, share: 0.05, rates })]).toEqual(records);
    expect(() => lowIncomeRecords({ population, share: 0.99 })).toThrow(RangeError);
  });
});
