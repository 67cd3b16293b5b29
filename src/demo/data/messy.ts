// Spellings that departments really send and that cleansing must repair without raising a problem:
// other date formats, phone numbers with a country code, separators or full-width digits, a lower-case
// x check character, 男/女 for the sex code, stray spaces around a value.
import type { Prng } from './prng.js';

export function internationalPhone(phone: string): string {
  return `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
}

export function spacedPhone(phone: string): string {
  return `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
}

/** ０–９ (U+FF10–FF19) for ASCII digits, as Chinese input methods type them in full-width mode. */
export function fullWidthDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48));
}

export function sexInChinese(code: string): string {
  return code === '1' ? '男' : '女';
}

/** Leading, trailing or both. */
export function padWithSpaces(prng: Prng, s: string): string {
  const where = prng.int(3);
  return (where === 1 ? '' : prng.pick([' ', '  '])) + s + (where === 0 ? '' : prng.pick([' ', '  ']));
}
