// Citizen ID numbers (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
// (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. Legacy 15-digit numbers
// (before 1999) have a 6-digit birth date of the 1900s and no check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// provinces, autonomous regions and municipalities (GB/T 2260), plus Taiwan, Hong Kong, Macao
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

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

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Checks an ID number; `today` (YYYY-MM-DD) bounds the birth date. Returns the problem or the decoded facts. */
export function checkIdNumber(
  raw: string,
  today = new Date().toISOString().slice(0, 10),
): { ok: true; info: IdNumberInfo } | { ok: false; problem: IdProblem } {
  const id = raw.trim().toUpperCase();
  let year: number, month: number, day: number, seq: number;
  if (/^\d{17}[\dX]$/.test(id)) {
    year = Number(id.slice(6, 10));
    month = Number(id.slice(10, 12));
    day = Number(id.slice(12, 14));
    seq = Number(id.slice(14, 17));
  } else if (/^\d{15}$/.test(id)) {
    year = 1900 + Number(id.slice(6, 8));
    month = Number(id.slice(8, 10));
    day = Number(id.slice(10, 12));
    seq = Number(id.slice(12, 15));
  } else return { ok: false, problem: 'format' };
  if (!PROVINCES.has(id.slice(0, 2))) return { ok: false, problem: 'region' };
  if (year < 1850 || !realDate(year, month, day)) return { ok: false, problem: 'birth_date' };
  const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (birthDate > today) return { ok: false, problem: 'future_birth' };
  if (id.length === 18 && idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, info: { birthDate, sex: seq % 2 === 1 ? 'male' : 'female', region: id.slice(0, 6) } };
}
