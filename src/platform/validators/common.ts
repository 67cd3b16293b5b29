// Everyday formats: mainland mobile and landline phones, e-mail, bank card numbers (Luhn).
export function isMobilePhone(s: string): boolean {
  return /^(?:\+?86[- ]?)?1[3-9]\d{9}$/.test(s.replace(/[\s-]/g, ''));
}

export function isLandline(s: string): boolean {
  return /^0\d{2,3}-?\d{7,8}$/.test(s.trim());
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
