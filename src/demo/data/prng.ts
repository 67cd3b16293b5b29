// A small seeded PRNG (mulberry32) and a 32-bit mixer. The demo data must be byte-identical for the
// same seed on every machine, so nothing here touches Math.random or the clock.

/** Mixes a 32-bit integer (murmur3's finaliser): neighbouring inputs give unrelated outputs. */
export function hash32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A 32-bit seed for one stream (`tag`) of one record (`index`) of one data set (`seed`). */
export function streamSeed(seed: number, tag: number, index: number): number {
  return hash32(hash32(hash32(seed) ^ Math.imul(tag, 0x9e3779b1)) + index);
}

/** mulberry32: tiny, fast and good enough for fictitious data. One object is reseeded per record to avoid garbage. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  reseed(seed: number): this {
    this.state = seed | 0;
    return this;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Picks from a list by cumulative weights (ascending, last = total). */
export function pickWeighted<T>(prng: Prng, items: readonly T[], cumulative: readonly number[]): T {
  const x = prng.next() * cumulative[cumulative.length - 1]!;
  let i = 0;
  while (cumulative[i]! <= x) i++;
  return items[i]!;
}

export function cumulativeOf(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
