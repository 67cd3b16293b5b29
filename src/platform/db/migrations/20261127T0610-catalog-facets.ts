// Two columns of each catalog version that search needs beside its content: the base category (人口,
// 法人, …), a facet of the catalog browser, and the summary, so that relevance can rank a summary hit
// above a hit in element names. Existing versions are filled from their content; the migration works
// in batches of rows so that a large catalog is not read into memory at once.
import { sql, type Kysely, type RawBuilder } from 'kysely';

const BATCH = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('catalog_versions').addColumn('base_category', 'text').execute();
  await db.schema
    .alterTable('catalog_versions')
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('catalog_versions_base_category_idx').on('catalog_versions').column('base_category').execute();

  let after: { resource_id: string; version: number } | null = null;
  for (;;) {
    const keyset: RawBuilder<unknown> = after
      ? sql`where resource_id > ${after.resource_id} or (resource_id = ${after.resource_id} and version > ${after.version})`
      : sql``;
    const rows: { resource_id: string; version: number; content: string }[] = (
      await sql<{
        resource_id: string;
        version: number;
        content: string;
      }>`select resource_id, version, content from catalog_versions ${keyset} order by resource_id, version limit ${BATCH}`.execute(db)
    ).rows;
    for (const row of rows) {
      const content = JSON.parse(row.content) as { baseCategory?: string | null; summary?: string | null };
      await sql`update catalog_versions set base_category = ${content.baseCategory ?? null}, summary = ${content.summary ?? ''}
                where resource_id = ${row.resource_id} and version = ${row.version}`.execute(db);
    }
    if (rows.length < BATCH) break;
    after = { resource_id: rows[rows.length - 1]!.resource_id, version: Number(rows[rows.length - 1]!.version) };
  }
}
