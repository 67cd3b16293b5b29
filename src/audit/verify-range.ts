// The per-entry check of verification, over one range of sequences, and the stitching of ranges into
// the chain's verdict. The main thread runs one range over the whole chain; long chains are split into
// ranges checked in worker threads (verify-scan.ts). The checks and their order are those of a single
// walk from the start: sequence gap, then the link to the entry before, then the entry's own hash — so
// a split chain fails at the same entry, with the same reason, as an unsplit one.
import { digestOfValues, HASHED_COLUMNS } from './entry.js';
import { ROTATION_ACTION } from './trust.js';

/** Columns read per row, as an array: the hashed ones in their order, then the hash. */
export const VERIFY_COLUMNS = [...HASHED_COLUMNS, 'hash'] as const;
const ACTION = VERIFY_COLUMNS.indexOf('action');
const DETAILS = VERIFY_COLUMNS.indexOf('details');
const PREV = VERIFY_COLUMNS.indexOf('prev_hash');
const HASH = VERIFY_COLUMNS.indexOf('hash');

export interface RangeFault {
  seq: number;
  reason: string;
}

/** What checking a range found; plain data, so that a worker can post it. */
export interface RangeResult {
  from: number;
  /** prev_hash of the entry at `from` when the range starts without a known predecessor and that entry is there. */
  firstPrev: string | null;
  /** Hash of the last entry checked (null: none). */
  last: string | null;
  /** Entries checked and found good. */
  checked: number;
  /** The sequence after the last good entry. */
  next: number;
  fault: RangeFault | null;
  /** The rows ran out before the range's end: the chain ends here. */
  ended: boolean;
  /** [seq, hash] of the good entries whose sequences were asked for (checkpoints). */
  hashes: [number, string][];
  /** Details of the good key-rotation entries, in order. */
  rotations: string[];
}

export class RangeCheck {
  private expected: number;
  private prev: string | null;
  private firstPrev: string | null = null;
  private checked = 0;
  private fault: RangeFault | null = null;
  private readonly hashes: [number, string][] = [];
  private readonly rotations: string[] = [];

  /**
   * `prev`: the hash the entry at `from` must link to, or null when it is not known here (a range after
   * the first: the stitching checks that link).
   */
  constructor(
    readonly from: number,
    private readonly to: number,
    prev: string | null,
    private readonly wanted: ReadonlySet<number>,
  ) {
    this.expected = from;
    this.prev = prev;
  }

  /** Checks one row (VERIFY_COLUMNS order); false when no more rows are wanted: range done or a fault found. */
  row(r: readonly unknown[]): boolean {
    if (this.expected > this.to || this.fault) return false;
    const seq = Number(r[0]);
    if (seq !== this.expected) {
      this.fault = { seq: this.expected, reason: `entry ${this.expected} is missing (next present is ${seq})` };
      return false;
    }
    const prevHash = r[PREV] as string;
    if (this.prev === null) this.firstPrev = prevHash;
    else if (prevHash !== this.prev) {
      this.fault = { seq, reason: `entry ${seq} does not link to the entry before it` };
      return false;
    }
    const hash = r[HASH] as string;
    if (digestOfValues(r, seq) !== hash) {
      this.fault = { seq, reason: `entry ${seq} was altered: its hash does not match its content` };
      return false;
    }
    if (this.wanted.has(seq)) this.hashes.push([seq, hash]);
    if (r[ACTION] === ROTATION_ACTION) this.rotations.push(r[DETAILS] as string);
    this.prev = hash;
    this.expected += 1;
    this.checked += 1;
    return this.expected <= this.to;
  }

  /** The result once the rows stopped: `exhausted` when they ran out rather than being declined. */
  result(exhausted: boolean): RangeResult {
    return {
      from: this.from,
      firstPrev: this.firstPrev,
      last: this.checked > 0 ? this.prev : null,
      checked: this.checked,
      next: this.expected,
      fault: this.fault,
      ended: exhausted && !this.fault && this.expected <= this.to,
      hashes: this.hashes,
      rotations: this.rotations,
    };
  }
}

export interface ChainScan {
  checked: number;
  /** The sequence after the last good entry. */
  next: number;
  /** Hash of the last good entry (the start hash if none). */
  last: string;
  fault: RangeFault | null;
  hashAt: Map<number, string>;
  rotations: string[];
}

/** Joins consecutive ranges, the first starting after `startHash`, into what one walk would have found. */
export function stitch(ranges: readonly RangeResult[], startHash: string): ChainScan {
  const scan: ChainScan = { checked: 0, next: ranges[0]!.from, last: startHash, fault: null, hashAt: new Map(), rotations: [] };
  for (const r of ranges) {
    if (r.firstPrev !== null && r.firstPrev !== scan.last) {
      scan.fault = { seq: r.from, reason: `entry ${r.from} does not link to the entry before it` };
      return scan;
    }
    scan.checked += r.checked;
    scan.next = r.next;
    if (r.last !== null) scan.last = r.last;
    for (const [seq, hash] of r.hashes) scan.hashAt.set(seq, hash);
    scan.rotations.push(...r.rotations);
    if (r.fault) {
      scan.fault = r.fault;
      return scan;
    }
    if (r.ended) return scan;
  }
  return scan;
}
