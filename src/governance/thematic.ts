// Thematic libraries (专题库, R3.1.4): declared for a thematic resource of the catalog as a base (a dataset
// or a base library) joined to other resources and filtered, then materialised on a schedule. A refresh
// replaces the rows in one audited transaction, so readers see the old rows or the new ones, never half.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, DB } from '../platform/db/index.js';
import { letOthersRun, nowIso } from '../platform/db/index.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { elementCodeSchema, publishedResource, type ResourceView } from '../catalog/index.js';
import type { AuditActor, AuditLog } from '../audit/index.js';
import { LIBRARIES, type LibraryName } from './libraries.js';

const alias = z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, '别名为小写字母开头的 snake_case (aliases are lower snake_case)');
const resourceRef = z.string().min(1).max(60);

export const thematicDefinitionSchema = z
  .object({
    base: z.union([z.object({ resource: resourceRef }).strict(), z.object({ library: z.enum(['population', 'legal_entity']) }).strict()]),
    joins: z
      .array(
        z
          .object({
            alias,
            resource: resourceRef,
            /** base element = this resource's element */
            on: z.object({ base: elementCodeSchema, element: elementCodeSchema }).strict(),
            /** inner join: base rows without a match are left out */
            required: z.boolean().default(false),
          })
          .strict(),
      )
      .max(10)
      .default([]),
    columns: z
      .array(z.object({ from: alias, element: elementCodeSchema, as: elementCodeSchema.optional() }).strict())
      .min(1)
      .max(100),
    filters: z
      .array(
        z
          .object({
            from: alias,
            element: elementCodeSchema,
            op: z.enum(['eq', 'ne', 'in', 'not_null', 'is_null', 'gte', 'lte', 'contains']),
            value: z.union([z.string().max(200), z.array(z.string().max(200)).max(100)]).optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
  })
  .strict();
export type ThematicDefinition = z.infer<typeof thematicDefinitionSchema>;

type Row = Record<string, string | null>;
const BASE = 'base';

interface Source {
  alias: string;
  elements: Set<string>;
  table?: string; // dataset table
  library?: LibraryName;
}

async function datasetTableName(db: Kysely<DB> | Transaction<DB>, resourceId: string): Promise<string | null> {
  const r = await db.selectFrom('dataset_tables').select('table_name').where('resource_id', '=', resourceId).executeTakeFirst();
  return r?.table_name ?? null;
}

/** Checks a definition against the catalog: resources published, elements known, output columns the thematic resource's elements. */
export async function checkDefinition(db: Kysely<DB>, thematic: ResourceView, d: ThematicDefinition): Promise<string[]> {
  const problems: string[] = [];
  const sources = new Map<string, Set<string>>();
  if ('library' in d.base) {
    const lib = LIBRARIES[d.base.library];
    const base = (await import('./libraries.js')).libraryDefinition;
    const def = await base(db, d.base.library);
    if (!def) problems.push(`${lib.zh}尚无已发布的基础资源 (the library has no published base resource)`);
    else sources.set(BASE, new Set(def.base.elements.map((e) => e.code)));
  } else {
    const r = await publishedResource(db, d.base.resource);
    if (!r) problems.push(`base: 资源 ${d.base.resource} 不存在或未发布 (no published resource)`);
    else sources.set(BASE, new Set(r.elements.map((e) => e.code)));
  }
  for (const j of d.joins) {
    if (j.alias === BASE || sources.has(j.alias)) problems.push(`joins.${j.alias}: 别名重复 (duplicate alias)`);
    const r = await publishedResource(db, j.resource);
    if (!r) {
      problems.push(`joins.${j.alias}: 资源 ${j.resource} 不存在或未发布 (no published resource)`);
      continue;
    }
    if (!sources.get(BASE)?.has(j.on.base)) problems.push(`joins.${j.alias}.on.base: 基础来源没有信息项 ${j.on.base} (no such element)`);
    if (!r.elements.some((e) => e.code === j.on.element))
      problems.push(`joins.${j.alias}.on.element: 资源没有信息项 ${j.on.element} (no such element)`);
    sources.set(j.alias, new Set(r.elements.map((e) => e.code)));
  }
  const wanted = new Set(thematic.elements.map((e) => e.code));
  const out = new Set<string>();
  for (const c of d.columns) {
    const name = c.as ?? c.element;
    if (!sources.get(c.from)?.has(c.element)) problems.push(`columns.${name}: ${c.from} 没有信息项 ${c.element} (no such element)`);
    if (out.has(name)) problems.push(`columns.${name}: 输出列重复 (duplicate output column)`);
    if (wanted.size > 0 && !wanted.has(name))
      problems.push(`columns.${name}: 专题资源「${thematic.name}」没有该信息项 (not an element of the thematic resource)`);
    out.add(name);
  }
  const key = thematic.elements.find((e) => e.key);
  if (key && !out.has(key.code))
    problems.push(`columns: 须包含专题资源的主键信息项 ${key.code} (the key element must be an output column)`);
  for (const f of d.filters)
    if (!sources.get(f.from)?.has(f.element)) problems.push(`filters.${f.from}.${f.element}: 没有该信息项 (no such element)`);
  return problems;
}

/** Declares (or replaces) the thematic library of a thematic resource. */
export async function declareThematic(
  db: Kysely<DB>,
  audit: AuditLog,
  actor: AuditActor,
  t: { resourceId: string; definition: ThematicDefinition; refreshHours: number; userId: string; clock: () => number },
): Promise<string> {
  const resource = await publishedResource(db, t.resourceId);
  if (!resource) throw notFound('resource_not_found', '资源不存在或未发布 (no published resource)');
  if (resource.kind !== 'thematic') throw badRequest('not_thematic', `资源「${resource.name}」不是主题类资源 (not a thematic resource)`);
  const problems = await checkDefinition(db, resource, t.definition);
  if (problems.length > 0)
    throw badRequest('bad_definition', `专题库定义有 ${problems.length} 处错误 (the definition has errors)`, { problems });
  return audit.transaction(actor, async (trx, trail) => {
    const now = nowIso(t.clock);
    const existing = await trx.selectFrom('thematic_libraries').select('id').where('resource_id', '=', resource.id).executeTakeFirst();
    const id = existing?.id ?? randomUUID();
    const row = { definition: JSON.stringify(t.definition), refresh_hours: t.refreshHours, name: resource.name, updated_at: now };
    if (existing) await trx.updateTable('thematic_libraries').set(row).where('id', '=', id).execute();
    else
      await trx
        .insertInto('thematic_libraries')
        .values({
          id,
          resource_id: resource.id,
          code: resource.code,
          created_by: t.userId,
          created_at: now,
          row_count: null,
          refreshed_at: null,
          ...row,
        })
        .execute();
    trail.record({
      action: existing ? 'thematic.updated' : 'thematic.declared',
      objectType: 'thematic',
      objectId: id,
      details: { resource: resource.code, refreshHours: t.refreshHours },
    });
    return id;
  });
}

function matches(v: string | null, op: ThematicDefinition['filters'][number]['op'], value: string | string[] | undefined): boolean {
  const one = Array.isArray(value) ? value[0] : value;
  switch (op) {
    case 'not_null':
      return v !== null && v !== '';
    case 'is_null':
      return v === null || v === '';
    case 'eq':
      return v === one;
    case 'ne':
      return v !== one;
    case 'in':
      return v !== null && (Array.isArray(value) ? value : [value]).includes(v);
    case 'gte':
      return v !== null && one !== undefined && compare(v, one) >= 0;
    case 'lte':
      return v !== null && one !== undefined && compare(v, one) <= 0;
    case 'contains':
      return v !== null && one !== undefined && v.includes(one);
  }
}

function compare(a: string, b: string): number {
  const x = Number(a),
    y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const PAGE = 1000;

async function* basePages(trx: Transaction<DB>, base: Source): AsyncGenerator<Row[]> {
  if (base.table) {
    for (let after = ''; ;) {
      const r = await sql<
        Record<string, unknown>
      >`select * from ${sql.id(base.table)} where _deleted = 0 and _key > ${after} order by _key limit ${PAGE}`.execute(trx);
      if (r.rows.length === 0) return;
      after = String(r.rows[r.rows.length - 1]!._key);
      yield r.rows.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, text(v)])));
    }
  }
  for (let after = ''; ;) {
    const keys = await trx
      .selectFrom('library_values')
      .select('key')
      .distinct()
      .where('library', '=', base.library!)
      .where('key', '>', after)
      .orderBy('key')
      .limit(PAGE)
      .execute();
    if (keys.length === 0) return;
    after = keys[keys.length - 1]!.key;
    const values = await trx
      .selectFrom('library_values')
      .select(['key', 'element', 'value'])
      .where('library', '=', base.library!)
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .execute();
    const rows = new Map<string, Row>(keys.map((k) => [k.key, { _key: k.key }]));
    for (const v of values) rows.get(v.key)![v.element] = v.value;
    // the library's key element is its identifier
    const keyElement = base.elements.values().next().value as string;
    for (const r of rows.values()) r[keyElement] = r._key ?? null;
    yield [...rows.values()];
  }
}

