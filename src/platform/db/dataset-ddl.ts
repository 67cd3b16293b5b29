// The shape of a dataset table, made from its registered columns: the dataset store creates tables with
// it, and restore re-creates them from the registry before loading their rows.
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB } from './schema.js';
import type { Engine } from './adapter.js';
import { storedColumnType, type StoredType } from './bulk-upsert.js';

export interface DatasetColumnSpec {
  column: string;
  type: StoredType;
}

export async function createDatasetTable(
  db: Kysely<DB> | Transaction<DB>,
  engine: Engine,
  table: string,
  columns: readonly DatasetColumnSpec[],
): Promise<void> {
  let create = db.schema.createTable(table).addColumn('_key', 'text', (c) => c.primaryKey());
  for (const c of columns) create = create.addColumn(c.column, sql.raw(storedColumnType(engine, c.type)));
  await create
    .addColumn('_source_unit', 'text', (c) => c.notNull())
    .addColumn('_batch', 'text', (c) => c.notNull())
    .addColumn('_first_seen', 'text', (c) => c.notNull())
    .addColumn('_last_changed', 'text', (c) => c.notNull())
    .addColumn('_row_hash', 'text', (c) => c.notNull())
    .addColumn('_deleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('_record', 'integer')
    .execute();
  await db.schema.createIndex(`${table}_batch_idx`).on(table).column('_batch').execute();
}
