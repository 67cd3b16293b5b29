// Base libraries (基础库, R3.1.4) and one datum, one source (一数一源, R4.1.6). The population library is
// keyed by ID number and the legal-entity library by credit code; each is defined by its base resource
// in the catalog, whose elements are the library's elements and whose authoritative source per element
// is the element's declared unit (or else the base resource's provider). Every resource keyed by the
// same identifier feeds the library with the elements it shares. A value from the authoritative source
// is kept; a disagreeing value from another source is recorded as a consistency problem for that
// source's producer, and the library keeps the authoritative value with its source and batch.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DB, LibraryValuesTable } from '../platform/db/index.js';
import { letOthersRun, nowIso } from '../platform/db/index.js';
import { publishedOfKind, type Element, type ResourceView } from '../catalog/index.js';
import type { AuditLog } from '../audit/index.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { openTicket } from './tickets.js';

export const LIBRARIES = {
  population: { category: 'population', standard: 'GB 11643', zh: '人口基础库' },
  legal_entity: { category: 'legal_entity', standard: 'GB 32100', zh: '法人基础库' },
} as const;
export type LibraryName = keyof typeof LIBRARIES;

/** The libraries a resource feeds: those whose identifier is the resource's single key element. */
export function librariesFedBy(resource: Pick<ResourceView, 'elements' | 'format'>): LibraryName[] {
  if (resource.format !== 'table') return [];
  const keys = resource.elements.filter((e) => e.key);
  if (keys.length !== 1) return [];
  return (Object.keys(LIBRARIES) as LibraryName[]).filter((l) => keys[0]!.standardRef === LIBRARIES[l].standard);
}

export interface LibraryDefinition {
  name: LibraryName;
  base: ResourceView;
  keyElement: Element;
  /** Element code → the unit whose value is authoritative. */
  authority: Map<string, string>;
}

export async function libraryDefinition(db: Kysely<DB>, name: LibraryName): Promise<LibraryDefinition | null> {
  // the first base resource of the category catalogued defines the library; later ones of that kind feed it
  const base = (await publishedOfKind(db, 'base'))
    .filter((r) => r.baseCategory === LIBRARIES[name].category)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.code.localeCompare(b.code))[0];
  if (!base) return null;
  const keyElement = base.elements.find((e) => e.key && e.standardRef === LIBRARIES[name].standard);
  if (!keyElement) return null;
  const authority = new Map(base.elements.filter((e) => !e.key).map((e) => [e.code, e.authoritativeUnitId ?? base.providerUnitId]));
  return { name, base, keyElement, authority };
}

const PAGE = 1000;

export interface MergeResult {
  library: LibraryName;
  records: number;
  valuesWritten: number;
  conflicts: number;
  /** Values this resource had given for records the batch deleted, taken out of the library. */
  valuesRemoved: number;
  /** Of those, values another source's live record gives again. */
  valuesRefilled: number;
}

/**
 * Merges one applied batch into the libraries its resource feeds, in one audited transaction. Conflicts
 * become problems of the batch's records (rule `authoritative:<element>`), dispatched as a consistency
 * ticket to the batch's producer.
 */
