import { describe, expect, it } from 'vitest';
import { checkIdNumber, isMobilePhone } from '../../platform/validators/index.js';
import { DEFAULT_RATES, POPULATION_DEFECTS, RULE_IDS, populationRecords, type GeneratedRecord } from './index.js';
import { QUANZHOU_REGIONS } from './places.js';

const today = '2026-11-27';
const REGIONS = new Set(QUANZHOU_REGIONS.map((r) => r.code));

// What cleansing does to a messy record, written independently here so the test checks that the mess is repairable.
function cleanse(v: Record<string, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, raw] of Object.entries(v)) out[k] = raw === null ? null : raw.normalize('NFKC').trim();
  if (out.sex === '男') out.sex = '1';
  if (out.sex === '女') out.sex = '2';
  out.id_number = out.id_number!.toUpperCase();
  if (out.phone) out.phone = out.phone.replace(/[\s-]/g, '').replace(/^\+86/, '');
  const b = out.birth_date!;
  const m = /^(\d{4})[/年](\d{1,2})[/月](\d{1,2})日?$/.exec(b) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(b);
  if (m) out.birth_date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return out;
}

function tally(records: GeneratedRecord[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const r of records) for (const rule of r.expected) t[rule] = (t[rule] ?? 0) + 1;
  return t;
}

