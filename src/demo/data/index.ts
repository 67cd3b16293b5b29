// The demo city's data: deterministic, fictitious records for the demo resources with defects
// injected at exact counts, the ground truth of the problems each record must raise, and the writers
// that put them in the files departments upload.
//
// What determines what: person i (name, ID number, addresses…) depends on (seed, i, today) only —
// `today` bounds the birth dates and so the ID number space; which records carry which defect depends
// on (seed, count, rates). The files drawn from the population (low-income, insurance, housing fund)
// take only persons whose population record is clean, so they must be given the same count, seed,
// today and rates as the population file they are checked against.
export type { GeneratedRecord, Column } from './record.js';
export { RULE_IDS, DEFAULT_SEED } from './record.js';
export type { DefectRates, LegalEntityRates } from './rates.js';
export { DEFAULT_RATES, DEFAULT_LEGAL_ENTITY_RATES } from './rates.js';
export type { PopulationOptions, PopulationDefect } from './population.js';
export { populationRecords, POPULATION_DEFECTS } from './population.js';
export type { PopulationRef } from './person-sample.js';
export type { LowIncomeOptions, LowIncomeDefect } from './low-income.js';
export { lowIncomeRecords, LOW_INCOME_DEFECTS } from './low-income.js';
export type { LegalEntityOptions, LegalEntityDefect } from './legal-entity.js';
export { legalEntityRecords, LEGAL_ENTITY_DEFECTS } from './legal-entity.js';
export type { LegalEntityRef } from './employer-pool.js';
export type { SocialInsuranceOptions } from './social-insurance.js';
export { socialInsuranceRecords } from './social-insurance.js';
export type { MedicalInsuranceOptions } from './medical-insurance.js';
export { medicalInsuranceRecords } from './medical-insurance.js';
export type { HousingFundOptions } from './housing-fund.js';
export { housingFundRecords } from './housing-fund.js';
export {
  POPULATION_COLUMNS,
  LOW_INCOME_COLUMNS,
  LEGAL_ENTITY_COLUMNS,
  SOCIAL_INSURANCE_COLUMNS,
  MEDICAL_INSURANCE_COLUMNS,
  HOUSING_FUND_COLUMNS,
  codeTitled,
} from './columns.js';
export type { WriteRecordsOptions, RecordFormat, TextEncoding } from './write-records.js';
export { writeRecords } from './write-records.js';
