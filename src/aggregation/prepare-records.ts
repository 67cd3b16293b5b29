// Preparing one chunk of records for the store: map the file's columns to elements, cleanse, check, the
// last gates (key present, values fit their columns), key and row digest. Pure CPU work over the rules
// compiled for the batch; it runs on the batch's own thread or in a worker thread (prepare-worker.ts), and
// gives the same result either way. What needs the store (reference rules, duplicates) is the writer's.
import type { Element } from '../catalog/index.js';
import type { CompiledRules, ProblemFinding, ProblemRecord } from '../governance/index.js';
import type { StoredType } from '../platform/db/index.js';
import type { BatchMode } from './batch-model.js';
import { noteRef } from './correction-refs.js';
import { keyOf, missingKey, problemRecord, rowHash, unstorable } from './record-findings.js';
import { storable } from './storable.js';

/** How the batch's file maps onto its elements: plain data, so that it can be posted to a worker. */
export interface PrepareSpec {
  elements: Element[];
  mode: BatchMode;
  /** Per element, the file's column that holds it, or -1. */
  columnOf: Int32Array;
  /** A correction file's 记录号 column, or -1. */
  refColumn: number;
  /** The batch a correction corrects, else null. */
  corrects: string | null;
  /** The store's column types, in element order. */
  columnTypes: StoredType[];
}

export interface PendingRecord {
  key: string;
  recordNo: number;
  values: (string | null)[];
  /** SM3 of the values; empty in delete mode. */
  hash: string;
  /** Warnings (and, after the writer's reference checks, their misses): kept if the record is applied. */
  findings: ProblemFinding[];
}

export interface PreparedChunk {
  /** Records in this chunk. */
  read: number;
  /** Values cleansing changed. */
  repaired: number;
  /** Records rejected here, with their problems. */
  rejected: ProblemRecord[];
  /** Records for the writer, in file order. */
  pending: PendingRecord[];
  /** A correction file's references: original record by record number. */
  refs: Map<number, { batch: string; record: number }> | undefined;
  /** Bytes of the file read when the chunk was complete. */
  bytesRead: number;
}

export type ChunkPreparer = (chunk: (string | null)[][], bytesRead: number) => PreparedChunk;

/** Numbers records from 1 across the chunks it is given, in order. */
export function recordPreparer(spec: PrepareSpec, rules: CompiledRules): ChunkPreparer {
  const { elements, mode, columnOf, refColumn, columnTypes } = spec;
  const keyIdx = elements.flatMap((e, i) => (e.key ? [i] : []));
  const isKey = elements.map((e) => e.key);
  let recordNo = 0;
  return (chunk, bytesRead) => {
    const out: PreparedChunk = { read: chunk.length, repaired: 0, rejected: [], pending: [], refs: undefined, bytesRead };
    for (const raw of chunk) {
      recordNo += 1;
      const values: (string | null)[] = new Array(elements.length);
      for (let i = 0; i < elements.length; i++) {
        const col = columnOf[i]!;
        values[i] = col >= 0 ? (raw[col] ?? null) : null;
      }
      if (refColumn >= 0) noteRef(out, recordNo, raw[refColumn] ?? null, spec.corrects);
      out.repaired += rules.cleanse(values);
      const findings: ProblemFinding[] = [];
      let verdict = rules.check(values, (ri, ei, value, message) => {
        if (mode === 'delete' && !isKey[ei]) return;
        const info = rules.rules[ri]!;
        findings.push({
          rule: info.id,
          element: elements[ei]!.code,
          dimension: info.dimension,
          severity: isKey[ei] ? 'error' : info.severity,
          value,
          message,
        });
      });
      if (mode === 'delete') verdict = findings.length > 0 ? 2 : 0;
      // the last gate: the key must be there and every value must fit its column
      for (const i of keyIdx)
        if (values[i] === null && !findings.some((f) => f.element === elements[i]!.code)) {
          findings.push(missingKey(elements[i]!));
          verdict = 2;
        }
      if (verdict !== 2 && mode !== 'delete')
        for (let i = 0; i < columnTypes.length; i++) {
          const v = storable(columnTypes[i]!, values[i] ?? null);
          if (v === undefined) {
            findings.push(unstorable(elements[i]!, values[i]!));
            verdict = 2;
          } else values[i] = v;
        }
      if (verdict === 2) {
        out.rejected.push(problemRecord(recordNo, values, keyIdx, elements, 'rejected', findings));
        continue;
      }
      out.pending.push({ key: keyOf(values, keyIdx), recordNo, values, hash: mode === 'delete' ? '' : rowHash(values), findings });
    }
    return out;
  };
}
