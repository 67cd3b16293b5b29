// Timestamps are ISO-8601 UTC text with milliseconds; see schema.ts for why.
export function nowIso(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}

export function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}
