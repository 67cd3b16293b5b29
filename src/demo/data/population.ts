// GAJ's 人口基本信息: the population register, with defects injected at exact counts.
import { DATE_SPELLINGS, isoOf, spellDate } from './calendar.js';
import { DefectPlan } from './defect-plan.js';
import { fullWidthDigits, internationalPhone, padWithSpaces, sexInChinese, spacedPhone } from './messy.js';
import { PersonFactory, type Person } from './person.js';
import { Prng, streamSeed } from './prng.js';
import { DEFAULT_RATES, defectCount, mergeRates, type DefectRates } from './rates.js';
import { DEFAULT_SEED, RULE_IDS, type GeneratedRecord } from './record.js';
import { reiterable } from './reiterable.js';

export const POPULATION_DEFECTS = ['badCheckDigit', 'duplicate', 'missingPhone', 'futureBirth', 'messyButRepairable'] as const;
export type PopulationDefect = (typeof POPULATION_DEFECTS)[number];

export interface PopulationOptions {
  count: number;
  seed?: number;
  rates?: Partial<DefectRates>; // over DEFAULT_RATES; conflictingAddress does not apply here
  today: string; // YYYY-MM-DD: clean birth dates are on or before it, future ones after it
}

const PLAN_KEY = 11;
const DEFECT_STREAM = 12;
const CHECK_CHARS = '0123456789X';

export function checkedCount(count: number): number {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`记录数须为非负整数：${count} (count must be a non-negative integer)`);
  return count;
}

export function checkedSeed(seed: number | undefined): number {
  const s = seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(s)) throw new RangeError(`种子须为整数：${s} (seed must be an integer)`);
  return s;
}

/** Which population record carries which defect; the files drawn from the population use it to pick clean persons. */
export function populationPlan(count: number, seed: number, rates: DefectRates): DefectPlan<PopulationDefect> {
  const counts = Object.fromEntries(POPULATION_DEFECTS.map((k) => [k, defectCount(rates[k], count)])) as Record<PopulationDefect, number>;
  return new DefectPlan(count, streamSeed(seed, PLAN_KEY, 0), POPULATION_DEFECTS, counts);
}

/** The register's record of a person as the authoritative department holds it. */
export function populationValues(p: Person): Record<string, string | null> {
  return {
    name: p.name,
    sex: p.male ? '1' : '2',
    id_number: p.idNumber,
    birth_date: p.birthDate,
    phone: p.phone,
    household_address: p.householdAddress,
    ethnicity: p.ethnicity,
    residence_address: p.residenceAddress,
  };
}

export function wrongCheckChar(id: string, prng: Prng): string {
  const right = CHECK_CHARS.indexOf(id[17]!);
  return id.slice(0, 17) + CHECK_CHARS[(right + 1 + prng.int(CHECK_CHARS.length - 1)) % CHECK_CHARS.length];
}

type Mess = 'birth' | 'phone' | 'sex' | 'spaces' | 'id';
const MESSES: readonly Mess[] = ['birth', 'phone', 'sex', 'spaces'];
const SPACED_FIELDS = ['name', 'household_address', 'residence_address', 'id_number'];

function mess(values: Record<string, string | null>, p: Person, kind: Mess, prng: Prng): void {
  if (kind === 'birth') values.birth_date = spellDate(p.birthDay, prng.pick(DATE_SPELLINGS));
  else if (kind === 'phone') {
    const how = prng.int(3);
    values.phone = how === 0 ? internationalPhone(p.phone) : how === 1 ? spacedPhone(p.phone) : fullWidthDigits(p.phone);
  } else if (kind === 'sex') values.sex = sexInChinese(values.sex!);
  else if (kind === 'id') values.id_number = values.id_number!.toLowerCase();
  else {
    const field = prng.pick(SPACED_FIELDS);
    values[field] = padWithSpaces(prng, values[field]!);
  }
}

/** Makes a record messy in one or two ways; an ID number ending in X always gets a lower-case x. */
function messUp(values: Record<string, string | null>, p: Person, prng: Prng): void {
  const first = p.idNumber.endsWith('X') ? 'id' : prng.pick(MESSES);
  mess(values, p, first, prng);
  if (prng.chance(0.3)) {
    const others = MESSES.filter((m) => m !== first);
    mess(values, p, prng.pick(others), prng);
  }
}

export function populationRecords(opts: PopulationOptions): Iterable<GeneratedRecord> {
  const count = checkedCount(opts.count);
  const seed = checkedSeed(opts.seed);
  const plan = populationPlan(count, seed, mergeRates(DEFAULT_RATES, opts.rates));
  const persons = new PersonFactory(seed, count, opts.today);
  return reiterable(function* () {
    const prng = new Prng(0);
    for (let i = 0; i < count; i++) {
      const kind = plan.kindAt(i);
      prng.reseed(streamSeed(seed, DEFECT_STREAM, i));
      if (kind === 'duplicate') {
        const source = plan.duplicateSource(i, prng);
        yield { values: populationValues(persons.person(source)), expected: [RULE_IDS.duplicate] };
        continue;
      }
      const person = persons.person(i);
      const values = populationValues(person);
      if (kind === null) {
        yield { values, expected: [] };
      } else if (kind === 'badCheckDigit') {
        values.id_number = wrongCheckChar(person.idNumber, prng);
        // the record is rejected on its ID number; rules that read the ID number are not run
        yield { values, expected: [RULE_IDS.idNumber] };
      } else if (kind === 'missingPhone') {
        values.phone = null;
        yield { values, expected: [RULE_IDS.missingPhone] };
      } else if (kind === 'futureBirth') {
        values.birth_date = isoOf(persons.today + prng.between(1, 3650));
        yield { values, expected: [RULE_IDS.futureBirth, RULE_IDS.idConsistency] };
      } else {
        messUp(values, person, prng);
        yield { values, expected: [] };
      }
    }
  });
}
