// Timestamps are ISO-8601 UTC text with milliseconds; see schema.ts for why.
export function nowIso(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

/** A time as people in the city read it: Beijing time, "2026-11-27 10:30". */
export function shanghaiTime(iso: string): string {
  return new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}

/** The calendar date in Beijing time, YYYY-MM-DD: what "today" means to a rule about dates. */
export function shanghaiDate(clock: () => number = Date.now): string {
  return new Date(clock() + 8 * 3_600_000).toISOString().slice(0, 10);
}
