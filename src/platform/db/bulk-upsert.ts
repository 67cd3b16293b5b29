// Bulk writes into a dataset table, the hot path of every batch. Domain code hands over rows of text
// (already cleansed and checked); each engine gets the fastest honest path: on SQLite a prepared
// statement per row on the batch's own connection, on PostgreSQL one multi-row statement per chunk
// fed by json_to_recordset() of one JSON parameter. Both run inside the caller's open transaction.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { DB } from './schema.js';
import type { Engine } from './adapter.js';

export type StoredType = 'string' | 'integer' | 'decimal' | 'date' | 'datetime' | 'boolean';

export interface UpsertSpec {
  /** A validated identifier (made from a catalog code), never raw user text. */
  table: string;
  /** The element columns, validated identifiers, in the order of each row's values. */
  columns: { name: string; type: StoredType }[];
  batchId: string;
  sourceUnitId: string;
  now: string;
}

export interface StoreRow {
  key: string;
  /** The record's number in its batch (1-based), kept so later findings can name the record. */
  recordNo: number;
  values: (string | null)[];
  hash: string;
}

/** applied: written (new, changed or confirmed); duplicate: the same record came earlier in this batch; conflict: the key came earlier in this batch with other values. */
export type RowOutcome = 'applied' | 'duplicate' | 'conflict';

export interface Upserter {
  upsert(rows: StoreRow[]): Promise<RowOutcome[]>;
  /** Marks live rows with these keys deleted; returns how many were. */
  deleteKeys(keys: string[]): Promise<number>;
  /** Snapshot mode: marks every live row this batch did not see deleted. */
  deleteUnseen(): Promise<number>;
  /** Snapshot mode: counts these keys as seen without changing their rows (their new records were rejected). */
  keep(keys: string[]): Promise<void>;
  countLive(): Promise<number>;
}

export interface WriteConnection {
  trx: Transaction<DB> | Kysely<DB>;
  native: BetterSqlite3.Database | null;
}

const q = (id: string) => `"${id}"`;

/** The SQL column type of an element type on each engine (SQLite keeps decimals as exact text). */
export function storedColumnType(engine: Engine, type: StoredType): string {
  if (engine === 'sqlite') return type === 'integer' || type === 'boolean' ? 'integer' : 'text';
  return { string: 'text', integer: 'bigint', decimal: 'numeric', date: 'date', datetime: 'timestamp', boolean: 'boolean' }[type];
}

export function createUpserter(engine: Engine, conn: WriteConnection, spec: UpsertSpec): Upserter {
  if (engine === 'sqlite') {
    if (!conn.native) throw new Error('bulk upsert on SQLite needs the native connection of the transaction');
    return sqliteUpserter(conn.native, spec);
  }
  return postgresUpserter(conn.trx, spec);
}

function sqliteValue(type: StoredType, v: string | null): string | number | bigint | null {
  if (v === null) return null;
  if (type === 'integer') return v.length <= 15 ? Number(v) : BigInt(v);
  if (type === 'boolean') return v === 'true' ? 1 : 0;
  return v;
}

function updateSet(spec: UpsertSpec, table: string): string {
  const sets = spec.columns.map((c) => `${q(c.name)} = excluded.${q(c.name)}`);
  sets.push(
    `"_source_unit" = excluded."_source_unit"`,
    `"_batch" = excluded."_batch"`,
    `"_last_changed" = case when ${table}."_row_hash" = excluded."_row_hash" and ${table}."_deleted" = 0 then ${table}."_last_changed" else excluded."_last_changed" end`,
    `"_row_hash" = excluded."_row_hash"`,
    `"_deleted" = 0`,
    `"_record" = excluded."_record"`,
  );
  return sets.join(', ');
}

function sqliteUpserter(native: BetterSqlite3.Database, spec: UpsertSpec): Upserter {
  const t = q(spec.table);
  const cols = [
    '"_key"',
    ...spec.columns.map((c) => q(c.name)),
    '"_source_unit"',
    '"_batch"',
    '"_first_seen"',
    '"_last_changed"',
    '"_row_hash"',
    '"_deleted"',
    '"_record"',
  ];
  const insert = native.prepare(
    `insert into ${t} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')}) ` +
      `on conflict("_key") do update set ${updateSet(spec, t)} where ${t}."_batch" is not excluded."_batch"`,
  );
  const hashOf = native.prepare(`select "_row_hash" as h from ${t} where "_key" = ?`).pluck();
  const del = native.prepare(`update ${t} set "_deleted" = 1, "_batch" = ?, "_last_changed" = ? where "_key" = ? and "_deleted" = 0`);
  const delUnseen = native.prepare(
    `update ${t} set "_deleted" = 1, "_batch" = ?, "_last_changed" = ? where "_deleted" = 0 and "_batch" is not ?`,
  );
  const keepOne = native.prepare(`update ${t} set "_batch" = ? where "_key" = ? and "_deleted" = 0`);
  const count = native.prepare(`select count(*) from ${t} where "_deleted" = 0`).pluck();
  const types = spec.columns.map((c) => c.type);
  const params: unknown[] = new Array(cols.length);
  const n = types.length;
  params[n + 1] = spec.sourceUnitId;
  params[n + 2] = spec.batchId;
  params[n + 3] = spec.now;
  params[n + 4] = spec.now;
  params[n + 6] = 0;
  return {
    async upsert(rows) {
      const out: RowOutcome[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        params[0] = row.key;
        for (let i = 0; i < n; i++) params[i + 1] = sqliteValue(types[i]!, row.values[i] ?? null);
        params[n + 5] = row.hash;
        params[n + 7] = row.recordNo;
        if (insert.run(params).changes === 1) out[r] = 'applied';
        else out[r] = hashOf.get(row.key) === row.hash ? 'duplicate' : 'conflict';
      }
      return out;
    },
    async deleteKeys(keys) {
      let changed = 0;
      for (const k of keys) changed += del.run(spec.batchId, spec.now, k).changes;
      return changed;
    },
    async deleteUnseen() {
      return delUnseen.run(spec.batchId, spec.now, spec.batchId).changes;
    },
    async keep(keys) {
      for (const k of keys) keepOne.run(spec.batchId, k);
    },
    async countLive() {
      return Number(count.get());
    },
  };
}

