// Dates as day numbers (days since 1970-01-01, UTC) and their spellings. Birth dates are formatted
// millions of times, so a generator formats each day of its range once and indexes the strings.
const MS_PER_DAY = 86_400_000;

export function dayOf(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(t).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`日期须为有效的 YYYY-MM-DD：${isoDate} (dates are YYYY-MM-DD)`);
  }
  return t / MS_PER_DAY;
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ways departments write a date that cleansing repairs to YYYY-MM-DD. */
export type DateSpelling = 'slash' | 'compact' | 'chinese';
export const DATE_SPELLINGS: readonly DateSpelling[] = ['slash', 'compact', 'chinese'];

export function spellDate(day: number, spelling: DateSpelling): string {
  const iso = isoOf(day);
  const y = iso.slice(0, 4);
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (spelling === 'slash') return `${y}/${m}/${d}`;
  if (spelling === 'compact') return iso.replace(/-/g, '');
  return `${y}年${m}月${d}日`;
}

/** Every day of [first, last] spelt as YYYY-MM-DD and as YYYYMMDD (the ID number's form), looked up by offset. */
export class DayTable {
  readonly iso: string[] = [];
  readonly compact: string[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
  ) {
    for (let d = first; d <= last; d++) {
      const s = isoOf(d);
      this.iso.push(s);
      this.compact.push(s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10));
    }
  }

  get size(): number {
    return this.last - this.first + 1;
  }
}
