// Text repairs behind the cleansing steps. Each returns its input unchanged (the same string, no copy)
// when there is nothing to repair — the common case, checked with character codes — and also when the
// repair would need a guess: a date that does not exist stays as written so the date rule reports it.
import { digitsAt, isRealDate, isoDateNumber } from '../../platform/validators/index.js';

/** Whitespace that String.prototype.trim removes, plus the zero-width space that copy-paste leaves behind. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

export function trimText(s: string): string {
  const n = s.length;
  if (n === 0 || (!isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(n - 1)))) return s;
  let a = 0;
  let b = n;
  while (a < b && isSpaceCode(s.charCodeAt(a))) a++;
  while (b > a && isSpaceCode(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space (U+3000) → their half-width forms. */
export function toHalfWidth(s: string): string {
  let i = 0;
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c === 0x3000 ? ' ' : c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : s[i];
  }
  return out;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad4 = (n: number) => String(n).padStart(4, '0');

interface DateParts {
  y: number;
  m: number;
  d: number;
  next: number; // index after the date
  compact: boolean; // written yyyymmdd
}

// 2024/1/5, 2024-1-5, 2024.1.5, 20240105, 2024年1月5日 — the same separator twice, month and day of one or two digits
function parseDateParts(s: string): DateParts | null {
  const y = digitsAt(s, 0, 4);
  if (y < 0) return null;
  const sep = s.charCodeAt(4);
  if (sep >= 48 && sep <= 57) {
    const m = digitsAt(s, 4, 2);
    const d = digitsAt(s, 6, 2);
    return m < 0 || d < 0 ? null : { y, m, d, next: 8, compact: true };
  }
  const chinese = sep === 0x5e74; // 年
  if (!chinese && sep !== 45 && sep !== 47 && sep !== 46) return null;
  // month and day of one or two digits each
  let i = 5;
  let m = digitsAt(s, i, 1);
  if (m < 0) return null;
  if (digitsAt(s, i + 1, 1) >= 0) m = m * 10 + digitsAt(s, ++i, 1);
  if (s.charCodeAt(++i) !== (chinese ? 0x6708 : sep)) return null; // 月
  let d = digitsAt(s, ++i, 1);
  if (d < 0) return null;
  if (digitsAt(s, i + 1, 1) >= 0) d = d * 10 + digitsAt(s, ++i, 1);
  i++;
  if (chinese && s.charCodeAt(i) === 0x65e5) i++; // 日
  return { y, m, d, next: i, compact: false };
}

interface TimeParts {
  h: number;
  mi: number;
  sec: number;
  offset: number | null; // minutes east of UTC, null when the time is local
}

// H:mm, H:mm:ss, with an optional fraction (dropped) and zone; 8时30分15秒; or HHmmss right after a compact date
function parseTime(s: string, at: number, compact: boolean): TimeParts | null {
  let i = at;
  let h: number,
    mi: number,
    sec = 0;
  if (compact && digitsAt(s, i, 1) >= 0) {
    h = digitsAt(s, 8, 2);
    mi = digitsAt(s, 10, 2);
    sec = digitsAt(s, 12, 2);
    if (h < 0 || mi < 0 || sec < 0) return null;
    i = 14;
  } else {
    const sepStart = i;
    while (s.charCodeAt(i) === 32) i++;
    if (i === sepStart && s.charCodeAt(i) === 84) i++; // T
    if (i === sepStart) return null;
    const a = digitsAt(s, i, 1);
    const b = digitsAt(s, i + 1, 1);
    if (a < 0) return null;
    h = b < 0 ? a : a * 10 + b;
    i += b < 0 ? 1 : 2;
    const hSep = s.charCodeAt(i);
    const chinese = hSep === 0x65f6; // 时
    if (hSep !== 58 && !chinese) return null;
    mi = digitsAt(s, i + 1, 2);
    if (mi < 0) return null;
    i += 3;
    if (chinese) {
      if (s.charCodeAt(i) !== 0x5206) return null; // 分
      i++;
      const ss = digitsAt(s, i, 2);
      if (ss >= 0) {
        sec = ss;
        i += 2;
        if (s.charCodeAt(i) !== 0x79d2) return null; // 秒
        i++;
      }
    } else if (s.charCodeAt(i) === 58) {
      sec = digitsAt(s, i + 1, 2);
      if (sec < 0) return null;
      i += 3;
    }
  }
  if (s.charCodeAt(i) === 46) {
    i++;
    const f = i;
    while (digitsAt(s, i, 1) >= 0) i++;
    if (i === f) return null;
  }
  let offset: number | null = null;
  const z = s.charCodeAt(i);
  if (z === 90) {
    offset = 0;
    i++;
  } else if (z === 43 || z === 45) {
    const oh = digitsAt(s, i + 1, 2);
    const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = i + 3 === s.length ? 0 : digitsAt(s, i + 3 + colon, 2);
    if (oh < 0 || om < 0 || oh > 14 || om > 59) return null;
    offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
    i = i + 3 === s.length ? i + 3 : i + 5 + colon;
  }
  if (i !== s.length || h > 23 || mi > 59 || sec > 59) return null;
  return { h, mi, sec, offset };
}

