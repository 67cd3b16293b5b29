// Refusals that anyone can repeat at will (a bad token, a forbidden read, a rate-limited login) are
// audited at most once a minute per key (an address, or an account and route), so a flood cannot fill
// the audit log; the entry that is written says how many like it were left out since the last one.

export interface RefusalThrottle {
  /** null: leave this one out; otherwise how many were left out before it (0 the first time). */
  admit(key: string, now: number): number | null;
}

export function refusalThrottle(everyMs = 60_000, maxKeys = 10_000): RefusalThrottle {
  const last = new Map<string, { at: number; skipped: number }>();
  return {
    admit(key, now) {
      const seen = last.get(key);
      if (seen && now - seen.at < everyMs) {
        seen.skipped += 1;
        return null;
      }
      if (!seen && last.size >= maxKeys) last.clear(); // bounded memory under a distributed flood
      last.set(key, { at: now, skipped: 0 });
      return seen?.skipped ?? 0;
    },
  };
}
