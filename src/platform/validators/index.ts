export { checkIdNumber, idCheckChar } from './gb11643.js';
export type { IdNumberInfo, IdProblem } from './gb11643.js';
export { checkCreditCode, creditCodeCheckChar } from './gb32100.js';
export type { CreditCodeProblem } from './gb32100.js';
export { isMobilePhone, isLandline, isEmail, luhnValid } from './common.js';
