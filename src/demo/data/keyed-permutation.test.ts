import { describe, expect, it } from 'vitest';
import { DefectPlan } from './defect-plan.js';
import { KeyedPermutation } from './keyed-permutation.js';
import { Prng } from './prng.js';

describe('keyed permutation', () => {
  it('is a bijection of [0, n) whose inverse undoes it, for awkward sizes too', () => {
    for (const n of [1, 2, 3, 5, 16, 17, 1000, 4097]) {
      const p = new KeyedPermutation(n, 42);
      const seen = new Set<number>();
      for (let x = 0; x < n; x++) {
        const y = p.forward(x);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThan(n);
        expect(p.inverse(y)).toBe(x);
        seen.add(y);
      }
      expect(seen.size).toBe(n);
    }
  });

  it('shuffles differently under another key, and not into the identity', () => {
    const a = new KeyedPermutation(1000, 1);
    const b = new KeyedPermutation(1000, 2);
    let same = 0;
    let fixed = 0;
    for (let x = 0; x < 1000; x++) {
      if (a.forward(x) === b.forward(x)) same++;
      if (a.forward(x) === x) fixed++;
    }
    expect(same).toBeLessThan(20);
    expect(fixed).toBeLessThan(20);
  });
});

describe('defect plan', () => {
  it('gives each kind exactly its count, keeps the first record clean and finds clean records by rank', () => {
    const plan = new DefectPlan(1000, 7, ['a', 'b'], { a: 30, b: 5 });
    const tally = { a: 0, b: 0, clean: 0 };
    for (let p = 0; p < 1000; p++) tally[plan.kindAt(p) ?? 'clean']++;
    expect(tally).toEqual({ a: 30, b: 5, clean: 965 });
    expect(plan.kindAt(0)).toBeNull();
    const cleanPositions = new Set(Array.from({ length: plan.clean }, (_, i) => plan.cleanPosition(i)));
    expect(cleanPositions.size).toBe(965);
    for (const p of cleanPositions) expect(plan.kindAt(p)).toBeNull();
  });

  it('picks an earlier clean record as the source of a duplicate', () => {
    const plan = new DefectPlan(200, 3, ['dup'], { dup: 150 });
    const prng = new Prng(9);
    for (let p = 1; p < 200; p++) {
      const q = plan.duplicateSource(p, prng);
      expect(q).toBeLessThan(p);
      expect(plan.kindAt(q)).toBeNull();
    }
  });

  it('refuses more defects than records', () => {
    expect(() => new DefectPlan(10, 1, ['a'], { a: 10 })).toThrow(RangeError);
  });
});
