// How values from the API are shown: times in Asia/Shanghai (the server stores UTC), and codes
// (unit types, roles) by their names in the current language.
// Role names come from the server's own role table so the two can never disagree.
import { ROLE_NAMES } from '../../src/identity/roles';
import { isMessageKey, type Lang, type Translate } from './i18n';

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const counts = new Intl.NumberFormat('en-US');

/** A count with thousands separators (`1,950`), as antd's statistics show theirs, so one page never shows both forms. */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** `2026-01-02 08:30:00` in Beijing time, whatever the browser's own time zone is. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = Object.fromEntries(shanghai.formatToParts(date).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Wall-clock fields of a picked date/time, as the date picker hands them over. */
export interface WallClock {
  year(): number;
  month(): number; // 0-based, like Date
  date(): number;
  hour(): number;
  minute(): number;
  second(): number;
}

/**
 * The UTC instant of a wall-clock time read as Beijing time. The picker works in the browser's zone,
 * but users mean Beijing time (as every time on screen is); China has no daylight saving, so +08:00.
 */
export function shanghaiWallClockToIso(t: WallClock): string {
  const utc = Date.UTC(t.year(), t.month(), t.date(), t.hour(), t.minute(), t.second()) - 8 * 3600_000;
  return new Date(utc).toISOString();
}

/** The inverse, for showing a filter from the URL back in the picker: Beijing wall-clock fields. */
export function isoToShanghaiFields(iso: string): [number, number, number, number, number, number] | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + 8 * 3600_000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
}

export function unitTypeLabel(t: Translate, type: string): string {
  const key = `unitType.${type}`;
  return isMessageKey(key) ? t(key) : type;
}

export function roleLabel(lang: Lang, code: string): string {
  const names = (ROLE_NAMES as Record<string, { zh: string; en: string } | undefined>)[code];
  if (!names) return code;
  return lang === 'zh-CN' ? names.zh : names.en;
}