export async function mergeBatchIntoLibraries(
  database: Database,
  audit: AuditLog,
  batchId: string,
  resource: ResourceView,
  table: { tableName: string },
  opts: { clock: () => number; deadlineDays: number; tableOf: DatasetTableOf },
): Promise<MergeResult[]> {
  const db = database.db;
  const batch = await db.selectFrom('batches').selectAll().where('id', '=', batchId).executeTakeFirstOrThrow();
  const results: MergeResult[] = [];
  for (const name of librariesFedBy(resource)) {
    const def = await libraryDefinition(db, name);
    if (!def) continue;
    const shared = resource.elements.filter((e) => !e.key && def.authority.has(e.code));
    if (shared.length === 0) continue;
    // a connection of its own: on SQLite the shared one stays free for readers while the merge runs
    const conn = await database.dedicated();
    const result = await audit
      .transaction(
        { ...SYSTEM_ACTOR, name: 'library-merge' },
        async (trx, trail) => {
          const now = nowIso(opts.clock);
          const r: MergeResult = { library: name, records: 0, valuesWritten: 0, conflicts: 0, valuesRemoved: 0, valuesRefilled: 0 };
          const byRule: Record<string, number> = {};
          for (let after = -1; ;) {
            const rows = await sql<
              Record<string, string | number | null>
            >`select * from ${sql.id(table.tableName)} where _batch = ${batchId} and _deleted = 0 and _record > ${after} order by _record limit ${PAGE}`.execute(
              trx,
            );
            if (rows.rows.length === 0) break;
            after = Number(rows.rows[rows.rows.length - 1]!._record);
            r.records += rows.rows.length;
            const keys = rows.rows.map((x) => String(x._key));
            const existing = await trx
              .selectFrom('library_values')
              .selectAll()
              .where('library', '=', name)
              .where('key', 'in', keys)
              .execute();
            const have = new Map(existing.map((e) => [`${e.key}\u001f${e.element}`, e]));
            const writes: LibraryValueRow[] = [];
            for (const row of rows.rows) {
              const key = String(row._key);
              for (const e of shared) {
                const value = row[e.code] == null ? null : String(row[e.code]);
                if (value === null) continue;
                const authoritative = def.authority.get(e.code) === batch.unit_id;
                const current = have.get(`${key}\u001f${e.code}`);
                if (current && current.value === value) {
                  if (authoritative && !current.authoritative)
                    writes.push(valueRow(name, key, e.code, value, batch, resource.id, true, now));
                  continue;
                }
                if (current?.authoritative && !authoritative) {
                  r.conflicts += 1;
                  byRule[`authoritative:${e.code}`] = (byRule[`authoritative:${e.code}`] ?? 0) + 1;
                  await recordConflict(trx, {
                    batchId,
                    resourceId: resource.id,
                    unitId: batch.unit_id,
                    recordNo: Number(row._record),
                    key,
                    element: e,
                    value,
                    authoritativeValue: current.value,
                    now,
                    row,
                    elements: resource.elements,
                  });
                  continue;
                }
                if (authoritative || !current) writes.push(valueRow(name, key, e.code, value, batch, resource.id, authoritative, now));
              }
            }
            await writeValues(trx, writes);
            r.valuesWritten += writes.length;
            await letOthersRun();
          }
          await removeDeletedRecords(trx, { def, batchId, resource, tableName: table.tableName, now, result: r, tableOf: opts.tableOf });
          if (r.conflicts > 0) {
            const merged = { ...(JSON.parse(batch.problems_by_rule) as Record<string, number>) };
            for (const [k, v] of Object.entries(byRule)) merged[k] = (merged[k] ?? 0) + v;
            await trx
              .updateTable('batches')
              .set({ problems_by_rule: JSON.stringify(merged) })
              .where('id', '=', batchId)
              .execute();
            await openTicket(trx, {
              batchId,
              resourceId: resource.id,
              resourceName: resource.name,
              unitId: batch.unit_id,
              kind: 'consistency',
              now,
              deadlineDays: opts.deadlineDays,
            });
          }
          trail.record({
            action: 'library.merged',
            objectType: 'library',
            objectId: name,
            details: { batch: batchId, resource: resource.code, ...r },
          });
          return r;
        },
        { on: conn.db },
      )
      .finally(() => conn.close());
    results.push(result);
  }
  return results;
}

type LibraryValueRow = LibraryValuesTable;

/** The dataset table of a resource, or null before its first batch: the aggregation module owns them. */
export type DatasetTableOf = (db: Transaction<DB>, resourceId: string) => Promise<string | null>;

/**
 * The records a batch deleted (delete mode, or absent from a snapshot) stop vouching for their values:
 * what this resource gave the library for them is taken out, and where another source still holds a
 * live record of the same entity its value takes the place, the authoritative source's first.
 */
async function removeDeletedRecords(
  trx: Transaction<DB>,
  m: {
    def: LibraryDefinition;
    batchId: string;
    resource: ResourceView;
    tableName: string;
    now: string;
    result: MergeResult;
    tableOf: DatasetTableOf;
  },
): Promise<void> {
  let others: { resource: ResourceView; table: string }[] | undefined;
  for (let after = ''; ;) {
    const rows = await sql<{
      _key: string;
    }>`select _key from ${sql.id(m.tableName)} where _batch = ${m.batchId} and _deleted = 1 and _key > ${after} order by _key limit ${PAGE}`.execute(
      trx,
    );
    if (rows.rows.length === 0) return;
    const keys = rows.rows.map((x) => String(x._key));
    after = keys[keys.length - 1]!;
    const removed = await trx
      .deleteFrom('library_values')
      .where('library', '=', m.def.name)
      .where('source_resource_id', '=', m.resource.id)
      .where('key', 'in', keys)
      .returning(['key', 'element'])
      .execute();
    m.result.valuesRemoved += removed.length;
    if (removed.length === 0) continue;
    others ??= await otherSources(trx, m.def.name, m.resource.id, m.tableOf);
    const writes = await valuesFromOtherSources(trx, m.def, others, removed, m.now);
    await writeValues(trx, writes);
    m.result.valuesRefilled += writes.length;
    await letOthersRun();
  }
}

/** The other published resources feeding a library, each with its dataset table. */
async function otherSources(
  trx: Transaction<DB>,
  name: LibraryName,
  exceptResourceId: string,
  tableOf: DatasetTableOf,
): Promise<{ resource: ResourceView; table: string }[]> {
  const out: { resource: ResourceView; table: string }[] = [];
  for (const kind of ['base', 'thematic', 'departmental'] as const) {
    for (const resource of await publishedOfKind(trx, kind)) {
      if (resource.id === exceptResourceId || !librariesFedBy(resource).includes(name)) continue;
      const table = await tableOf(trx, resource.id);
      if (table) out.push({ resource, table });
    }
  }
  return out;
}

