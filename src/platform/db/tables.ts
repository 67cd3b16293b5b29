// Every table, in an order where each comes after the tables it references: backup writes them in
// this order and restore inserts them in it. A migration that adds a table adds it here too.
import type { DB } from './schema.js';

export interface TableSpec {
  name: keyof DB;
  /** Columns that order rows stably for paging. */
  key: string[];
  /** Column naming a parent row in the same table: restore inserts parents first. */
  selfParent?: string;
}

export const TABLES: TableSpec[] = [
  { name: 'units', key: ['id'], selfParent: 'parent_id' },
  { name: 'users', key: ['id'] },
  { name: 'user_roles', key: ['user_id', 'role'] },
  { name: 'sessions', key: ['id'] },
  { name: 'api_credentials', key: ['id'] },
  { name: 'signing_keys', key: ['key_id'] },
  { name: 'catalog_code_sequences', key: ['prefix'] },
  { name: 'catalog_resources', key: ['id'] },
  { name: 'catalog_versions', key: ['resource_id', 'version'] },
  { name: 'catalog_collection', key: ['id'] },
  { name: 'catalog_open_entries', key: ['resource_id'] },
  { name: 'audit_anchors', key: ['archived_through_seq'] },
  { name: 'audit_log', key: ['seq'] },
  { name: 'audit_checkpoints', key: ['seq'] },
];
