// The rule editor's text: a rule set written as YAML (what governance staff read and diff most easily),
// read back for the readable tables beside the editor. The server is the judge of a rule set (it
// checks it against the resource's elements when trying or saving); the console only needs enough
// of a reading to show the rules while they are being typed.
import { parse, stringify } from 'yaml';
import type { CleansingStep, QualityRule, RuleSet } from './types';
import { DEFAULT_DIMENSION, RULE_KINDS, type Dimension, type RuleKind, type Severity } from './vocab';

export function ruleSetToYaml(ruleSet: RuleSet): string {
  // long lines (regular expressions, code lists) stay on one line so a rule reads as it is written
  return stringify(ruleSet, { lineWidth: 0 });
}

export type TextReading = { ok: true; ruleSet: RuleSet } | { ok: false; error: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the editor's text; a wrong shape is an error here only where the tables could not be drawn. */
export function readRuleSetText(text: string): TextReading {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  if (!isObject(data) || !Array.isArray(data.rules)) return { ok: false, error: 'rules: […]' };
  const cleansing = isObject(data.cleansing) ? (data.cleansing as Record<string, CleansingStep[]>) : {};
  return { ok: true, ruleSet: { cleansing, rules: data.rules.filter(isObject) as unknown as QualityRule[] } };
}

export interface RuleRow {
  id: string;
  element: string;
  kind: string;
  dimension: Dimension;
  severity: Severity;
  /** The options beyond the common fields (pattern, min/max, values, table…), as written. */
  options: string;
  message: string | null;
}

const COMMON = new Set(['id', 'element', 'kind', 'dimension', 'severity', 'message']);

function isKind(kind: unknown): kind is RuleKind {
  return typeof kind === 'string' && (RULE_KINDS as readonly string[]).includes(kind);
}

/** Each rule with what it defaults to when the text leaves it out, as the server applies them. */
export function ruleRows(ruleSet: RuleSet): RuleRow[] {
  return ruleSet.rules.map((r) => {
    const kind = String(r.kind ?? '');
    const options = Object.entries(r)
      .filter(([k]) => !COMMON.has(k))
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('; ');
    return {
      id: typeof r.id === 'string' && r.id ? r.id : `${kind}:${String(r.element ?? '')}`,
      element: String(r.element ?? ''),
      kind,
      dimension: r.dimension ?? (isKind(kind) ? DEFAULT_DIMENSION[kind] : 'normativity'),
      severity: r.severity ?? 'error',
      options,
      message: typeof r.message === 'string' ? r.message : null,
    };
  });
}

/** A cleansing step in words for the table: `codeTable: GB/T 2261.1`, `map (3)`, or the step's name. */
export function stepText(step: CleansingStep): { name: string; detail: string | null } {
  if (typeof step === 'string') return { name: step, detail: null };
  if ('codeTable' in step) return { name: 'codeTable', detail: step.codeTable };
  if ('map' in step) return { name: 'map', detail: String(Object.keys(step.map ?? {}).length) };
  if ('null_tokens' in step) return { name: 'null_tokens', detail: (step.null_tokens ?? []).join(' ') };
  return { name: JSON.stringify(step), detail: null };
}
