export { checkIdNumber, idCheckChar, idNumberProblem, idBirthNumber, idIsMale } from './gb11643.js';
export type { IdNumberInfo, IdProblem } from './gb11643.js';
export { checkCreditCode, creditCodeCheckChar, creditCodeProblem } from './gb32100.js';
export type { CreditCodeProblem } from './gb32100.js';
export { isMobilePhone, isLandline, isEmail, luhnValid, isCanonicalPhone, normalizePhone } from './common.js';
export { isLeapYear, daysInMonth, isRealDate, digitsAt, isoDateNumber, dateNumberOf } from './calendar.js';