const isoDate = (y: number, m: number, d: number) => `${pad4(y)}-${pad2(m)}-${pad2(d)}`;

/** A date in one of the usual Chinese forms → `YYYY-MM-DD`; a time of exactly midnight (Excel's habit) is dropped. */
export function normalizeDate(s: string): string {
  if (s.length === 10 && isoDateNumber(s) >= 0) return s;
  const p = parseDateParts(s);
  if (!p || !isRealDate(p.y, p.m, p.d)) return s;
  if (p.next === s.length) return isoDate(p.y, p.m, p.d);
  const t = parseTime(s, p.next, p.compact);
  return t && t.offset === null && t.h === 0 && t.mi === 0 && t.sec === 0 ? isoDate(p.y, p.m, p.d) : s;
}

/** A date-time → `YYYY-MM-DDTHH:mm:ss` in Asia/Shanghai time. A date without a time is left: its time is unknown. */
export function normalizeDatetime(s: string): string {
  if (s.length === 19 && isCanonicalDatetime(s)) return s;
  const p = parseDateParts(s);
  if (!p || !isRealDate(p.y, p.m, p.d)) return s;
  const t = parseTime(s, p.next, p.compact);
  if (!t) return s;
  if (t.offset === null) return `${isoDate(p.y, p.m, p.d)}T${pad2(t.h)}:${pad2(t.mi)}:${pad2(t.sec)}`;
  // another zone: shift to UTC+8 (Asia/Shanghai has had no daylight saving since 1991)
  const ms = Date.UTC(p.y, p.m - 1, p.d, t.h, t.mi, t.sec) + (8 * 60 - t.offset) * 60_000;
  const shifted = new Date(ms);
  if (p.y < 100 || shifted.getUTCFullYear() > 9999) return s;
  return shifted.toISOString().slice(0, 19);
}

/** `YYYY-MM-DDTHH:mm:ss` with a real date and time. */
export function isCanonicalDatetime(s: string): boolean {
  return (
    s.length === 19 &&
    s.charCodeAt(10) === 84 &&
    isoDateNumber(s) >= 0 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    isClock(digitsAt(s, 11, 2), digitsAt(s, 14, 2), digitsAt(s, 17, 2))
  );
}

const isClock = (h: number, mi: number, sec: number) => h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59;

/**
 * Whether `s` is a date-time that parses: `YYYY-MM-DD`, `T` or a space, `HH:mm` or `HH:mm:ss`, an optional
 * fraction and an optional zone (`Z`, `+08:00`). For the type rule, which accepts more than the canonical form.
 */
export function isDatetime(s: string): boolean {
  if (isCanonicalDatetime(s)) return true;
  if (s.length < 16 || isoDateNumber(s) < 0) return false;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return false;
  if (digitsAt(s, 11, 2) < 0) return false; // parseTime also takes one-digit hours; the type rule does not
  return parseTime(s, 10, false) !== null;
}

/** `1,234.50` → `1234.50`, only when the commas group thousands correctly: `1,23` is a typo, not a number. */
export function stripThousands(s: string): string {
  if (s.indexOf(',') < 0) return s;
  let i = s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43 ? 1 : 0;
  let lead = 0;
  while (digitsAt(s, i, 1) >= 0) {
    i++;
    lead++;
  }
  if (lead < 1 || lead > 3) return s;
  while (s.charCodeAt(i) === 44) {
    if (digitsAt(s, i + 1, 3) < 0 || digitsAt(s, i + 4, 1) >= 0) return s;
    i += 4;
  }
  if (s.charCodeAt(i) === 46) {
    const f = ++i;
    while (digitsAt(s, i, 1) >= 0) i++;
    if (i === f) return s;
  }
  return i === s.length ? s.replaceAll(',', '') : s;
}
