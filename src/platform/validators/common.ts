// Everyday formats: mainland mobile and landline phones, e-mail, bank card numbers (Luhn).
export function isMobilePhone(s: string): boolean {
  return /^(?:\+?86[- ]?)?1[3-9]\d{9}$/.test(s.replace(/[\s-]/g, ''));
}

export function isLandline(s: string): boolean {
  return /^0\d{2,3}-?\d{7,8}$/.test(s.trim());
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Whether `s` is a phone number in its canonical form: an 11-digit mobile `13800138000` or a landline
 * `0595-12345678` (area codes 010 and 02x have three digits, all others four; the local number 7–8 digits
 * not starting with 0). Allocation-free for the quality rules.
 */
export function isCanonicalPhone(s: string): boolean {
  const n = s.length;
  const c0 = s.charCodeAt(0);
  const c1 = s.charCodeAt(1);
  if (c0 === 49) return n === 11 && c1 >= 51 && c1 <= 57 && allDigits(s, 2, 11);
  if (c0 !== 48) return false;
  const area = c1 === 49 || c1 === 50 ? 3 : 4;
  const local = n - area - 1;
  const l0 = s.charCodeAt(area + 1);
  return (
    local >= 7 && local <= 8 && s.charCodeAt(area) === 45 && l0 >= 49 && l0 <= 57 && allDigits(s, 1, area) && allDigits(s, area + 1, n)
  );
}

const PHONE_SEPARATORS = /[\s().-]/g;

/**
 * The canonical form of a mainland phone number written with a country code, spaces, hyphens, dots or
 * parentheses (`+86 138-0013-8000`, `86-13800138000`, `(0595) 1234 5678`), or null when it is not one
 * with certainty — a number without area code, a foreign number or an extension is left to the caller.
 */
export function normalizePhone(raw: string): string | null {
  let digits = raw.replace(PHONE_SEPARATORS, '');
  const plus = digits.charCodeAt(0) === 43;
  if (plus) digits = digits.slice(1);
  if (digits.length === 0 || !allDigits(digits, 0, digits.length)) return null;
  let international = plus;
  if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  } else if (digits.startsWith('86') && (plus || digits.length >= 12)) {
    // no domestic number starts with 86 and is that long: it is the country code
    digits = digits.slice(2);
    international = true;
  } else if (plus) return null;
  // abroad the area code is dialled without its leading 0
  if (international && digits[0] !== '1' && digits[0] !== '0') digits = '0' + digits;
  if (digits[0] === '1') return digits.length === 11 && isCanonicalPhone(digits) ? digits : null;
  if (digits[0] !== '0') return null;
  const area = digits[1] === '1' || digits[1] === '2' ? 3 : 4;
  const phone = `${digits.slice(0, area)}-${digits.slice(area)}`;
  return isCanonicalPhone(phone) ? phone : null;
}

export function isEmail(s: string): boolean {
  return /^[^\s@<>"']{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,}$/.test(s.trim());
}

export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