/** Re-materialises a thematic library now; returns its row count. */
export async function refreshThematic(
  database: Database,
  audit: AuditLog,
  id: string,
  clock: () => number,
  actor: AuditActor = { type: 'system', id: null, name: 'thematic-refresh', unitId: null },
): Promise<number> {
  const db = database.db;
  const lib = await db.selectFrom('thematic_libraries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!lib) throw notFound('thematic_not_found', '专题库不存在 (no such thematic library)');
  const d = thematicDefinitionSchema.parse(JSON.parse(lib.definition));
  const thematic = await publishedResource(db, lib.resource_id);
  if (!thematic) throw conflict('not_published', '专题资源已不再发布 (the thematic resource is no longer published)');
  const problems = await checkDefinition(db, thematic, d);
  if (problems.length > 0) throw conflict('bad_definition', `专题库定义已不再有效：${problems.join('；')}`, { problems });
  const keyCol = thematic.elements.find((e) => e.key)?.code ?? null;
  // everything read from the catalog before the transaction: on SQLite the transaction holds the one connection
  const base: Source = { alias: BASE, elements: new Set() };
  if ('library' in d.base) {
    const { libraryDefinition } = await import('./libraries.js');
    const def = (await libraryDefinition(db, d.base.library))!;
    base.library = d.base.library;
    base.elements = new Set([def.keyElement.code, ...def.base.elements.map((e) => e.code)]);
  } else {
    const r = (await publishedResource(db, d.base.resource))!;
    base.table = (await datasetTableName(db, r.id)) ?? undefined;
    base.elements = new Set(r.elements.map((e) => e.code));
  }
  const joins: (Source & { on: { base: string; element: string }; required: boolean })[] = [];
  for (const j of d.joins) {
    const r = (await publishedResource(db, j.resource))!;
    joins.push({
      alias: j.alias,
      elements: new Set(r.elements.map((e) => e.code)),
      table: (await datasetTableName(db, r.id)) ?? undefined,
      on: j.on,
      required: j.required,
    });
  }
  // a connection of its own: on SQLite the shared one stays free for readers while the rows are rebuilt
  const conn = await database.dedicated();
  return audit
    .transaction(
      actor,
      async (trx, trail) => {
        await trx.deleteFrom('thematic_rows').where('library_id', '=', id).execute();
        let count = 0;
        const seen = new Set<string>();
        const pages = base.table || base.library ? basePages(trx, base) : (async function* () {})();
        for await (const page of pages) {
          const joined = new Map<string, Map<string, Row>>();
          for (const j of joins) {
            const m = new Map<string, Row>();
            const values = [...new Set(page.map((r) => r[j.on.base]).filter((v): v is string => v != null))];
            if (j.table && values.length > 0) {
              const r = await sql<
                Record<string, unknown>
              >`select * from ${sql.id(j.table)} where _deleted = 0 and ${sql.id(j.on.element)} in (${sql.join(values)}) order by _key`.execute(
                trx,
              );
              for (const x of r.rows) {
                const v = text(x[j.on.element]);
                if (v !== null && !m.has(v)) m.set(v, Object.fromEntries(Object.entries(x).map(([k, val]) => [k, text(val)])));
              }
            }
            joined.set(j.alias, m);
          }
          const out: { library_id: string; key: string; row_values: string }[] = [];
          for (const b of page) {
            const sources: Record<string, Row | undefined> = { [BASE]: b };
            let keep = true;
            for (const j of joins) {
              const v = b[j.on.base];
              sources[j.alias] = v == null ? undefined : joined.get(j.alias)!.get(v);
              if (j.required && !sources[j.alias]) keep = false;
            }
            if (!keep) continue;
            if (!d.filters.every((f) => matches(sources[f.from]?.[f.element] ?? null, f.op, f.value))) continue;
            const row: Row = {};
            for (const c of d.columns) row[c.as ?? c.element] = sources[c.from]?.[c.element] ?? null;
            const key = (keyCol ? row[keyCol] : null) ?? b._key ?? String(count + 1);
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ library_id: id, key, row_values: JSON.stringify(row) });
          }
          for (let i = 0; i < out.length; i += 300)
            await trx
              .insertInto('thematic_rows')
              .values(out.slice(i, i + 300))
              .execute();
          count += out.length;
          await letOthersRun();
        }
        const now = nowIso(clock);
        await trx.updateTable('thematic_libraries').set({ row_count: count, refreshed_at: now }).where('id', '=', id).execute();
        trail.record({ action: 'thematic.refreshed', objectType: 'thematic', objectId: id, details: { resource: lib.code, rows: count } });
        return count;
      },
      { on: conn.db },
    )
    .finally(() => conn.close());
}

/** Libraries whose refresh is due (never refreshed, or older than their interval). */
export async function dueThematic(db: Kysely<DB>, clock: () => number): Promise<string[]> {
  const rows = await db.selectFrom('thematic_libraries').select(['id', 'refreshed_at', 'refresh_hours']).execute();
  const now = clock();
  return rows.filter((r) => !r.refreshed_at || now - Date.parse(r.refreshed_at) >= r.refresh_hours * 3_600_000).map((r) => r.id);
}

export async function thematicRows(db: Kysely<DB>, id: string, page: number, pageSize: number): Promise<{ total: number; items: Row[] }> {
  // an unknown id is a 404, as for every other object, not an empty library
  const lib = await db.selectFrom('thematic_libraries').select('id').where('id', '=', id).executeTakeFirst();
  if (!lib) throw notFound('thematic_not_found', '专题库不存在 (no such thematic library)');
  const total = await db
    .selectFrom('thematic_rows')
    .select(sql<number>`count(*)`.as('n'))
    .where('library_id', '=', id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('thematic_rows')
    .select('row_values')
    .where('library_id', '=', id)
    .orderBy('key')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map((r) => JSON.parse(r.row_values) as Row) };
}