function postgresUpserter(trx: Transaction<DB> | Kysely<DB>, spec: UpsertSpec): Upserter {
  const t = q(spec.table);
  const n = spec.columns.length;
  const cast = (type: StoredType) =>
    ({ string: '', integer: '::bigint', decimal: '::numeric', date: '::date', datetime: '::timestamp', boolean: '::boolean' })[type];
  // the rows travel as one JSON parameter: node-postgres escapes a JSON string far faster than it
  // serialises a dozen text arrays (measured in bench/ingest.ts: −31% client CPU per row)
  const fields = ['k text', ...spec.columns.map((_, i) => `c${i} text`), 'h text', 'rn integer'];
  const insertSql =
    `insert into ${t} ("_key", ${spec.columns.map((c) => q(c.name)).join(', ')}, "_source_unit", "_batch", "_first_seen", "_last_changed", "_row_hash", "_deleted", "_record") ` +
    `select u.k, ${spec.columns.map((c, i) => `u.c${i}${cast(c.type)}`).join(', ')}, $2, $3, $4, $4, u.h, 0, u.rn ` +
    `from json_to_recordset($1::json) as u(${fields.join(', ')}) ` +
    `on conflict ("_key") do update set ${updateSet(spec, t)} where ${t}."_batch" is distinct from excluded."_batch" returning "_key"`;
  const names = spec.columns.map((_, i) => `c${i}`);
  const run = async <R>(text: string, params: unknown[]) => (await trx.executeQuery<R>(CompiledQuery.raw(text, params))).rows;
  return {
    async upsert(rows) {
      const out: RowOutcome[] = new Array(rows.length);
      // one statement may not touch a row twice: later copies of a key within the chunk are judged here
      const first = new Map<string, number>();
      const send: number[] = [];
      rows.forEach((row, r) => {
        const seen = first.get(row.key);
        if (seen === undefined) {
          first.set(row.key, r);
          send.push(r);
        } else out[r] = rows[seen]!.hash === row.hash ? 'duplicate' : 'conflict';
      });
      if (send.length === 0) return out;
      const records = send.map((r) => {
        const row = rows[r]!;
        const o: Record<string, string | number | null> = { k: row.key, h: row.hash, rn: row.recordNo };
        for (let i = 0; i < n; i++) o[names[i]!] = row.values[i] ?? null;
        return o;
      });
      const params: unknown[] = [JSON.stringify(records), spec.sourceUnitId, spec.batchId, spec.now];
      const written = new Set((await run<{ _key: string }>(insertSql, params)).map((x) => x._key));
      const missed = send.filter((r) => !written.has(rows[r]!.key));
      const stored = new Map<string, string>();
      if (missed.length > 0) {
        const found = await run<{ _key: string; _row_hash: string }>(
          `select "_key", "_row_hash" from ${t} where "_key" = any($1::text[])`,
          [missed.map((r) => rows[r]!.key)],
        );
        for (const f of found) stored.set(f._key, f._row_hash);
      }
      for (const r of send) {
        const row = rows[r]!;
        out[r] = written.has(row.key) ? 'applied' : stored.get(row.key) === row.hash ? 'duplicate' : 'conflict';
      }
      // a later copy judged against an earlier one in the chunk that turned out to be a conflict stays as judged
      return out;
    },
    async deleteKeys(keys) {
      if (keys.length === 0) return 0;
      const r = await trx.executeQuery(
        CompiledQuery.raw(
          `update ${t} set "_deleted" = 1, "_batch" = $1, "_last_changed" = $2 where "_key" = any($3::text[]) and "_deleted" = 0`,
          [spec.batchId, spec.now, keys],
        ),
      );
      return Number(r.numAffectedRows ?? 0);
    },
    async deleteUnseen() {
      const r = await trx.executeQuery(
        CompiledQuery.raw(
          `update ${t} set "_deleted" = 1, "_batch" = $2, "_last_changed" = $1 where "_deleted" = 0 and "_batch" is distinct from $2`,
          [spec.now, spec.batchId],
        ),
      );
      return Number(r.numAffectedRows ?? 0);
    },
    async keep(keys) {
      if (keys.length > 0)
        await trx.executeQuery(
          CompiledQuery.raw(`update ${t} set "_batch" = $1 where "_key" = any($2::text[]) and "_deleted" = 0`, [spec.batchId, keys]),
        );
    },
    async countLive() {
      const rows = await run<{ n: number }>(`select count(*)::int as n from ${t} where "_deleted" = 0`, []);
      return Number(rows[0]?.n ?? 0);
    },
  };
}
