// Child process of the ingest benchmark: what keeping one small thing per record costs in memory when
// the thing is a string the CSV reader made. A batch keeps every applied record's key for the whole
// run (`appliedKeys` in src/aggregation/run-batch.ts, used by corrections). The reader's values are
// slices of the decoded chunk text, and V8 keeps a slice of 13 or more characters as a view into its
// parent: an 18-character ID number then holds its whole chunk of text alive. Modes:
//   none   — read the file, keep nothing (the floor);
//   sliced — keep { key, recordNo } per record with the reader's own key string, as the batch does;
//   flat   — the same with the key copied into a string of its own.
import { openRecordReader } from '../../src/aggregation/readers/index.js';
import { childMain } from './child-run.js';

export type RetentionMode = 'none' | 'sliced' | 'flat';

export interface RetentionInput {
  file: string;
  mode: RetentionMode;
  /** Column of the key in the file (the ID number is the third). */
  keyColumn: number;
}

export interface RetentionOutput {
  mode: RetentionMode;
  records: number;
  kept: number;
  heapUsedKiB: number;
  rssKiB: number;
}

/** A copy that owns its characters: Latin-1 round trip for the ASCII keys of this file. */
const own = (s: string) => Buffer.from(s, 'latin1').toString('latin1');

childMain<RetentionInput, RetentionOutput>(async (input) => {
  const reader = await openRecordReader(input.file);
  const kept: { key: string; recordNo: number }[] = [];
  let records = 0;
  for await (const chunk of reader.chunks())
    for (const row of chunk) {
      records++;
      const key = row[input.keyColumn];
      if (key == null || input.mode === 'none') continue;
      kept.push({ key: input.mode === 'flat' ? own(key) : key, recordNo: records });
    }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  return { mode: input.mode, records, kept: kept.length, heapUsedKiB: Math.round(m.heapUsed / 1024), rssKiB: Math.round(m.rss / 1024) };
});
