// How a prepared chunk crosses from the worker to the writer. Structured cloning its thousands of small
// objects costs ≈ 1.7 µs a record on the two threads together; the records' keys, digests, numbers and
// values as one JSON text cost ≈ 1.3 µs, and the writer's share (parsing) is the smaller one. Problems
// and warnings, a few in a chunk, are cloned as they are.
import type { ProblemFinding } from '../governance/index.js';
import type { PendingRecord, PreparedChunk } from './prepare-records.js';

export interface WireChunk {
  head: Omit<PreparedChunk, 'pending'>;
  /** JSON of [keys, hashes, record numbers, every record's values one after another]. */
  text: string;
  width: number;
  /** Findings of the pending records that have any, by their index in the chunk. */
  findings: [number, ProblemFinding[]][];
}

export function toWire(chunk: PreparedChunk, width: number): WireChunk {
  const { pending, ...head } = chunk;
  const keys: string[] = new Array(pending.length);
  const hashes: string[] = new Array(pending.length);
  const numbers: number[] = new Array(pending.length);
  const values: (string | null)[] = new Array(pending.length * width);
  const findings: [number, ProblemFinding[]][] = [];
  for (let i = 0; i < pending.length; i++) {
    const p = pending[i]!;
    keys[i] = p.key;
    hashes[i] = p.hash;
    numbers[i] = p.recordNo;
    for (let j = 0; j < width; j++) values[i * width + j] = p.values[j] ?? null;
    if (p.findings.length > 0) findings.push([i, p.findings]);
  }
  return { head, text: JSON.stringify([keys, hashes, numbers, values]), width, findings };
}

export function fromWire(w: WireChunk): PreparedChunk {
  const [keys, hashes, numbers, values] = JSON.parse(w.text) as [string[], string[], number[], (string | null)[]];
  const pending: PendingRecord[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++)
    pending[i] = {
      key: keys[i]!,
      recordNo: numbers[i]!,
      values: values.slice(i * w.width, (i + 1) * w.width),
      hash: hashes[i]!,
      findings: [],
    };
  for (const [i, f] of w.findings) pending[i]!.findings = f;
  return { ...w.head, pending };
}
