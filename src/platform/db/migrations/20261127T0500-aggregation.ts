// Aggregation and governance: the registry of dataset tables, batches and their pages, the durable job
// queue, rule sets, problem records and tickets, quality scores, notifications and the webhook outbox,
// the base libraries' per-element values, and thematic libraries. Dataset tables themselves are made at
// run time from catalog entries (aggregation/dataset-store), not here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | running | done | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('jobs_ref_idx').on('jobs').columns(['kind', 'ref_id']).execute();

  await db.schema
    .createTable('dataset_tables')
    .addColumn('resource_id', 'text', (c) => c.primaryKey().references('catalog_resources.id'))
    .addColumn('table_name', 'text', (c) => c.notNull().unique())
    .addColumn('catalog_version', 'integer', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rule_sets')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_sets_pk', ['resource_id', 'version'])
    .execute();

  await db.schema
    .createTable('batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id'))
    .addColumn('catalog_version', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // file | api | correction
    .addColumn('mode', 'text', (c) => c.notNull()) // upsert | delete | snapshot
    .addColumn('format', 'text')
    .addColumn('encoding', 'text')
    .addColumn('file_name', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('stored_path', 'text')
    .addColumn('corrects_batch_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // receiving | queued | running | applied | failed
    .addColumn('rule_set_version', 'integer')
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('applied', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('warned', 'integer', (c) => c.notNull())
    .addColumn('duplicates', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('repaired', 'integer', (c) => c.notNull())
    .addColumn('store_count_before', 'integer')
    .addColumn('store_count_after', 'integer')
    .addColumn('problems_by_rule', 'text', (c) => c.notNull())
    .addColumn('unknown_columns', 'text', (c) => c.notNull())
    .addColumn('score', 'real')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('batches_resource_idx').on('batches').columns(['resource_id', 'created_at']).execute();
  await db.schema.createIndex('batches_unit_idx').on('batches').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('batches_hash_idx').on('batches').columns(['resource_id', 'content_hash']).execute();
  await db.schema.createIndex('batches_idempotency_idx').on('batches').columns(['resource_id', 'idempotency_key']).unique().execute();

  await db.schema
    .createTable('batch_pages')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('page_no', 'integer', (c) => c.notNull())
    .addColumn('records', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('batch_pages_pk', ['batch_id', 'page_no'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('catalog_resources.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // quality | consistency
    .addColumn('status', 'text', (c) => c.notNull()) // open | in_correction | resolved | disputed | overdue
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('records_total', 'integer', (c) => c.notNull())
    .addColumn('records_open', 'integer', (c) => c.notNull())
    .addColumn('dispute_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('tickets_unit_idx').on('tickets').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('tickets_batch_idx').on('tickets').column('batch_id').execute();

  await db.schema
    .createTable('problem_records')
    .addColumn('batch_id', 'text', (c) => c.notNull().references('batches.id'))
    .addColumn('record_no', 'integer', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text')
    .addColumn('record_key', 'text')
    .addColumn('record_values', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull()) // rejected | warning | duplicate
    .addColumn('status', 'text', (c) => c.notNull()) // open | corrected | disputed | resolved
    .addColumn('corrected_in_batch', 'text')
    .addColumn('dispute_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_records_pk', ['batch_id', 'record_no'])
    .execute();
  await db.schema.createIndex('problem_records_ticket_idx').on('problem_records').columns(['ticket_id', 'status']).execute();

  await db.schema
    .createTable('problems')
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('record_no', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problems_pk', ['batch_id', 'record_no', 'rule'])
    .execute();

  await db.schema
    .createTable('quality_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull()) // batch
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('dimensions', 'text', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quality_scores_resource_idx').on('quality_scores').columns(['resource_id', 'at']).execute();
  await db.schema.createIndex('quality_scores_unit_idx').on('quality_scores').columns(['unit_id', 'at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_unit_idx').on('notifications').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | delivered | failed
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_pending_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('library_values')
    .addColumn('library', 'text', (c) => c.notNull()) // population | legal_entity
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('source_unit_id', 'text', (c) => c.notNull())
    .addColumn('source_resource_id', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('authoritative', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_values_pk', ['library', 'key', 'element'])
    .execute();

  await db.schema
    .createTable('thematic_libraries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().unique().references('catalog_resources.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('refresh_hours', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'integer')
    .addColumn('refreshed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('thematic_rows')
    .addColumn('library_id', 'text', (c) => c.notNull().references('thematic_libraries.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('row_values', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thematic_rows_pk', ['library_id', 'key'])
    .execute();
}
