// Shapes of the aggregation and governance API's JSON as the console uses them (src/aggregation/routes.ts,
// correction-routes.ts, batch-model.ts, progress.ts and src/governance/routes.ts on the server).
import type { DataElement } from '../catalog/types';
import type { BatchMode, BatchStatus, Dimension, RuleKind, Severity, TicketStatus } from './vocab';

/** Live counts of a batch while this server process runs it; null once it has finished. */
export interface BatchProgress {
  phase: 'reading' | 'applying' | 'scoring' | 'done' | 'failed';
  read: number;
  applied: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number;
}

export interface BatchError {
  code: string;
  message: string;
  details: unknown;
}

export interface BatchSummary {
  batch: string;
  resource: string;
  unit: string;
  source: 'file' | 'api' | 'correction' | string;
  mode: BatchMode;
  status: BatchStatus;
  fileName: string | null;
  format: string | null;
  encoding: string | null;
  rows: number;
  applied: number;
  rejected: number;
  warned: number;
  duplicates: number;
  deleted: number;
  repaired: number;
  /** Records that raised each rule, by rule id. */
  problems: Record<string, number>;
  unknownColumns: string[];
  storeCountBefore: number | null;
  storeCountAfter: number | null;
  score: number | null;
  ruleSetVersion: number | null;
  correctsBatch: string | null;
  error: BatchError | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The answer of an upload: a new batch, or the one this very file already made. */
export interface UploadedBatch extends BatchSummary {
  duplicate: boolean;
}

export interface BatchListItem extends BatchSummary {
  resourceCode: string;
  resourceName: string;
  unitName: string;
  progress: BatchProgress | null;
}

export interface BatchList {
  total: number;
  items: BatchListItem[];
}

export interface BatchDetail extends BatchSummary {
  resourceName: string;
  progress: BatchProgress | null;
  /** Pass ratio 0–1 per measured dimension; null before scoring. */
  dimensions: Partial<Record<Dimension, number>> | null;
  tickets: { id: string; status: string; kind: string }[];
}

export interface BatchProblem {
  record: number;
  key: string | null;
  element: string;
  rule: string;
  dimension: Dimension;
  severity: Severity;
  value: string | null;
  message: string;
  verdict: string;
  status: string;
}

export interface BatchProblems {
  total: number;
  items: BatchProblem[];
}

export interface Ticket {
  id: string;
  resourceId: string;
  resourceCode: string;
  resourceName: string;
  unitId: string;
  unitName: string;
  batchId: string;
  kind: 'quality' | 'consistency' | string;
  status: TicketStatus;
  deadline: string;
  recordsTotal: number;
  recordsOpen: number;
  disputeReason: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
}

export interface TicketList {
  total: number;
  items: Ticket[];
}

export interface RecordProblem {
  rule: string;
  element: string;
  dimension: Dimension;
  severity: Severity;
  value: string | null;
  message: string;
}

export type RecordValues = Record<string, string | null>;

export interface ProblemRecord {
  record: number;
  key: string | null;
  /** The record as cleansed, by element code. */
  values: RecordValues;
  verdict: 'rejected' | 'warning' | 'duplicate' | string;
  status: 'open' | 'resolved' | 'disputed' | string;
  correctedInBatch: string | null;
  problems: RecordProblem[];
}

export interface TicketDetail extends Ticket {
  elements: DataElement[];
  records: ProblemRecord[];
}

/** A cleansing step as written in a rule set: a named step or a small object. */
export type CleansingStep = string | { codeTable: string } | { map: Record<string, string> } | { null_tokens: string[] };

export interface QualityRule {
  id?: string;
  element: string;
  kind: RuleKind;
  severity?: Severity;
  dimension?: Dimension;
  message?: string;
  [option: string]: unknown;
}

export interface RuleSet {
  cleansing: Record<string, CleansingStep[]>;
  rules: QualityRule[];
  weights?: Partial<Record<Dimension, number>>;
}

export interface StoredRuleSet {
  /** null: the default derived from the catalog, never saved. */
  version: number | null;
  ruleSet: RuleSet;
  comment: string;
  createdBy: string | null;
  createdAt: string | null;
}

export interface RuleSetVersion {
  version: number;
  comment: string;
  createdBy: string;
  createdAt: string;
}

export interface RuleSetResponse {
  resource: { id: string; code: string; name: string; elements: DataElement[] };
  active: StoredRuleSet;
  history: RuleSetVersion[];
}

/** One problem of a `bad_rule_set` or `bad_sample` answer, where it is in the text. */
export interface RuleSetProblem {
  path: string;
  message: string;
}

export interface TriedRecord {
  cleaned: RecordValues;
  problems: RecordProblem[];
  verdict: 'clean' | 'warning' | 'rejected';
}

export interface QualityRow {
  resourceId: string;
  code: string;
  name: string;
  unitId: string;
  unitName: string;
  at: string;
  total: number;
  records: number;
  dimensions: Partial<Record<Dimension, number>>;
}

export interface ScorePoint {
  at: string;
  batchId: string;
  records: number;
  total: number;
  dimensions: Partial<Record<Dimension, number>>;
}

export interface ScoreSeries {
  resource: { id: string; code: string; name: string };
  series: ScorePoint[];
}

export interface Library {
  name: 'population' | 'legal_entity' | string;
  zh: string;
  entities: number;
}

export interface LibraryValue {
  element: string;
  value: string | null;
  sourceUnitId: string;
  sourceResourceId: string;
  batchId: string;
  authoritative: boolean;
  updatedAt: string;
}

export interface LibraryEntry {
  library: string;
  key: string;
  values: LibraryValue[];
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Notifications {
  unread: number;
  items: Notification[];
}

/** Where a thematic library's rows start: a dataset (a resource by id or code) or a base library. */
export type ThematicBase = { resource: string } | { library: 'population' | 'legal_entity' };

export type ThematicFilterOp = 'eq' | 'ne' | 'in' | 'not_null' | 'is_null' | 'gte' | 'lte' | 'contains';

/** src/governance/thematic.ts thematicDefinitionSchema, as stored (defaults filled in). */
export interface ThematicDefinition {
  base: ThematicBase;
  joins: {
    alias: string;
    resource: string;
    /** the base's element equals this resource's element */
    on: { base: string; element: string };
    /** inner join: base rows without a match are left out */
    required: boolean;
  }[];
  columns: { from: string; element: string; as?: string }[];
  filters: { from: string; element: string; op: ThematicFilterOp; value?: string | string[] }[];
}

export interface ThematicLibrary {
  id: string;
  resourceId: string;
  code: string;
  name: string;
  definition: ThematicDefinition;
  refreshHours: number;
  /** null until the first refresh. */
  rowCount: number | null;
  refreshedAt: string | null;
}

export interface ThematicRows {
  total: number;
  items: Record<string, string | null>[];
}

export interface WebhookDelivery {
  id: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed' | string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Webhook {
  id: string;
  url: string;
  active: boolean;
  createdAt: string;
  /** The latest 20, newest first. */
  deliveries: WebhookDelivery[];
}

/** The answer of a registration: the only time the signing secret is shown. */
export interface NewWebhook {
  id: string;
  url: string;
  secret: string;
}
