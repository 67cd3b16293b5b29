// The fictitious residents of the demo city. Person i is a pure function of (seed, i, today), so the
// population file, the low-income file and the insurance files agree on every person without sharing
// state, and any person can be rebuilt on demand.
//
// ID numbers are unique by construction: a keyed permutation maps i to a distinct cell of the space
// region × birth day × sequence pair, and the sex only picks the odd or even member of the pair.
import { idCheckChar } from '../../platform/validators/index.js';
import { DayTable, dayOf } from './calendar.js';
import { KeyedPermutation } from './keyed-permutation.js';
import { personName } from './names.js';
import { QUANZHOU_REGIONS, streetAddress, weightedRegion } from './places.js';
import { Prng, cumulativeOf, pickWeighted, streamSeed } from './prng.js';

export interface Person {
  index: number;
  name: string;
  male: boolean;
  idNumber: string;
  birthDay: number; // days since 1970-01-01
  birthDate: string; // YYYY-MM-DD
  phone: string;
  householdAddress: string;
  residenceAddress: string;
  ethnicity: string; // GB/T 3304
}

const FIRST_BIRTH = dayOf('1930-01-01');
const LAST_BIRTH = dayOf('2020-12-31');
const SEQUENCE_PAIRS = 499; // sequences 001–998: odd for men, even for women
const PERSON_STREAM = 1;
const ID_SPACE_KEY = 2;

// Han 汉 (01) and the minorities most present in southern Fujian: Hui 回 (03), She 畲 (22), Miao 苗 (06),
// Tujia 土家 (15), Zhuang 壮 (08).
const ETHNICITIES = ['01', '03', '22', '06', '15', '08'];
const ETHNICITY_CUMULATIVE = cumulativeOf([9700, 120, 80, 40, 30, 30]);
const MOBILE_SECOND_DIGITS = [...'3333355557788889999'];

export class PersonFactory {
  readonly today: number;
  readonly days: DayTable;
  private readonly ids: KeyedPermutation;
  private readonly prng = new Prng(0);

  constructor(
    readonly seed: number,
    readonly count: number,
    today: string,
  ) {
    this.today = dayOf(today);
    this.days = new DayTable(FIRST_BIRTH, Math.min(LAST_BIRTH, this.today));
    const space = QUANZHOU_REGIONS.length * this.days.size * SEQUENCE_PAIRS;
    if (this.days.size < 1 || count > space) {
      throw new RangeError(`人口规模 ${count} 超出可生成的身份号码数 (population larger than the ID number space)`);
    }
    this.ids = new KeyedPermutation(space, streamSeed(seed, ID_SPACE_KEY, 0));
  }

  person(index: number): Person {
    const prng = this.prng.reseed(streamSeed(this.seed, PERSON_STREAM, index));
    const male = prng.chance(0.5);
    let cell = this.ids.forward(index);
    const region = QUANZHOU_REGIONS[cell % QUANZHOU_REGIONS.length]!;
    cell = Math.floor(cell / QUANZHOU_REGIONS.length);
    const dayOffset = cell % this.days.size;
    const pair = Math.floor(cell / this.days.size);
    const sequence = 2 * pair + (male ? 1 : 2);
    const first17 = region.code + this.days.compact[dayOffset] + String(sequence).padStart(3, '0');
    // most people are registered where they were born; the rest anywhere in the city
    const home = prng.chance(0.7) ? region : weightedRegion(prng);
    const householdAddress = streetAddress(prng, home);
    return {
      index,
      name: personName(prng, male),
      male,
      idNumber: first17 + idCheckChar(first17),
      birthDay: this.days.first + dayOffset,
      birthDate: this.days.iso[dayOffset]!,
      phone: '1' + prng.pick(MOBILE_SECOND_DIGITS) + String(prng.int(1_000_000_000)).padStart(9, '0'),
      householdAddress,
      residenceAddress: prng.chance(0.55) ? householdAddress : streetAddress(prng, weightedRegion(prng)),
      ethnicity: pickWeighted(prng, ETHNICITIES, ETHNICITY_CUMULATIVE),
    };
  }

  /** Age in whole years on `today` (close enough for choosing who works or draws a pension). */
  age(person: Person): number {
    return Math.floor((this.today - person.birthDay) / 365.25);
  }
}
