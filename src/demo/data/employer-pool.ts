// Employers for the person-keyed files: clean records of the legal entity file generated with the
// same options, so every employer's credit code is one the legal entity register holds.
import type { DefectPlan } from './defect-plan.js';
import { LegalEntityFactory, legalEntityPlan, type LegalEntityDefect } from './legal-entity.js';
import { checkedCount, checkedSeed } from './population.js';
import type { Prng } from './prng.js';
import { DEFAULT_LEGAL_ENTITY_RATES, mergeRates, type LegalEntityRates } from './rates.js';

/** The legal entity file the employers come from: the same count, seed, today and rates it was generated with. */
export interface LegalEntityRef {
  count: number;
  seed?: number;
  today: string;
  rates?: Partial<LegalEntityRates>;
}

export class EmployerPool {
  private readonly plan: DefectPlan<LegalEntityDefect>;
  private readonly entities: LegalEntityFactory;

  constructor(ref: LegalEntityRef) {
    const count = checkedCount(ref.count);
    const seed = checkedSeed(ref.seed);
    this.plan = legalEntityPlan(count, seed, mergeRates(DEFAULT_LEGAL_ENTITY_RATES, ref.rates));
    if (this.plan.clean < 1)
      throw new RangeError('法人文件没有正确记录可作为用人单位 (the legal entity file has no clean record to employ anyone)');
    this.entities = new LegalEntityFactory(seed, count, ref.today);
  }

  creditCode(prng: Prng): string {
    return this.entities.code(this.plan.cleanPosition(prng.int(this.plan.clean))).creditCode;
  }
}

/** The employers when the caller names none: a legal entity file a twentieth the size of the population. */
export function defaultEmployers(population: { count: number; seed?: number; today: string }): LegalEntityRef {
  return { count: Math.max(1, Math.ceil(population.count / 20)), seed: population.seed, today: population.today };
}
