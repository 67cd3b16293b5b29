// The write side of a batch measured alone, and prototypes of changes to it. The file is streamed and
// prepared as the batch prepares it (header map, cleanse, check, key, SM3 row hash; rejected records
// left out), then written with the real upserter (`createUpserter` from src/platform/db) into a table
// made by the real `createDatasetTable`, in one transaction on a connection of its own — or with one
// thing changed, to show what the change would buy:
//   sqlite  as-is | cache64 (cache_size 64 MiB) | nobatchidx (without the `_batch` index)
//   postgres as-is | json (rows as one json_to_recordset parameter instead of 11 text arrays)
//            | overlap (the next chunk is prepared while the server writes the previous one)
import { readFileSync } from 'node:fs';
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { KEY_SEPARATOR, mapHeader } from '../../src/aggregation/index.js';
import { openRecordReader } from '../../src/aggregation/readers/index.js';
import type { Element } from '../../src/catalog/index.js';
import { compileRules, defaultRuleSet } from '../../src/governance/rules/index.js';
import { sm3Hex } from '../../src/platform/crypto/index.js';
import { createDatasetTable, createUpserter, openDatabase, type DB, type StoreRow, type Upserter } from '../../src/platform/db/index.js';
import { Stopwatch, type Timing } from './measure.js';

export type StoreVariant = 'as-is' | 'cache64' | 'nobatchidx' | 'json' | 'overlap';

export const STORE_VARIANTS: Record<'sqlite' | 'postgres', StoreVariant[]> = {
  sqlite: ['as-is', 'cache64', 'nobatchidx'],
  postgres: ['as-is', 'json', 'overlap'],
};

export const STORE_VARIANT_LABELS: Record<StoreVariant, string> = {
  'as-is': 'the upserter as it is',
  cache64: 'prototype: cache_size 64 MiB (default 16 MB)',
  nobatchidx: 'prototype: without the _batch index',
  json: 'prototype: rows as one json_to_recordset parameter',
  overlap: 'prototype: next chunk prepared while the server writes',
};

export interface StoreTiming extends Timing {
  /** Rows handed to the store (accepted records). */
  rows: number;
  /** Wall and CPU seconds inside the store calls only (for `overlap`, the time spent waiting on them). */
  store: Timing;
  commitSeconds: number;
  /** PostgreSQL on this host: CPU seconds of the server process serving the transaction (from /proc), else null. */
  serverCpuSeconds: number | null;
}

