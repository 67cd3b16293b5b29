import { describe, expect, it } from 'vitest';
import { checkCreditCode, checkIdNumber } from '../../platform/validators/index.js';
import { housingFundRecords, legalEntityRecords, medicalInsuranceRecords, populationRecords, socialInsuranceRecords } from './index.js';

const today = '2026-11-27';
const population = { count: 10_000, seed: 41, today };
const employers = { count: 500, seed: 42, today };

describe('person-keyed files of other departments', () => {
  const register = new Map<string, Record<string, string | null>>();
  for (const r of populationRecords(population)) if (r.expected.length === 0) register.set(r.values.id_number!, r.values);
  const entities = new Set<string>();
  for (const r of legalEntityRecords(employers)) if (r.expected.length === 0) entities.add(r.values.credit_code!);

  const ageOf = (id: string) => {
    const check = checkIdNumber(id, today);
    if (!check.ok) throw new Error(id);
    return (Date.parse(today) - Date.parse(check.info.birthDate)) / (365.25 * 86_400_000);
  };

  it('social insurance: clean rows of registered persons aged 16+, unique per person and type, employers from the legal entity file', () => {
    const rows = [...socialInsuranceRecords({ population, employers, share: 0.5 })];
    const keys = new Set<string>();
    const persons = new Set<string>();
    for (const r of rows) {
      expect(r.expected).toEqual([]);
      const person = register.get(r.values.id_number!);
      expect(person).toBeDefined();
      expect(r.values.name).toBe(person!.name);
      expect(ageOf(r.values.id_number!)).toBeGreaterThanOrEqual(16);
      expect(['养老保险', '失业保险', '工伤保险']).toContain(r.values.insurance_type);
      expect(entities.has(r.values.credit_code!)).toBe(true);
      expect(checkCreditCode(r.values.credit_code!).ok).toBe(true);
      expect(Number(r.values.months_paid)).toBeGreaterThan(0);
      keys.add(`${r.values.id_number}|${r.values.insurance_type}`);
      persons.add(r.values.id_number!);
    }
    expect(keys.size).toBe(rows.length);
    expect(persons.size).toBeGreaterThan(3000);
    expect(persons.size).toBeLessThanOrEqual(5000);
  });

  it('medical insurance: one clean row per registered person, enrolled between birth and today', () => {
    const rows = [...medicalInsuranceRecords({ population })];
    expect(rows).toHaveLength(8000);
    const ids = new Set(rows.map((r) => r.values.id_number));
    expect(ids.size).toBe(rows.length);
    for (const r of rows) {
      const person = register.get(r.values.id_number!);
      expect(person?.name).toBe(r.values.name);
      expect(r.values.enrolled_on! >= person!.birth_date! && r.values.enrolled_on! <= today).toBe(true);
    }
  });

  it('housing fund: one clean row per registered person aged 18–60, with unique account numbers', () => {
    const rows = [...housingFundRecords({ population, share: 0.3 })];
    expect(new Set(rows.map((r) => r.values.id_number)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.values.account_no)).size).toBe(rows.length);
    for (const r of rows) {
      expect(register.get(r.values.id_number!)?.name).toBe(r.values.name);
      const age = ageOf(r.values.id_number!);
      expect(age >= 18 && age < 61.1).toBe(true);
      expect(r.values.monthly_amount).toMatch(/^\d+\.\d{2}$/);
      expect(r.values.account_no).toMatch(/^350500\d{9}$/);
    }
    expect(rows.length).toBeGreaterThan(1000);
  });

  it('is deterministic', () => {
    expect([...medicalInsuranceRecords({ population, share: 0.1 })]).toEqual([...medicalInsuranceRecords({ population, share: 0.1 })]);
  });
});
