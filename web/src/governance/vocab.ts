// The aggregation and governance code lists, copied from the server (src/aggregation/batch-model.ts,
// src/governance/tickets.ts, src/governance/rules/rule-set.ts and dimensions.ts) so that the console
// never bundles server code. Their Chinese and English names live in the i18n dictionaries as
// `gov.<list>.<value>`; a value the console does not know (a newer server) shows as itself.
import { isMessageKey, type MessageKey, type Translate } from '../i18n';

export const BATCH_MODES = ['upsert', 'snapshot', 'delete'] as const;
export const BATCH_STATUSES = ['receiving', 'queued', 'running', 'applied', 'failed'] as const;
export const TICKET_STATUSES = ['open', 'in_correction', 'disputed', 'overdue', 'resolved'] as const;
/** GB/T 36344-2018; accessibility is measured by monitoring, not by a batch's rules. */
export const DIMENSIONS = ['normativity', 'completeness', 'accuracy', 'consistency', 'timeliness', 'accessibility'] as const;
export const RULE_KINDS = [
  'required',
  'type',
  'length',
  'pattern',
  'range',
  'enum',
  'code_table',
  'id_number',
  'credit_code',
  'phone',
  'email',
  'date',
  'not_future',
  'id_consistency',
  'formula',
] as const;

export type BatchMode = (typeof BATCH_MODES)[number];
export type BatchStatus = (typeof BATCH_STATUSES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type RuleKind = (typeof RULE_KINDS)[number];
export type Severity = 'error' | 'warning';

/** The dimension a rule counts toward when the rule set does not say (the server's DEFAULT_DIMENSION). */
export const DEFAULT_DIMENSION: Record<RuleKind, Dimension> = {
  required: 'completeness',
  type: 'normativity',
  length: 'normativity',
  pattern: 'normativity',
  range: 'normativity',
  enum: 'normativity',
  code_table: 'normativity',
  id_number: 'accuracy',
  credit_code: 'accuracy',
  phone: 'accuracy',
  email: 'accuracy',
  date: 'accuracy',
  not_future: 'accuracy',
  id_consistency: 'consistency',
  formula: 'normativity',
};

/** A batch still being received or worked on: its page keeps polling. */
export function batchInFlight(status: string): boolean {
  return status === 'receiving' || status === 'queued' || status === 'running';
}

export type GovVocabulary =
  | 'batchStatus'
  | 'mode'
  | 'source'
  | 'dimension'
  | 'severity'
  | 'ticketStatus'
  | 'ticketKind'
  | 'ruleKind'
  | 'verdict'
  | 'recordStatus'
  | 'library'
  | 'phase'
  | 'filterOp'
  | 'delivery'
  | 'webhookEvent';

export function govLabel(t: Translate, vocabulary: GovVocabulary, value: string | null | undefined): string {
  if (value == null || value === '') return t('common.none');
  const key = `gov.${vocabulary}.${value}`;
  return isMessageKey(key) ? t(key as MessageKey) : value;
}

/**
 * A rule id as the batch and the rule set report it, `kind:element` unless the rule set named it:
 * the kind's name and the element, for people who do not read rule ids. The batch's own findings
 * (`duplicate_record`, `duplicate_key`) have names of their own.
 */
export function ruleLabel(t: Translate, ruleId: string, elementName?: (code: string) => string | undefined): string {
  if (ruleId === 'duplicate_record' || ruleId === 'duplicate_key') return t(`gov.rule.${ruleId}`);
  const m = /^([a-z_]+):(.+)$/.exec(ruleId);
  if (!m) return ruleId;
  const [, kind, element] = m as unknown as [string, string, string];
  const kindName = kind === 'authoritative' ? t('gov.rule.authoritative') : govLabel(t, 'ruleKind', kind);
  if (kindName === kind) return ruleId; // a custom id that merely looks like one
  return `${elementName?.(element) ?? element} · ${kindName}`;
}

/** 0–1 ratio as a percentage with one decimal, as quality reports print it. */
export function percent(ratio: number | null | undefined): string {
  if (ratio == null) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}

/** A score out of 100: green when good, orange when middling, red when poor. */
export function scoreColor(total: number): string {
  if (total >= 90) return '#389e0d';
  if (total >= 75) return '#d48806';
  return '#cf1322';
}
