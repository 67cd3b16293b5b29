// MZJ's 最低生活保障对象信息: low-income allowance recipients, a share of the population. Its household
// address must agree with the population register (GAJ is the authoritative source), so the injected
// conflicting addresses are the ones an authoritative-source check must find.
import { DATE_SPELLINGS, dayOf, isoOf, spellDate } from './calendar.js';
import { DefectPlan } from './defect-plan.js';
import { padWithSpaces } from './messy.js';
import { PersonSample, type PopulationRef } from './person-sample.js';
import { streetAddress, weightedRegion } from './places.js';
import { wrongCheckChar } from './population.js';
import { Prng, streamSeed } from './prng.js';
import { DEFAULT_RATES, defectCount, mergeRates, type DefectRates } from './rates.js';
import { RULE_IDS, type GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export const LOW_INCOME_DEFECTS = ['badCheckDigit', 'duplicate', 'messyButRepairable', 'conflictingAddress'] as const;
export type LowIncomeDefect = (typeof LOW_INCOME_DEFECTS)[number];

export interface LowIncomeOptions {
  population: PopulationRef;
  share: number; // fraction of the population receiving the allowance
  rates?: Partial<DefectRates>; // over DEFAULT_RATES; missingPhone and futureBirth do not apply (no such elements)
}

const SAMPLE_TAG = 21;
const PLAN_KEY = 22;
const RECORD_STREAM = 23;
const DEFECT_STREAM = 24;
const FIRST_APPROVAL = dayOf('2012-01-01');

export function lowIncomeRecords(opts: LowIncomeOptions): Iterable<GeneratedRecord> {
  const sample = new PersonSample(opts.population, opts.share, SAMPLE_TAG);
  const rates = mergeRates(DEFAULT_RATES, opts.rates);
  const count = sample.size;
  const counts = Object.fromEntries(LOW_INCOME_DEFECTS.map((k) => [k, defectCount(rates[k], count)])) as Record<LowIncomeDefect, number>;
  const plan = new DefectPlan(count, streamSeed(sample.seed, PLAN_KEY, 0), LOW_INCOME_DEFECTS, counts);
  const today = sample.persons.today;
  const recordPrng = new Prng(0);

  // The department's own facts about recipient i (the same every time, so a duplicate can rebuild them).
  const clean = (i: number) => {
    const person = sample.person(i);
    recordPrng.reseed(streamSeed(sample.seed, RECORD_STREAM, i));
    const from = Math.min(Math.max(FIRST_APPROVAL, person.birthDay), today);
    const approved = from + recordPrng.int(today - from + 1);
    const values: Record<string, string | null> = {
      id_number: person.idNumber,
      name: person.name,
      household_address: person.householdAddress,
      monthly_allowance: (recordPrng.between(40, 190) * 5).toFixed(2),
      approved_on: isoOf(approved),
    };
    return { person, values, approved };
  };

  return reiterable(function* () {
    const prng = new Prng(0);
    for (let i = 0; i < count; i++) {
      const kind = plan.kindAt(i);
      prng.reseed(streamSeed(sample.seed, DEFECT_STREAM, i));
      if (kind === 'duplicate') {
        yield { values: clean(plan.duplicateSource(i, prng)).values, expected: [RULE_IDS.duplicate] };
        continue;
      }
      const { person, values, approved } = clean(i);
      if (kind === null) {
        yield { values, expected: [] };
      } else if (kind === 'badCheckDigit') {
        values.id_number = wrongCheckChar(person.idNumber, prng);
        yield { values, expected: [RULE_IDS.idNumber] };
      } else if (kind === 'conflictingAddress') {
        let address = person.householdAddress;
        while (address === person.householdAddress) address = streetAddress(prng, weightedRegion(prng));
        values.household_address = address;
        yield { values, expected: [RULE_IDS.conflictingAddress] };
      } else {
        if (person.idNumber.endsWith('X')) values.id_number = person.idNumber.toLowerCase();
        else if (prng.chance(0.5)) values.approved_on = spellDate(approved, prng.pick(DATE_SPELLINGS));
        else {
          const field = prng.pick(['name', 'household_address', 'id_number']);
          values[field] = padWithSpaces(prng, values[field]!);
        }
        yield { values, expected: [] };
      }
    }
  });
}