/** user + system seconds of a process from /proc/PID/stat, or null where that cannot be read. */
function processCpu(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime and stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

function rowHash(values: readonly (string | null)[]): string {
  let text = '';
  for (let i = 0; i < values.length; i++) text += (i ? KEY_SEPARATOR : '') + (values[i] ?? '\u0000');
  return sm3Hex(text);
}

/** Prepares the records of a chunk as the batch does and returns the rows to store. */
function preparer(header: string[], elements: Element[], today: string) {
  const map = mapHeader(header, elements, 'upsert');
  const rules = compileRules(elements, defaultRuleSet(elements), { today });
  const keyAt = elements.findIndex((e) => e.key);
  let recordNo = 0;
  return (chunk: (string | null)[][]): StoreRow[] => {
    const rows: StoreRow[] = [];
    for (const raw of chunk) {
      recordNo++;
      const values: (string | null)[] = new Array(elements.length);
      for (let i = 0; i < elements.length; i++) {
        const c = map.columnOf[i]!;
        values[i] = c >= 0 ? (raw[c] ?? null) : null;
      }
      rules.cleanse(values);
      if (rules.check(values, () => {}) === 2 || values[keyAt] === null) continue;
      rows.push({ key: values[keyAt]!, recordNo, values, hash: rowHash(values) });
    }
    return rows;
  };
}

/** The json_to_recordset prototype of the PostgreSQL upsert (same statement otherwise, same duplicate rules). */
function jsonUpserter(trx: Transaction<DB>, table: string, elements: Element[], batchId: string, now: string): Upserter['upsert'] {
  const q = (id: string) => `"${id}"`;
  const cols = elements.map((e) => e.code);
  const cast = (e: Element) =>
    ({ string: '', integer: '::bigint', decimal: '::numeric', date: '::date', datetime: '::timestamp', boolean: '::boolean' })[e.type];
  const sets = [
    ...cols.map((c) => `${q(c)} = excluded.${q(c)}`),
    `"_source_unit" = excluded."_source_unit"`,
    `"_batch" = excluded."_batch"`,
    `"_last_changed" = case when ${q(table)}."_row_hash" = excluded."_row_hash" and ${q(table)}."_deleted" = 0 then ${q(table)}."_last_changed" else excluded."_last_changed" end`,
    `"_row_hash" = excluded."_row_hash"`,
    `"_deleted" = 0`,
    `"_record" = excluded."_record"`,
  ];
  const text =
    `insert into ${q(table)} ("_key", ${cols.map(q).join(', ')}, "_source_unit", "_batch", "_first_seen", "_last_changed", "_row_hash", "_deleted", "_record") ` +
    `select u.k, ${elements.map((e, i) => `u.c${i}${cast(e)}`).join(', ')}, $2, $3, $4, $4, u.h, 0, u.rn ` +
    `from json_to_recordset($1::json) as u(k text, ${cols.map((_, i) => `c${i} text`).join(', ')}, h text, rn int) ` +
    `on conflict ("_key") do update set ${sets.join(', ')} where ${q(table)}."_batch" is distinct from excluded."_batch" returning "_key"`;
  return async (rows) => {
    const first = new Set<string>();
    const send: Record<string, unknown>[] = [];
    for (const row of rows) {
      if (first.has(row.key)) continue;
      first.add(row.key);
      const o: Record<string, unknown> = { k: row.key, h: row.hash, rn: row.recordNo };
      for (let i = 0; i < cols.length; i++) o[`c${i}`] = row.values[i] ?? null;
      send.push(o);
    }
    await trx.executeQuery(CompiledQuery.raw(text, [JSON.stringify(send), 'bench-unit', batchId, now]));
    return [];
  };
}

/** Streams the file into a fresh dataset table through the variant; `url` is a scratch database. */
export async function measureStore(
  url: string,
  file: string,
  elements: Element[],
  today: string,
  variant: StoreVariant,
): Promise<StoreTiming> {
  const database = await openDatabase(url);
  const engine = database.adapter.engine;
  const table = `ds_store_${variant.replace(/\W/g, '_')}`;
  const now = new Date().toISOString();
  const batchId = `bench-${variant}`;
  try {
    await createDatasetTable(
      database.db,
      engine,
      table,
      elements.map((e) => ({ column: e.code, type: e.type })),
    );
    if (variant === 'nobatchidx') await database.db.schema.dropIndex(`${table}_batch_idx`).execute();
    const conn = await database.dedicated();
    try {
      if (variant === 'cache64') conn.native?.pragma('cache_size = -65536');
      const reader = await openRecordReader(file);
      const prepare = preparer(reader.header, elements, today);
      const total = new Stopwatch();
      let rows = 0;
      let storeWall = 0;
      let storeCpu = 0;
      let lastWrite = 0;
      let serverCpuSeconds: number | null = null;
      await conn.db.transaction().execute(async (trx) => {
        // the server process of this transaction, to tell its CPU time from ours (same host only)
        const pid =
          engine === 'postgres' ? Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid) : 0;
        const server0 = pid ? processCpu(pid) : null;
        const upserter = createUpserter(
          engine,
          { trx, native: conn.native },
          {
            table,
            columns: elements.map((e) => ({ name: e.code, type: e.type })),
            batchId,
            sourceUnitId: 'bench-unit',
            now,
          },
        );
        const upsert = variant === 'json' ? jsonUpserter(trx, table, elements, batchId, now) : (r: StoreRow[]) => upserter.upsert(r);
        let inFlight: Promise<unknown> | null = null;
        for await (const chunk of reader.chunks()) {
          const prepared = prepare(chunk);
          rows += prepared.length;
          const w = new Stopwatch();
          if (variant === 'overlap') {
            // wait for the previous chunk only now, after this one is prepared
            if (inFlight) await inFlight;
            inFlight = upsert(prepared);
          } else await upsert(prepared);
          const t = w.elapsed();
          storeWall += t.seconds;
          storeCpu += t.cpuSeconds;
        }
        if (inFlight) {
          const w = new Stopwatch();
          await inFlight;
          const t = w.elapsed();
          storeWall += t.seconds;
          storeCpu += t.cpuSeconds;
        }
        lastWrite = total.seconds();
        const server1 = pid ? processCpu(pid) : null;
        if (server0 !== null && server1 !== null) serverCpuSeconds = server1 - server0;
      });
      const t = total.elapsed();
      return { ...t, rows, store: { seconds: storeWall, cpuSeconds: storeCpu }, commitSeconds: t.seconds - lastWrite, serverCpuSeconds };
    } finally {
      await conn.close();
    }
  } finally {
    await database.close();
  }
}
