// ZJJ's 住房公积金缴存信息: housing provident fund accounts of persons aged 18–60, clean, one row per person.
import { KeyedPermutation } from './keyed-permutation.js';
import { PersonSample, type PopulationRef } from './person-sample.js';
import { Prng, streamSeed } from './prng.js';
import type { GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export interface HousingFundOptions {
  population: PopulationRef;
  share?: number; // fraction of the population considered, 0.3 by default; those outside 18–60 are skipped
}

const SAMPLE_TAG = 61;
const RECORD_STREAM = 62;
const ACCOUNT_KEY = 63;
const ACCOUNT_SPACE = 1_000_000_000;
const CONTRIBUTION_RATES = [5, 8, 10, 12]; // per cent, each of employee and employer

export function housingFundRecords(opts: HousingFundOptions): Iterable<GeneratedRecord> {
  const sample = new PersonSample(opts.population, opts.share ?? 0.3, SAMPLE_TAG);
  // account numbers unique by construction, like the ID numbers
  const accounts = new KeyedPermutation(ACCOUNT_SPACE, streamSeed(sample.seed, ACCOUNT_KEY, 0));
  return reiterable(function* () {
    const prng = new Prng(0);
    for (let i = 0; i < sample.size; i++) {
      const person = sample.person(i);
      const age = sample.persons.age(person);
      if (age < 18 || age > 60) continue;
      prng.reseed(streamSeed(sample.seed, RECORD_STREAM, i));
      const wage = prng.between(200, 2000) * 10; // yuan a month
      const monthlyCents = Math.round(wage * prng.pick(CONTRIBUTION_RATES) * 2);
      const months = prng.between(1, Math.max(1, Math.min(age - 18, 30) * 12));
      const balanceCents = Math.round(monthlyCents * months * (0.3 + 0.7 * prng.next()));
      yield {
        values: {
          id_number: person.idNumber,
          name: person.name,
          account_no: '350500' + String(accounts.forward(sample.position(i))).padStart(9, '0'),
          monthly_amount: (monthlyCents / 100).toFixed(2),
          balance: (balanceCents / 100).toFixed(2),
        },
        expected: [],
      };
    }
  });
}
