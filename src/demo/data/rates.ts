// Defect rates: fractions of a file's records. Each kind is injected into exactly round(rate × count)
// records, so a test can assert the pipeline's counts to the record.
export interface DefectRates {
  badCheckDigit: number;
  duplicate: number;
  missingPhone: number;
  futureBirth: number;
  messyButRepairable: number;
  conflictingAddress: number; // the low-income file only
}

export const DEFAULT_RATES: DefectRates = Object.freeze({
  badCheckDigit: 0.01,
  duplicate: 0.01,
  missingPhone: 0.02,
  futureBirth: 0.005,
  messyButRepairable: 0.03,
  conflictingAddress: 0.02,
});

export interface LegalEntityRates {
  badCheckDigit: number;
  futureEstablished: number;
  duplicate: number;
}

export const DEFAULT_LEGAL_ENTITY_RATES: LegalEntityRates = Object.freeze({
  badCheckDigit: 0.01,
  futureEstablished: 0.005,
  duplicate: 0.01,
});

/** Rates given over the defaults, each checked to be a fraction. */
export function mergeRates<R extends object>(defaults: R, given: Partial<R> | undefined): R {
  const merged = { ...defaults, ...given };
  for (const [kind, rate] of Object.entries(merged)) {
    if (!(kind in defaults)) throw new RangeError(`未知的缺陷类型：${kind} (unknown defect kind)`);
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw new RangeError(`缺陷比例须在 0 到 1 之间：${kind}=${String(rate)} (defect rates are fractions between 0 and 1)`);
    }
  }
  return merged;
}

export function defectCount(rate: number, count: number): number {
  return Math.round(rate * count);
}