async function valuesFromOtherSources(
  trx: Transaction<DB>,
  def: LibraryDefinition,
  sources: { resource: ResourceView; table: string }[],
  gaps: { key: string; element: string }[],
  now: string,
): Promise<LibraryValueRow[]> {
  const wanted = new Set(gaps.map((g) => `${g.key}\u001f${g.element}`));
  const keys = [...new Set(gaps.map((g) => g.key))];
  const found = new Map<string, LibraryValueRow>();
  for (const { resource, table } of sources) {
    const shared = resource.elements.filter((e) => !e.key && def.authority.has(e.code));
    if (shared.length === 0) continue;
    const rows = await sql<
      Record<string, string | number | null>
    >`select * from ${sql.id(table)} where _deleted = 0 and _key in (${sql.join(keys)})`.execute(trx);
    for (const row of rows.rows) {
      const key = String(row._key);
      const unit = String(row._source_unit);
      for (const e of shared) {
        const slot = `${key}\u001f${e.code}`;
        if (!wanted.has(slot) || row[e.code] == null) continue;
        const authoritative = def.authority.get(e.code) === unit;
        if (found.has(slot) && !(authoritative && !found.get(slot)!.authoritative)) continue;
        found.set(
          slot,
          valueRow(def.name, key, e.code, String(row[e.code]), { id: String(row._batch), unit_id: unit }, resource.id, authoritative, now),
        );
      }
    }
  }
  return [...found.values()];
}

function valueRow(
  library: string,
  key: string,
  element: string,
  value: string,
  batch: { id: string; unit_id: string },
  resourceId: string,
  authoritative: boolean,
  now: string,
): LibraryValueRow {
  return {
    library,
    key,
    element,
    value,
    source_unit_id: batch.unit_id,
    source_resource_id: resourceId,
    batch_id: batch.id,
    authoritative: authoritative ? 1 : 0,
    updated_at: now,
  };
}

/** Writes a page's values in multi-row statements: a value already there takes the new one and its source. */
async function writeValues(trx: Transaction<DB>, rows: LibraryValueRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await trx
      .insertInto('library_values')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) =>
        oc.columns(['library', 'key', 'element']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source_unit_id: eb.ref('excluded.source_unit_id'),
          source_resource_id: eb.ref('excluded.source_resource_id'),
          batch_id: eb.ref('excluded.batch_id'),
          authoritative: eb.ref('excluded.authoritative'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

async function recordConflict(
  trx: Transaction<DB>,
  c: {
    batchId: string;
    resourceId: string;
    unitId: string;
    recordNo: number;
    key: string;
    element: Element;
    value: string;
    authoritativeValue: string | null;
    now: string;
    row: Record<string, unknown>;
    elements: Element[];
  },
) {
  const exists = await trx
    .selectFrom('problem_records')
    .select('status')
    .where('batch_id', '=', c.batchId)
    .where('record_no', '=', c.recordNo)
    .executeTakeFirst();
  if (!exists) {
    const values: Record<string, string | null> = {};
    for (const e of c.elements) values[e.code] = c.row[e.code] == null ? null : String(c.row[e.code]);
    await trx
      .insertInto('problem_records')
      .values({
        batch_id: c.batchId,
        record_no: c.recordNo,
        resource_id: c.resourceId,
        unit_id: c.unitId,
        ticket_id: null,
        record_key: c.key,
        record_values: JSON.stringify(values),
        verdict: 'warning',
        status: 'open',
        corrected_in_batch: null,
        dispute_reason: null,
        created_at: c.now,
        updated_at: c.now,
      })
      .execute();
  }
  await trx
    .insertInto('problems')
    .values({
      batch_id: c.batchId,
      record_no: c.recordNo,
      rule: `authoritative:${c.element.code}`,
      element: c.element.code,
      dimension: 'consistency',
      severity: 'warning',
      value: c.value,
      message: `「${c.element.name}」与权威来源的值「${c.authoritativeValue ?? ''}」不一致 (disagrees with the authoritative source)`,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** One entity of a library with each value's source and batch. */
export async function libraryEntry(
  db: Kysely<DB>,
  name: LibraryName,
  key: string,
): Promise<
  {
    element: string;
    value: string | null;
    sourceUnitId: string;
    sourceResourceId: string;
    batchId: string;
    authoritative: boolean;
    updatedAt: string;
  }[]
> {
  const rows = await db
    .selectFrom('library_values')
    .selectAll()
    .where('library', '=', name)
    .where('key', '=', key)
    .orderBy('element')
    .execute();
  return rows.map((r) => ({
    element: r.element,
    value: r.value,
    sourceUnitId: r.source_unit_id,
    sourceResourceId: r.source_resource_id,
    batchId: r.batch_id,
    authoritative: r.authoritative === 1,
    updatedAt: r.updated_at,
  }));
}

export async function librarySize(db: Kysely<DB>, name: LibraryName): Promise<number> {
  const r = await db
    .selectFrom('library_values')
    .select(sql<number>`count(distinct ${sql.ref('key')})`.as('n'))
    .where('library', '=', name)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
