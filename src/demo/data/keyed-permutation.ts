// A keyed pseudo-random permutation of [0, n): a balanced Feistel network on the smallest even
// number of bits that covers n, with cycle walking to stay inside the domain. It maps an index to a
// shuffled position and back in O(1) time and memory, which is what lets a 5,000,000-record file
// get exact defect counts, unique ID numbers and random access to any record without holding a list.
import { hash32 } from './prng.js';

const ROUNDS = 4;

export class KeyedPermutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!Number.isInteger(size) || size < 0 || size > 2 ** 31) throw new RangeError(`置换规模无效 (permutation size ${size} out of range)`);
    let bits = 2;
    while (2 ** bits < size) bits += 2;
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = Array.from({ length: ROUNDS }, (_, i) => hash32(key + Math.imul(i + 1, 0x632be5ab)));
  }

  private round(r: number, k: number): number {
    return hash32(r ^ k) & this.mask;
  }

  private encrypt(x: number): number {
    let l = x >>> this.half;
    let r = x & this.mask;
    for (const k of this.keys) {
      const t = r;
      r = l ^ this.round(r, k);
      l = t;
    }
    return ((l << this.half) | r) >>> 0;
  }

  private decrypt(y: number): number {
    let l = y >>> this.half;
    let r = y & this.mask;
    for (let i = ROUNDS - 1; i >= 0; i--) {
      const t = l;
      l = r ^ this.round(l, this.keys[i]!);
      r = t;
    }
    return ((l << this.half) | r) >>> 0;
  }

  /** The shuffled image of `x` (0 ≤ x < size). */
  forward(x: number): number {
    let y = this.encrypt(x);
    while (y >= this.size) y = this.encrypt(y);
    return y;
  }

  /** The `x` whose image is `y`. */
  inverse(y: number): number {
    let x = this.decrypt(y);
    while (x >= this.size) x = this.decrypt(x);
    return x;
  }
}
