// Timing helpers: wall-clock time and this process's CPU time (user + system, all threads), so that a
// run slowed by other load on the machine can be told apart from a slow code path.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

export interface Timing {
  seconds: number;
  cpuSeconds: number;
}

export class Stopwatch {
  private readonly wall0 = performance.now();
  private readonly cpu0 = process.cpuUsage();

  elapsed(): Timing {
    const cpu = process.cpuUsage(this.cpu0);
    return { seconds: (performance.now() - this.wall0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  }

  seconds(): number {
    return (performance.now() - this.wall0) / 1000;
  }
}

export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T } & Timing> {
  const watch = new Stopwatch();
  const value = await work();
  return { value, ...watch.elapsed() };
}

/**
 * Repeats `step` (which reports how many units it did) until `maxUnits` are done or `maxSeconds`
 * have passed, whichever comes first.
 */
export async function runFor(
  maxUnits: number,
  maxSeconds: number,
  step: (done: number) => Promise<number> | number,
): Promise<{ units: number; steps: number } & Timing> {
  const watch = new Stopwatch();
  let units = 0;
  let steps = 0;
  while (units < maxUnits && watch.seconds() < maxSeconds) {
    units += await step(units);
    steps += 1;
  }
  return { units, steps, ...watch.elapsed() };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}

/**
 * Bytes this process has passed to write(2) and friends so far (Linux /proc/self/io `wchar`), or null
 * elsewhere. For SQLite that is WAL frames, checkpoints into the database file, and statement
 * journals spilled to temporary files.
 */
export function bytesWritten(): number | null {
  try {
    const m = /^wchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
