// RSJ's 社会保险参保信息: pension, unemployment and work-injury insurance of working-age persons,
// clean, one row per person and insurance type (the resource's key), employers from the legal entity file.
import { EmployerPool, defaultEmployers, type LegalEntityRef } from './employer-pool.js';
import { PersonSample, type PopulationRef } from './person-sample.js';
import { Prng, streamSeed } from './prng.js';
import type { GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export interface SocialInsuranceOptions {
  population: PopulationRef;
  share?: number; // fraction of the population considered, 0.5 by default; those under 16 are skipped
  employers?: LegalEntityRef; // by default a legal entity file a twentieth the population's size, same seed
}

const SAMPLE_TAG = 41;
const RECORD_STREAM = 42;

export function socialInsuranceRecords(opts: SocialInsuranceOptions): Iterable<GeneratedRecord> {
  const sample = new PersonSample(opts.population, opts.share ?? 0.5, SAMPLE_TAG);
  const employers = new EmployerPool(opts.employers ?? defaultEmployers(opts.population));
  return reiterable(function* () {
    const prng = new Prng(0);
    for (let i = 0; i < sample.size; i++) {
      const person = sample.person(i);
      const age = sample.persons.age(person);
      if (age < 16) continue;
      prng.reseed(streamSeed(sample.seed, RECORD_STREAM, i));
      const retired = age >= 60;
      const status = retired ? '待遇领取' : prng.chance(0.92) ? '参保缴费' : '暂停缴费';
      const employer = employers.creditCode(prng);
      const months = retired ? prng.between(180, 480) : prng.between(1, Math.max(1, Math.min((age - 16) * 12, 480)));
      const row = (insuranceType: string, st: string): GeneratedRecord => ({
        values: {
          id_number: person.idNumber,
          name: person.name,
          insurance_type: insuranceType,
          status: st,
          credit_code: employer,
          months_paid: String(months),
        },
        expected: [],
      });
      yield row('养老保险', status);
      if (!retired && prng.chance(0.8)) yield row('失业保险', status);
      if (!retired && prng.chance(0.75)) yield row('工伤保险', status);
    }
  });
}
