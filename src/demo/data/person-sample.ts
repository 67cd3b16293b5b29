// The persons another department's file is about: a share of the population, drawn only from the
// population file's clean records, so each of them is in the register exactly as generated (a person
// whose register record was rejected or mangled would make the other file's checks ambiguous).
import type { DefectPlan } from './defect-plan.js';
import { KeyedPermutation } from './keyed-permutation.js';
import { PersonFactory, type Person } from './person.js';
import { checkedCount, checkedSeed, populationPlan, type PopulationDefect } from './population.js';
import { streamSeed } from './prng.js';
import { DEFAULT_RATES, mergeRates, type DefectRates } from './rates.js';

/** The population file the persons come from: the same count, seed, today and rates it was generated with. */
export interface PopulationRef {
  count: number;
  seed?: number;
  today: string;
  rates?: Partial<DefectRates>; // the population file's rates, DEFAULT_RATES when not given
}

export class PersonSample {
  readonly size: number;
  readonly seed: number;
  readonly persons: PersonFactory;
  private readonly plan: DefectPlan<PopulationDefect>;
  private readonly order: KeyedPermutation;

  constructor(population: PopulationRef, share: number, tag: number) {
    const count = checkedCount(population.count);
    this.seed = checkedSeed(population.seed);
    this.plan = populationPlan(count, this.seed, mergeRates(DEFAULT_RATES, population.rates));
    this.persons = new PersonFactory(this.seed, count, population.today);
    if (!(share >= 0 && share <= 1)) throw new RangeError(`比例须在 0 到 1 之间：${share} (share is a fraction between 0 and 1)`);
    this.size = Math.round(share * count);
    if (this.size > this.plan.clean) {
      throw new RangeError(
        `比例过大：人口文件只有 ${this.plan.clean} 条正确记录 (share ${share} needs more persons than the population file's ${this.plan.clean} clean records)`,
      );
    }
    this.order = new KeyedPermutation(this.plan.clean, streamSeed(this.seed, tag, 0));
  }

  /** The population file's record position of the i-th sampled person. */
  position(i: number): number {
    return this.plan.cleanPosition(this.order.forward(i));
  }

  person(i: number): Person {
    return this.persons.person(this.position(i));
  }
}
