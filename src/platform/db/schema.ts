// Table types of the whole database, grouped by the module that owns them (only that module writes them).
// Timestamps are ISO-8601 UTC strings with milliseconds ("2026-11-27T01:30:03.123Z") on both engines:
// identical text round-trips on SQLite and PostgreSQL, sorts correctly, and hashes identically.

// --- identity ---
export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  status: 'active' | 'disabled';
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  password_hash: string;
  password_changed_at: string;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  previous_login_at: string | null;
  /** 1 while the password was set by someone else (or grew too old): the session may only change it */
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionsTable {
  id: string; // SM3 of the bearer/cookie token; the token itself is never stored
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface ApiCredentialsTable {
  id: string;
  key_id: string;
  secret_hash: string;
  name: string;
  user_id: string;
  unit_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

// --- audit ---
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: 'user' | 'credential' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: 'success' | 'denied' | 'failure';
  ip: string | null;
  request_id: string | null;
  details: string; // canonical JSON text: hashed exactly as stored
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointsTable {
  seq: number;
  at: string;
  hash: string;
  key_id: string;
  signature: string;
}

/** Where the live chain starts after older entries were archived (R3.1.8 retention). */
export interface AuditAnchorsTable {
  archived_through_seq: number;
  archived_through_hash: string;
  archive_file: string;
  archive_sm3: string;
  at: string;
  /** Since 20261127T0600: the archive's cut-off time and the platform key's SM2 signature over the anchor. */
  cutoff: string | null;
  key_id: string | null;
  signature: string | null;
}

export interface SigningKeysTable {
  key_id: string;
  algorithm: string;
  public_key: string;
  created_at: string;
}

// --- catalog ---
export interface CatalogCodeSequencesTable {
  prefix: string;
  last_seq: number;
}

export interface CatalogResourcesTable {
  id: string;
  code: string;
  provider_unit_id: string;
  current_version: number; // the working copy: the newest version
  published_version: number | null; // what consumers see
  deprecated_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CatalogVersionsTable {
  resource_id: string;
  version: number;
  status: string;
  content: string; // canonical JSON of the ResourceContent
  name: string;
  kind: string;
  format: string;
  update_cycle: string;
  sharing_type: string;
  open_type: string;
  grade: string;
  search_text: string; // name, summary and element names, for search
  base_category: string | null; // a facet: the base library category of a base resource (since 20261127T0610)
  summary: string; // for ranking: a summary hit outranks an element-name hit (since 20261127T0610)
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  published_at: string | null;
}

export interface CatalogCollectionTable {
  id: string;
  resource_id: string;
  supplier_unit_id: string;
  method: string;
  frequency: string;
  responsible_person: string;
  contact: string;
  starts_on: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface CatalogOpenEntriesTable {
  resource_id: string;
  status: string;
  resource_version: number;
  submitted_by: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
  published_at: string | null;
  updated_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  ref_id: string;
  status: string;
  attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  run_after: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface DatasetTablesTable {
  resource_id: string;
  table_name: string;
  catalog_version: number;
  columns: string;
  created_at: string;
  updated_at: string;
}

export interface RuleSetsTable {
  resource_id: string;
  version: number;
  definition: string;
  comment: string;
  created_by: string;
  created_at: string;
}

export interface BatchesTable {
  id: string;
  resource_id: string;
  catalog_version: number;
  unit_id: string;
  created_by: string;
  source: string;
  mode: string;
  format: string | null;
  encoding: string | null;
  file_name: string | null;
  content_hash: string | null;
  idempotency_key: string | null;
  stored_path: string | null;
  corrects_batch_id: string | null;
  status: string;
  rule_set_version: number | null;
  rows_read: number;
  applied: number;
  rejected: number;
  warned: number;
  duplicates: number;
  deleted: number;
  repaired: number;
  store_count_before: number | null;
  store_count_after: number | null;
  problems_by_rule: string;
  unknown_columns: string;
  score: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface BatchPagesTable {
  batch_id: string;
  page_no: number;
  records: string;
  record_count: number;
  created_at: string;
}

export interface TicketsTable {
  id: string;
  resource_id: string;
  unit_id: string;
  batch_id: string;
  kind: string;
  status: string;
  deadline: string;
  records_total: number;
  records_open: number;
  dispute_reason: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
}

export interface ProblemRecordsTable {
  batch_id: string;
  record_no: number;
  resource_id: string;
  unit_id: string;
  ticket_id: string | null;
  record_key: string | null;
  record_values: string;
  verdict: string;
  status: string;
  corrected_in_batch: string | null;
  dispute_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProblemsTable {
  batch_id: string;
  record_no: number;
  rule: string;
  element: string;
  dimension: string;
  severity: string;
  value: string | null;
  message: string;
}

export interface QualityScoresTable {
  id: string;
  scope: string;
  batch_id: string;
  resource_id: string;
  unit_id: string;
  at: string;
  records: number;
  dimensions: string;
  total: number;
}

export interface NotificationsTable {
  id: string;
  unit_id: string;
  kind: string;
  title: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface WebhooksTable {
  id: string;
  unit_id: string;
  url: string;
  secret: string;
  active: number;
  created_by: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface LibraryValuesTable {
  library: string;
  key: string;
  element: string;
  value: string | null;
  source_unit_id: string;
  source_resource_id: string;
  batch_id: string;
  authoritative: number;
  updated_at: string;
}

export interface ThematicLibrariesTable {
  id: string;
  resource_id: string;
  code: string;
  name: string;
  definition: string;
  refresh_hours: number;
  row_count: number | null;
  refreshed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ThematicRowsTable {
  library_id: string;
  key: string;
  row_values: string;
}

export interface DB {
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_credentials: ApiCredentialsTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_anchors: AuditAnchorsTable;
  signing_keys: SigningKeysTable;
  catalog_code_sequences: CatalogCodeSequencesTable;
  catalog_resources: CatalogResourcesTable;
  catalog_versions: CatalogVersionsTable;
  catalog_collection: CatalogCollectionTable;
  catalog_open_entries: CatalogOpenEntriesTable;
  jobs: JobsTable;
  dataset_tables: DatasetTablesTable;
  rule_sets: RuleSetsTable;
  batches: BatchesTable;
  batch_pages: BatchPagesTable;
  tickets: TicketsTable;
  problem_records: ProblemRecordsTable;
  problems: ProblemsTable;
  quality_scores: QualityScoresTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  outbox: OutboxTable;
  library_values: LibraryValuesTable;
  thematic_libraries: ThematicLibrariesTable;
  thematic_rows: ThematicRowsTable;
}
