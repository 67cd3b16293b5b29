// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character set
// (no I, O, S, V, Z), the last a MOD 31 check character.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// char code → value in CHARSET, -1 outside it: the hot path looks characters up instead of searching a string
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'format' | 'check_digit';

/**
 * The problem of a credit code written in its canonical form (upper case, no spaces), or null when valid.
 * Allocation-free for the quality rules. Positions 3–8 are the registering authority's region code: digits only.
 */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'format';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const c = code.charCodeAt(i);
    const v = c < 128 ? VALUE[c]! : -1;
    if (v < 0 || (i >= 2 && i < 8 && v > 9)) return 'format';
    if (i < 17) sum += v * WEIGHTS[i]!;
  }
  return VALUE[code.charCodeAt(17)] === (31 - (sum % 31)) % 31 ? null : 'check_digit';
}

export function checkCreditCode(raw: string): { ok: true } | { ok: false; problem: CreditCodeProblem } {
  const problem = creditCodeProblem(raw.trim().toUpperCase());
  return problem ? { ok: false, problem } : { ok: true };
}
