// Citizen ID numbers (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
// (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. Legacy 15-digit numbers
// (before 1999) have a 6-digit birth date of the 1900s and no check character.
import { dateNumberOf, digitsAt, isRealDate } from './calendar.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// the same check characters as char codes, so the hot path compares numbers
const CHECK_CODES = Array.from(CHECK, (c) => c.charCodeAt(0));
// provinces, autonomous regions and municipalities (GB/T 2260), plus Taiwan, Hong Kong, Macao
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
  83,
];
// indexed by the two-digit province number: a lookup instead of a Set of substrings
const PROVINCE = new Uint8Array(100);
for (const p of PROVINCES) PROVINCE[p] = 1;

export type IdProblem = 'format' | 'region' | 'birth_date' | 'future_birth' | 'check_digit';

export interface IdNumberInfo {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
  region: string;
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/**
 * The first problem of an ID number written in its canonical form (digits and an upper-case X, no spaces),
 * or null when it is valid; `today` is yyyymmdd. Allocation-free: the quality rules call it per record.
 * A lower-case x is a format problem here: stored keys must match exactly, and cleansing repairs it.
 */
export function idNumberProblem(id: string, today: number): IdProblem | null {
  const n = id.length;
  let year: number, md: number;
  let sum = 0;
  if (n === 18) {
    // one pass checks the digits and sums the check-character weights
    for (let i = 0; i < 17; i++) {
      const c = id.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return 'format';
      sum += c * WEIGHTS[i]!;
    }
    const last = id.charCodeAt(17);
    if ((last < 48 || last > 57) && last !== 88) return 'format';
    // digits already checked; 48 * 1111 removes the '0' offset of the four characters at once
    year = id.charCodeAt(6) * 1000 + id.charCodeAt(7) * 100 + id.charCodeAt(8) * 10 + id.charCodeAt(9) - 53328;
    md = id.charCodeAt(10) * 1000 + id.charCodeAt(11) * 100 + id.charCodeAt(12) * 10 + id.charCodeAt(13) - 53328;
  } else if (n === 15) {
    if (digitsAt(id, 0, 8) < 0 || digitsAt(id, 8, 7) < 0) return 'format';
    year = 1900 + digitsAt(id, 6, 2);
    md = digitsAt(id, 8, 4);
  } else return 'format';
  if (PROVINCE[(id.charCodeAt(0) - 48) * 10 + id.charCodeAt(1) - 48] !== 1) return 'region';
  if (year < 1850 || !isRealDate(year, (md / 100) | 0, md % 100)) return 'birth_date';
  if (year * 10000 + md > today) return 'future_birth';
  if (n === 18 && CHECK_CODES[sum % 11] !== id.charCodeAt(17)) return 'check_digit';
  return null;
}

/** The birth date (yyyymmdd) written in a canonical ID number, without validating it. */
export function idBirthNumber(id: string): number {
  return id.length === 18 ? digitsAt(id, 6, 8) : 19000000 + digitsAt(id, 6, 6);
}

/** Whether a canonical ID number's sequence digit says male (odd) — GB/T 2261.1 code 1 — rather than female (2). */
export function idIsMale(id: string): boolean {
  return (id.charCodeAt(id.length === 18 ? 16 : 14) - 48) % 2 === 1;
}

/** Checks an ID number; `today` (YYYY-MM-DD) bounds the birth date. Returns the problem or the decoded facts. */
export function checkIdNumber(
  raw: string,
  today = new Date().toISOString().slice(0, 10),
): { ok: true; info: IdNumberInfo } | { ok: false; problem: IdProblem } {
  const id = raw.trim().toUpperCase();
  const problem = idNumberProblem(id, dateNumberOf(today));
  if (problem) return { ok: false, problem };
  const b = String(idBirthNumber(id));
  const birthDate = `${b.slice(0, 4)}-${b.slice(4, 6)}-${b.slice(6, 8)}`;
  return { ok: true, info: { birthDate, sex: idIsMale(id) ? 'male' : 'female', region: id.slice(0, 6) } };
}
