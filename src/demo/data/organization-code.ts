// The 9-character organisation code (GB 11714) that forms characters 9–17 of a unified social credit
// code: eight body characters and a MOD 11 check character. GB 32100 does not re-check it, but a
// generated code should be right all the way down.
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function organizationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55; // 0–9, then A=10 … Z=35
    sum += v * WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
