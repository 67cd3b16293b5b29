// Catalogs: resources and their versions, code sequences (codes are never reused), the collection
// catalog and the open catalog.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalog_code_sequences')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('provider_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('published_version', 'integer')
    .addColumn('deprecated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_resources_provider_idx').on('catalog_resources').column('provider_unit_id').execute();

  await db.schema
    .createTable('catalog_versions')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('update_cycle', 'text', (c) => c.notNull())
    .addColumn('sharing_type', 'text', (c) => c.notNull())
    .addColumn('open_type', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('published_at', 'text')
    .addPrimaryKeyConstraint('catalog_versions_pk', ['resource_id', 'version'])
    .execute();
  await db.schema.createIndex('catalog_versions_status_idx').on('catalog_versions').column('status').execute();

  await db.schema
    .createTable('catalog_collection')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id'))
    .addColumn('supplier_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('responsible_person', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_collection_resource_idx')
    .on('catalog_collection')
    .columns(['resource_id', 'supplier_unit_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('catalog_open_entries')
    .addColumn('resource_id', 'text', (c) => c.primaryKey().references('catalog_resources.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resource_version', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
