// The last gate before the store: a value must fit its column's type on both engines, whatever the rule
// set says (a rule declared as a warning must not let "2024-02-30" reach a PostgreSQL date column and
// abort the whole batch). Returns the canonical text to store, or undefined when it cannot be stored.
import type { StoredType } from '../platform/db/index.js';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function realDate(s: string): boolean {
  if (s.length !== 10 || s[4] !== '-' || s[7] !== '-') return false;
  const y = Number(s.slice(0, 4)),
    m = Number(s.slice(5, 7)),
    d = Number(s.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : DAYS[m - 1]!);
}

export function storable(type: StoredType, v: string | null): string | null | undefined {
  if (v === null) return null;
  switch (type) {
    case 'string':
      return v;
    case 'integer':
      return /^-?\d{1,18}$/.test(v) ? v : undefined;
    case 'decimal':
      return /^-?\d{1,20}(\.\d{1,18})?$/.test(v) ? v : undefined;
    case 'date':
      return realDate(v) ? v : undefined;
    case 'datetime': {
      const m = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(v);
      return m && realDate(m[1]!) ? `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}` : undefined;
    }
    case 'boolean':
      if (['true', '1', '是', 'Y', 'y'].includes(v)) return 'true';
      if (['false', '0', '否', 'N', 'n'].includes(v)) return 'false';
      return undefined;
  }
}

export const TYPE_ZH: Record<StoredType, string> = {
  string: '文本',
  integer: '整数',
  decimal: '小数',
  date: '日期',
  datetime: '日期时间',
  boolean: '布尔',
};
