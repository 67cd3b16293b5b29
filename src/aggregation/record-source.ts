// Where a batch's records come from: a stored file (through the streaming readers) or pages pushed by
// API (or by a correction), all seen the same way — a header and chunks of rows of text.
import type { Kysely } from 'kysely';
import type { DB } from '../platform/db/index.js';
import type { Element } from '../catalog/index.js';
import { openRecordReader, type FileFormat } from './readers/index.js';

export interface RecordSource {
  header: string[];
  /** The text encoding found (files only). */
  encoding: string | null;
  chunks(): AsyncIterable<(string | null)[][]>;
  bytesRead(): number;
  totalBytes: number;
  close(): Promise<void>;
  /** For pushed corrections: which original record (batch, record number) each record corrects, by record number. */
  refs?: Map<number, { batch: string; record: number }>;
}

export async function fileSource(path: string, format: FileFormat | null): Promise<RecordSource> {
  const reader = await openRecordReader(path, format ? { format } : {});
  return {
    header: reader.header,
    encoding: reader.encoding,
    chunks: () => reader.chunks(),
    bytesRead: () => reader.bytesRead(),
    totalBytes: reader.totalBytes,
    close: () => reader.close(),
  };
}

export interface StoredPage {
  records: Record<string, unknown>[];
  refs?: ({ batch: string; record: number } | null)[];
}

export function scalarText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/**
 * Pushed pages, in page order, as rows over a header of every element code plus the other keys seen:
 * pushers may name fields by element code or Chinese name, and mapHeader treats both alike.
 */
export async function pageSource(db: Kysely<DB>, batchId: string, elements: Element[]): Promise<RecordSource> {
  const pages = await db
    .selectFrom('batch_pages')
    .select(['page_no', 'records'])
    .where('batch_id', '=', batchId)
    .orderBy('page_no')
    .execute();
  const header: string[] = [];
  const index = new Map<string, number>();
  const parsed = pages.map((p) => JSON.parse(p.records) as StoredPage);
  const byName = new Map(elements.map((e) => [e.name, e.code]));
  for (const page of parsed)
    for (const rec of page.records)
      for (const k of Object.keys(rec)) {
        const code = byName.get(k) ?? k;
        if (!index.has(code)) {
          index.set(code, header.length);
          header.push(code);
        }
      }
  const refs = new Map<number, { batch: string; record: number }>();
  let recordNo = 0;
  for (const page of parsed)
    page.records.forEach((_, i) => {
      recordNo += 1;
      const ref = page.refs?.[i];
      if (ref) refs.set(recordNo, ref);
    });
  const total = pages.reduce((n, p) => n + p.records.length, 0);
  let done = 0;
  return {
    header,
    encoding: null,
    refs,
    totalBytes: total,
    bytesRead: () => done,
    async *chunks() {
      for (const page of parsed) {
        const rows = page.records.map((rec) => {
          const row: (string | null)[] = new Array(header.length).fill(null);
          for (const [k, v] of Object.entries(rec)) row[index.get(byName.get(k) ?? k)!] = scalarText(v);
          return row;
        });
        done += rows.length;
        yield rows;
      }
    },
    close: async () => {},
  };
}
