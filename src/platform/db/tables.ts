// Every table, in an order where each comes after the tables it references: backup writes them in
// this order and restore inserts them in it. A migration that adds a table adds it here too.
import type { DB } from './schema.js';

export interface TableSpec {
  name: keyof DB;
  /** The migration that created the table: an older database has only the tables of its schema. */
  since: string;
  /** Columns that order rows stably for paging. */
  key: string[];
  /** Column naming a parent row in the same table: restore inserts parents first. */
  selfParent?: string;
}

export const TABLES: TableSpec[] = [
  { name: 'units', since: '20261127T0130-foundation', key: ['id'], selfParent: 'parent_id' },
  { name: 'users', since: '20261127T0130-foundation', key: ['id'] },
  { name: 'user_roles', since: '20261127T0130-foundation', key: ['user_id', 'role'] },
  { name: 'sessions', since: '20261127T0130-foundation', key: ['id'] },
  { name: 'api_credentials', since: '20261127T0130-foundation', key: ['id'] },
  { name: 'signing_keys', since: '20261127T0130-foundation', key: ['key_id'] },
  { name: 'catalog_code_sequences', since: '20261127T0300-catalog', key: ['prefix'] },
  { name: 'catalog_resources', since: '20261127T0300-catalog', key: ['id'] },
  { name: 'catalog_versions', since: '20261127T0300-catalog', key: ['resource_id', 'version'] },
  { name: 'catalog_collection', since: '20261127T0300-catalog', key: ['id'] },
  { name: 'catalog_open_entries', since: '20261127T0300-catalog', key: ['resource_id'] },
  { name: 'jobs', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'dataset_tables', since: '20261127T0500-aggregation', key: ['resource_id'] },
  { name: 'rule_sets', since: '20261127T0500-aggregation', key: ['resource_id', 'version'] },
  { name: 'batches', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'batch_pages', since: '20261127T0500-aggregation', key: ['batch_id', 'page_no'] },
  { name: 'tickets', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'problem_records', since: '20261127T0500-aggregation', key: ['batch_id', 'record_no'] },
  { name: 'problems', since: '20261127T0500-aggregation', key: ['batch_id', 'record_no', 'rule'] },
  { name: 'quality_scores', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'notifications', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'webhooks', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'outbox', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'library_values', since: '20261127T0500-aggregation', key: ['library', 'key', 'element'] },
  { name: 'thematic_libraries', since: '20261127T0500-aggregation', key: ['id'] },
  { name: 'thematic_rows', since: '20261127T0500-aggregation', key: ['library_id', 'key'] },
  { name: 'audit_anchors', since: '20261127T0130-foundation', key: ['archived_through_seq'] },
  { name: 'audit_log', since: '20261127T0130-foundation', key: ['seq'] },
  { name: 'audit_checkpoints', since: '20261127T0130-foundation', key: ['seq'] },
];

/** The tables that exist at a schema version. */
export function tablesAt(schema: string): string[] {
  return TABLES.filter((t) => t.since <= schema).map((t) => t.name);
}
