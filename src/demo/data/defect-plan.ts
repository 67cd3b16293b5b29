// Which record of a file carries which defect. A keyed permutation ranks the records; ranks
// [0, n₁) get the first defect kind, [n₁, n₁+n₂) the second, and so on; the rest are clean. So every
// kind hits exactly its count, no record gets two, the choice is spread by the seed, and any record's
// kind is known in O(1) without a list — which duplicates (an earlier clean record) and the files that
// draw persons from the population (its clean records) both need.
import { KeyedPermutation } from './keyed-permutation.js';
import { hash32, type Prng } from './prng.js';

export class DefectPlan<K extends string> {
  /** How many records are defective; ranks at or above this are clean. */
  readonly defective: number;
  private readonly bounds: number[];
  private readonly permutation: KeyedPermutation;

  constructor(
    readonly count: number,
    key: number,
    private readonly kinds: readonly K[],
    readonly counts: Readonly<Record<K, number>>,
  ) {
    let sum = 0;
    this.bounds = kinds.map((k) => (sum += counts[k]));
    this.defective = sum;
    // The first record is always clean: it is the earliest record a duplicate can copy.
    if (count > 0 && sum > count - 1) {
      throw new RangeError(`缺陷记录数 ${sum} 超过可用记录数 ${count - 1}（首条记录始终正确）(too many defects for ${count} records)`);
    }
    this.permutation = new KeyedPermutation(Math.max(0, count - 1), hash32(key));
  }

  /** The rank of a record position; position 0 takes the top rank. */
  rankOf(position: number): number {
    return position === 0 ? this.count - 1 : this.permutation.forward(position - 1);
  }

  positionOfRank(rank: number): number {
    return rank === this.count - 1 ? 0 : this.permutation.inverse(rank) + 1;
  }

  /** The defect kind of a record, or null for a clean one. */
  kindAt(position: number): K | null {
    const rank = this.rankOf(position);
    if (rank >= this.defective) return null;
    let i = 0;
    while (this.bounds[i]! <= rank) i++;
    return this.kinds[i]!;
  }

  get clean(): number {
    return this.count - this.defective;
  }

  /** The position of the i-th clean record (0 ≤ i < clean) in rank order. */
  cleanPosition(i: number): number {
    return this.positionOfRank(this.defective + i);
  }

  /** An earlier clean record for a duplicate at `position` to copy. */
  duplicateSource(position: number, prng: Prng): number {
    for (let attempt = 0; attempt < 32; attempt++) {
      const q = prng.int(position);
      if (this.kindAt(q) === null) return q;
    }
    return 0; // always clean
  }
}
