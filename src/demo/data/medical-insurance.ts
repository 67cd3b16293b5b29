// YBJ's 医疗保险参保信息: basic medical insurance of persons of every age, clean, one row per person.
import { dayOf, isoOf } from './calendar.js';
import { PersonSample, type PopulationRef } from './person-sample.js';
import { Prng, streamSeed } from './prng.js';
import type { GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export interface MedicalInsuranceOptions {
  population: PopulationRef;
  share?: number; // fraction of the population insured, 0.8 by default
}

const SAMPLE_TAG = 51;
const RECORD_STREAM = 52;
const FIRST_ENROLMENT = dayOf('2000-01-01');

export function medicalInsuranceRecords(opts: MedicalInsuranceOptions): Iterable<GeneratedRecord> {
  const sample = new PersonSample(opts.population, opts.share ?? 0.8, SAMPLE_TAG);
  const today = sample.persons.today;
  return reiterable(function* () {
    const prng = new Prng(0);
    for (let i = 0; i < sample.size; i++) {
      const person = sample.person(i);
      const age = sample.persons.age(person);
      prng.reseed(streamSeed(sample.seed, RECORD_STREAM, i));
      const employed = age >= 16 && age < 60 && prng.chance(0.6);
      const from = Math.min(Math.max(FIRST_ENROLMENT, person.birthDay), today);
      yield {
        values: {
          id_number: person.idNumber,
          name: person.name,
          scheme: employed ? '职工基本医疗保险' : '城乡居民基本医疗保险',
          status: prng.chance(0.96) ? '正常参保' : '暂停参保',
          enrolled_on: isoOf(from + prng.int(today - from + 1)),
        },
        expected: [],
      };
    }
  });
}
