// Calendar arithmetic on character codes. The rule engine checks millions of dates a second, so these
// helpers allocate nothing and build no Date objects; a date is handled as the number yyyymmdd.

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether y-m-d exists in the (proleptic Gregorian) calendar; years 1–9999. */
export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The number made by the `n` decimal digits of `s` starting at `at`, or -1 if any of them is not a digit. */
export function digitsAt(s: string, at: number, n: number): number {
  if (at + n > s.length) return -1;
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** A real calendar date written `YYYY-MM-DD` at position `at` of `s`, as yyyymmdd; -1 when malformed or impossible. */
export function isoDateNumber(s: string, at = 0): number {
  if (s.length < at + 10 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return -1;
  const y = digitsAt(s, at, 4);
  const m = digitsAt(s, at + 5, 2);
  const d = digitsAt(s, at + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !isRealDate(y, m, d)) return -1;
  return y * 10000 + m * 100 + d;
}

/** `YYYY-MM-DD` (exactly) → yyyymmdd; throws on anything else. For configuration such as "today", not for data. */
export function dateNumberOf(ymd: string): number {
  const n = ymd.length === 10 ? isoDateNumber(ymd) : -1;
  if (n < 0) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`);
  return n;
}
