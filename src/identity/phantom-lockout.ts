// Lock-out for user names that do not exist. A real account answers 423 after 5 failures; if an unknown
// name kept answering 401, the difference would tell which names are accounts. So unknown names count
// failures and "lock" exactly like accounts do (same status, message and timing), here in memory: the
// counts start over when the server restarts and are per server process, which only ever makes an
// unknown name lock later, never tells it apart from a real account at the moment it answers.
import { addMinutes } from '../platform/db/index.js';

interface Entry {
  failures: number;
  lockedUntil: string | null;
}

/** Bounded: past this many names the oldest are forgotten (a spray of names cannot exhaust memory). */
const MAX_NAMES = 10_000;

export class PhantomLockouts {
  private readonly names = new Map<string, Entry>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockMinutes: number,
  ) {}

  /** The time until which the name is locked, if it is now. */
  lockedUntil(username: string, now: string): string | null {
    const e = this.names.get(username);
    return e?.lockedUntil && e.lockedUntil > now ? e.lockedUntil : null;
  }

  /** Counts a failure; returns the failures so far and, when this one locks the name, until when. */
  fail(username: string, now: string): { failures: number; lockedUntil: string | null } {
    const e = this.names.get(username) ?? { failures: 0, lockedUntil: null };
    this.names.delete(username); // re-inserted last: the map's order is least recently failed first
    e.failures += 1;
    const failures = e.failures;
    let lockedUntil: string | null = null;
    if (e.failures >= this.maxFailures) {
      lockedUntil = addMinutes(now, this.lockMinutes);
      e.failures = 0;
      e.lockedUntil = lockedUntil;
    }
    this.names.set(username, e);
    if (this.names.size > MAX_NAMES) this.names.delete(this.names.keys().next().value!);
    return { failures, lockedUntil };
  }
}
