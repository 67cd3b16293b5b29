// The dataset store: one typed table per published table resource, made from its data elements, with
// system columns that say where each record came from and when it changed. A new catalog version
// migrates its table: new elements become columns, removed ones are kept (retired, never dropped: data
// is not lost by editing a catalog), and a changed type moves the old column aside.
import { sql, type Kysely, type Transaction } from 'kysely';
import { createDatasetTable, storedColumnType, type DB, type Database, type StoredType } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { conflict } from '../platform/errors.js';
import type { AuditLog } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import type { ResourceView } from '../catalog/index.js';

export interface DatasetColumn {
  element: string;
  /** The SQL column: the element code, or a moved-aside name for a retired column. */
  column: string;
  type: StoredType;
  key: boolean;
  retired: boolean;
}

export interface DatasetTable {
  resourceId: string;
  tableName: string;
  catalogVersion: number;
  columns: DatasetColumn[];
}

export const KEY_SEPARATOR = '\u001f';

/** A table name from a catalog code (validated when issued: digits, letters and dashes). */
export function tableNameFor(code: string): string {
  const name = `ds_${code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  if (!/^ds_[a-z0-9_]{1,60}$/.test(name)) throw new Error(`cannot make a table name from code ${code}`);
  return name;
}

/** The live columns of the table, in the resource's element order. */
export function liveColumns(t: DatasetTable): DatasetColumn[] {
  return t.columns.filter((c) => !c.retired);
}

export async function datasetTable(db: Kysely<DB> | Transaction<DB>, resourceId: string): Promise<DatasetTable | null> {
  const row = await db.selectFrom('dataset_tables').selectAll().where('resource_id', '=', resourceId).executeTakeFirst();
  if (!row) return null;
  return {
    resourceId,
    tableName: row.table_name,
    catalogVersion: row.catalog_version,
    columns: JSON.parse(row.columns) as DatasetColumn[],
  };
}

const ident = (s: string) => sql.id(s);

/**
 * Makes or migrates the resource's table to its published version, audited in the same transaction.
 * Returns the table as it now is. A no-op when it is already at that version.
 */
export async function ensureDatasetTable(
  database: Database,
  audit: AuditLog,
  resource: ResourceView,
  clock: () => number,
): Promise<DatasetTable> {
  if (resource.format !== 'table')
    throw conflict('not_a_table', `资源「${resource.name}」不是库表类资源，不能汇聚记录 (only table resources take records)`);
  const existing = await datasetTable(database.db, resource.id);
  if (existing && existing.catalogVersion === resource.version) return existing;
  const engine = database.adapter.engine;
  const type = (t: StoredType) => sql.raw(storedColumnType(engine, t));
  return audit.transaction({ ...SYSTEM_ACTOR, name: 'dataset-store' }, async (trx, trail) => {
    const now = nowIso(clock);
    // re-read inside the transaction: another process may have migrated meanwhile
    const current = await datasetTable(trx, resource.id);
    if (current && current.catalogVersion >= resource.version) return current;
    const wanted: DatasetColumn[] = resource.elements.map((e) => ({
      element: e.code,
      column: e.code,
      type: e.type,
      key: e.key,
      retired: false,
    }));
    if (!current) {
      const table = tableNameFor(resource.code);
      await createDatasetTable(trx, engine, table, wanted);
      await trx
        .insertInto('dataset_tables')
        .values({
          resource_id: resource.id,
          table_name: table,
          catalog_version: resource.version,
          columns: JSON.stringify(wanted),
          created_at: now,
          updated_at: now,
        })
        .execute();
      trail.record({
        action: 'dataset.table_created',
        objectType: 'dataset',
        objectId: resource.id,
        details: { table, version: resource.version, columns: wanted.length },
      });
      return { resourceId: resource.id, tableName: table, catalogVersion: resource.version, columns: wanted };
    }
    const columns = [...current.columns];
    const changes: string[] = [];
    const liveByElement = new Map(liveColumns(current).map((c) => [c.element, c]));
    const oldKeys = liveColumns(current)
      .filter((c) => c.key)
      .map((c) => c.element)
      .join(',');
    const newKeys = wanted
      .filter((c) => c.key)
      .map((c) => c.element)
      .join(',');
    if (oldKeys !== newKeys) {
      const any = await trx
        .selectFrom(current.tableName as keyof DB)
        .select(sql`1`.as('x'))
        .limit(1)
        .executeTakeFirst();
      if (any)
        throw conflict(
          'key_change_with_data',
          `资源的主键信息项由 ${oldKeys} 改为 ${newKeys}，而数据集已有记录，不能自动迁移 (the key elements changed while the dataset holds records)`,
        );
    }
    for (const w of wanted) {
      const have = liveByElement.get(w.element);
      if (have && have.type === w.type) {
        have.key = w.key;
        continue;
      }
      if (have) {
        // the type changed: the old values stay, under a name that says which version they belong to
        const aside = `${have.column}__v${current.catalogVersion}`;
        await sql`alter table ${ident(current.tableName)} rename column ${ident(have.column)} to ${ident(aside)}`.execute(trx);
        have.column = aside;
        have.retired = true;
        changes.push(`${w.element}: ${have.type} → ${w.type}`);
      } else changes.push(`+${w.element}`);
      await sql`alter table ${ident(current.tableName)} add column ${ident(w.column)} ${type(w.type)}`.execute(trx);
      columns.push(w);
    }
    for (const c of liveColumns(current))
      if (!wanted.some((w) => w.element === c.element)) {
        c.retired = true;
        changes.push(`-${c.element}`);
      }
    // keep live columns in the catalog's element order, retired ones after
    const order = new Map(wanted.map((w, i) => [w.element, i]));
    const live = columns.filter((c) => !c.retired).sort((a, b) => order.get(a.element)! - order.get(b.element)!);
    const next = [...live, ...columns.filter((c) => c.retired)];
    await trx
      .updateTable('dataset_tables')
      .set({ catalog_version: resource.version, columns: JSON.stringify(next), updated_at: now })
      .where('resource_id', '=', resource.id)
      .execute();
    trail.record({
      action: 'dataset.table_migrated',
      objectType: 'dataset',
      objectId: resource.id,
      details: { from: current.catalogVersion, to: resource.version, changes },
    });
    return { ...current, catalogVersion: resource.version, columns: next };
  });
}

/** Live (not deleted) records in the resource's table; 0 when it has none yet. */
export async function liveCount(db: Kysely<DB>, table: DatasetTable | null): Promise<number> {
  if (!table) return 0;
  const r = await sql<{ n: number }>`select count(*) as n from ${ident(table.tableName)} where _deleted = 0`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
