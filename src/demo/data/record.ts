// One generated record and the ground truth that travels with it.
export interface GeneratedRecord {
  values: Record<string, string | null>; // element code → value as the department would send it
  expected: string[]; // the rule ids this record must raise; [] for a clean (or merely messy) record
}

export interface Column {
  code: string; // element code
  title: string; // header text: the element's Chinese name, or its code
}

/** The rule ids of the aggregation pipeline (`${kind}:${element}`) that the injected defects raise. */
export const RULE_IDS = {
  idNumber: 'id_number:id_number',
  duplicate: 'duplicate_record',
  missingPhone: 'required:phone',
  futureBirth: 'not_future:birth_date',
  idConsistency: 'id_consistency:id_number',
  conflictingAddress: 'authoritative:household_address',
  creditCode: 'credit_code:credit_code',
  futureEstablished: 'not_future:established_on',
} as const;

/** The seed used when a caller gives none. */
export const DEFAULT_SEED = 350500;