describe('population records', () => {
  const count = 20_000;
  const records = [...populationRecords({ count, seed: 11, today })];

  it('is deterministic for a seed and differs for another', () => {
    const iterable = populationRecords({ count, seed: 11, today });
    expect([...iterable]).toEqual(records);
    expect([...iterable]).toEqual(records); // iterating again starts afresh
    const other = [...populationRecords({ count: 500, seed: 12, today })];
    expect(other.filter((r, i) => r.values.id_number === records[i]!.values.id_number).length).toBeLessThan(5);
  });

  it('injects exactly round(rate × count) records of each kind, one kind per record at most', () => {
    const n = (rate: number) => Math.round(rate * count);
    expect(tally(records)).toEqual({
      [RULE_IDS.idNumber]: n(DEFAULT_RATES.badCheckDigit),
      [RULE_IDS.duplicate]: n(DEFAULT_RATES.duplicate),
      [RULE_IDS.missingPhone]: n(DEFAULT_RATES.missingPhone),
      [RULE_IDS.futureBirth]: n(DEFAULT_RATES.futureBirth),
      [RULE_IDS.idConsistency]: n(DEFAULT_RATES.futureBirth),
    });
    const shapes = new Set(records.map((r) => r.expected.join('+')));
    expect([...shapes].sort()).toEqual(
      ['', 'duplicate_record', 'id_number:id_number', 'not_future:birth_date+id_consistency:id_number', 'required:phone'].sort(),
    );
  });

  it('honours other rates exactly, with zero meaning none', () => {
    const rates = { badCheckDigit: 0.125, duplicate: 0.0333, missingPhone: 0, futureBirth: 0.001, messyButRepairable: 0.5 };
    const rs = [...populationRecords({ count: 3001, seed: 5, today, rates })];
    expect(tally(rs)).toEqual({
      [RULE_IDS.idNumber]: Math.round(0.125 * 3001),
      [RULE_IDS.duplicate]: Math.round(0.0333 * 3001),
      [RULE_IDS.futureBirth]: 3,
      [RULE_IDS.idConsistency]: 3,
    });
  });

  it('gives every record that must raise nothing a valid, unique ID number consistent with its sex and birth date', () => {
    const ids = new Set<string>();
    const problems: string[] = []; // gathered, not asserted one by one: 20,000 records × ten checks
    let clean = 0;
    for (const r of records) {
      if (r.expected.length > 0) continue;
      clean++;
      const v = cleanse(r.values);
      const check = checkIdNumber(v.id_number!, today);
      if (!check.ok) {
        problems.push(`${v.id_number}: ${check.problem}`);
        continue;
      }
      const fine =
        REGIONS.has(check.info.region) &&
        check.info.birthDate === v.birth_date &&
        v.birth_date >= '1930-01-01' &&
        v.birth_date <= '2020-12-31' &&
        v.sex === (check.info.sex === 'male' ? '1' : '2') &&
        isMobilePhone(v.phone!) &&
        /^1[3-9]\d{9}$/.test(v.phone!) &&
        /^福建省泉州市.+示例.+\d+号/.test(v.household_address!) &&
        /^福建省泉州市/.test(v.residence_address!) &&
        /^\d{2}$/.test(v.ethnicity!) &&
        /^[\u4e00-\u9fff]{2,3}$/.test(v.name!);
      if (!fine) problems.push(JSON.stringify(r.values));
      ids.add(v.id_number!);
    }
    expect(problems).toEqual([]);
    expect(clean).toBe(count - Math.round(count * 0.045));
    expect(ids.size).toBe(clean);
  });

  it('makes each kind of defect what it says', () => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      const rule = r.expected[0];
      if (rule === RULE_IDS.idNumber) expect(checkIdNumber(r.values.id_number!, today)).toEqual({ ok: false, problem: 'check_digit' });
      if (rule === RULE_IDS.missingPhone) expect(r.values.phone).toBeNull();
      if (rule === RULE_IDS.futureBirth) {
        expect(r.values.birth_date! > today).toBe(true);
        const id = checkIdNumber(r.values.id_number!, today);
        expect(id.ok && id.info.birthDate !== r.values.birth_date).toBe(true);
      }
      if (rule === RULE_IDS.duplicate) {
        const original = records.findIndex((o) => o.values.id_number === r.values.id_number);
        expect(original).toBeLessThan(i);
        expect(records[original]!.expected).toEqual([]);
        expect(records[original]!.values).toEqual(r.values);
      }
      if (rule === undefined) {
        const v = r.values;
        if (v.id_number!.endsWith('x')) seen.add('lower-case x');
        if (/^\d{4}\/\d{1,2}\/\d{1,2}$/.test(v.birth_date!)) seen.add('1985/3/7');
        if (/^\d{8}$/.test(v.birth_date!)) seen.add('19850307');
        if (/年/.test(v.birth_date!)) seen.add('1985年3月7日');
        if (v.phone!.startsWith('+86 ')) seen.add('+86');
        if (/^\d{3} \d{4} \d{4}$/.test(v.phone!)) seen.add('spaced phone');
        if (/[０-９]/.test(v.phone!)) seen.add('full-width');
        if (v.sex === '男' || v.sex === '女') seen.add('男/女');
        if (Object.values(v).some((x) => x !== null && x !== x.trim())) seen.add('spaces');
      }
    });
    expect([...seen].sort()).toEqual(
      ['lower-case x', '1985/3/7', '19850307', '1985年3月7日', '+86', 'spaced phone', 'full-width', '男/女', 'spaces'].sort(),
    );
  });

  it('keeps clean birth dates on or before today', () => {
    const early = [...populationRecords({ count: 2000, seed: 3, today: '2001-06-30', rates: { futureBirth: 0 } })];
    for (const r of early) if (r.expected.length === 0) expect(cleanse(r.values).birth_date! <= '2001-06-30').toBe(true);
  });

  it('checks its options when called', () => {
    expect(() => populationRecords({ count: 10, today, rates: { badCheckDigit: 1.5 } })).toThrow(RangeError);
    expect(() => populationRecords({ count: 10, today, rates: { badCheckDigit: 0.5, duplicate: 0.5 } })).toThrow(RangeError);
    expect(() => populationRecords({ count: -1, today })).toThrow(RangeError);
    expect(() => populationRecords({ count: 10, today, rates: { badCheckDigits: 0.1 } as never })).toThrow(/unknown defect kind/);
    expect(() => populationRecords({ count: 10, today: '2026-02-30' })).toThrow(RangeError);
    expect(POPULATION_DEFECTS).toHaveLength(5);
  });
});
