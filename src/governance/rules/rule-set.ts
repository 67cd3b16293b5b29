// A rule set: per-element cleansing steps, quality rules and dimension weights, as the governance staff
// write it (JSON or YAML) and the console edits it. The schema checks the shape; checkRuleSet checks it
// against the resource's elements.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { badRequest } from '../../platform/errors.js';
import { DIMENSIONS } from './dimensions.js';
import type { Dimension, Severity } from './dimensions.js';

export const STEP_NAMES = [
  'trim',
  'full_to_half',
  'upper',
  'lower',
  'null_tokens',
  'date',
  'datetime',
  'phone',
  'id_upper_x',
  'number',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** A cleansing step: a named step, a code-table mapping, a custom mapping, or null tokens replacing the default list. */
export type CleansingStep = StepName | { codeTable: string } | { map: Record<string, string> } | { null_tokens: string[] };

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
  'reference',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

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
  reference: 'consistency',
};

interface RuleBase {
  /** Unique in the set; defaults to `${kind}:${element}`. */
  id?: string;
  element: string;
  severity?: Severity;
  dimension?: Dimension;
  /** Replaces the generated message for every failure of this rule. */
  message?: string;
}

export type QualityRule = RuleBase &
  (
    | { kind: 'required' | 'type' | 'id_number' | 'credit_code' | 'phone' | 'email' | 'date' | 'not_future' | 'formula' }
    | { kind: 'length'; min?: number; max?: number }
    /** The whole value must match the pattern (it is anchored); compiled with the `u` flag. */
    | { kind: 'pattern'; pattern: string }
    /** Numbers for integer and decimal elements; `YYYY-MM-DD` for date and datetime elements (datetimes compare by date). */
    | { kind: 'range'; min?: number | string; max?: number | string }
    | { kind: 'enum'; values: string[] }
    | { kind: 'code_table'; table: string }
    /** Default to the elements coded `birth_date` and `sex` when the resource has them. */
    | { kind: 'id_consistency'; birthElement?: string; sexElement?: string }
    /**
     * The value exists in a base library (its key) or in another resource's live records (its `target`
     * element, by default its key). Checked by the batch against the store, not record by record.
     */
    | { kind: 'reference'; library?: 'population' | 'legal_entity'; resource?: string; target?: string }
  );

export interface RuleSet {
  cleansing: Record<string, CleansingStep[]>;
  rules: QualityRule[];
  /** Weight of each dimension in the quality score; dimensions left out keep the default weight (governance/scoring.ts). */
  weights?: Partial<Record<Dimension, number>>;
}

export const ruleIdOf = (rule: QualityRule): string => rule.id ?? `${rule.kind}:${rule.element}`;

const text = (max: number) => z.string().min(1).max(max);
const step = z.union(
  [
    z.enum(STEP_NAMES),
    z.object({ codeTable: text(60) }).strict(),
    z.object({ map: z.record(text(200), z.string().max(200)) }).strict(),
    z.object({ null_tokens: z.array(text(50)).max(100) }).strict(),
  ],
  {
    error: `清洗步骤应为 ${STEP_NAMES.join(', ')} 之一，或 { codeTable }、{ map }、{ null_tokens } (unknown cleansing step)`,
  },
);

const base = {
  id: text(100).optional(),
  element: text(63),
  severity: z.enum(['error', 'warning']).optional(),
  dimension: z.enum(DIMENSIONS).optional(),
  message: text(500).optional(),
};
const plain = <K extends RuleKind>(kind: K) => z.object({ ...base, kind: z.literal(kind) }).strict();
const bound = z.union([z.number(), z.string().max(30)]);
const ruleSchema = z.discriminatedUnion('kind', [
  plain('required'),
  plain('type'),
  plain('id_number'),
  plain('credit_code'),
  plain('phone'),
  plain('email'),
  plain('date'),
  plain('not_future'),
  plain('formula'),
  z
    .object({ ...base, kind: z.literal('length'), min: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() })
    .strict(),
  z.object({ ...base, kind: z.literal('pattern'), pattern: text(1000) }).strict(),
  z.object({ ...base, kind: z.literal('range'), min: bound.optional(), max: bound.optional() }).strict(),
  z.object({ ...base, kind: z.literal('enum'), values: z.array(z.string().max(200)).min(1).max(10_000) }).strict(),
  z.object({ ...base, kind: z.literal('code_table'), table: text(60) }).strict(),
  z.object({ ...base, kind: z.literal('id_consistency'), birthElement: text(63).optional(), sexElement: text(63).optional() }).strict(),
  z
    .object({
      ...base,
      kind: z.literal('reference'),
      library: z.enum(['population', 'legal_entity']).optional(),
      resource: text(60).optional(),
      target: text(63).optional(),
    })
    .strict(),
]);

export const ruleSetSchema: z.ZodType<RuleSet> = z
  .object({
    cleansing: z.record(text(63), z.array(step).max(50)),
    rules: z.array(ruleSchema).max(5000),
    weights: z
      .object(
        Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().min(0).max(100).optional()])) as Record<
          Dimension,
          z.ZodOptional<z.ZodNumber>
        >,
      )
      .strict()
      .optional(),
  })
  .strict();

export interface RuleSetProblem {
  path: string;
  message: string;
}

// zod's own messages are English; the producers and staff read Chinese first.
function message(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `缺少必填项 (required)` : `类型错误，应为 ${issue.expected} (expected ${issue.expected})`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join(', ')} (unrecognized keys)`;
    case 'invalid_union':
      if (issue.discriminator === 'kind') return `未知的规则类型，可选：${RULE_KINDS.join(', ')} (unknown rule kind)`;
      return `无效的取值 (invalid value)`;
    case 'invalid_value':
      return `取值应为 ${issue.values.join(' / ')} 之一 (expected one of ${issue.values.join(', ')})`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `长度不能少于 ${issue.minimum} (too short)`
        : `不能小于 ${issue.minimum} (too small)`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `长度不能超过 ${issue.maximum} (too long)`
        : `不能大于 ${issue.maximum} (too large)`;
    default:
      return undefined;
  }
}

const pathText = (path: PropertyKey[]) =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');

/** Parses a rule set written as JSON or YAML; a 400 `bad_rule_set` lists every problem with its path. */
export function parseRuleSet(text: string, format: 'json' | 'yaml'): RuleSet {
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw badRequest('bad_rule_set', `规则集不是合法的 ${format.toUpperCase()} (the rule set is not valid ${format.toUpperCase()})`, [
      { path: '', message: reason },
    ]);
  }
  const parsed = ruleSetSchema.safeParse(data, { error: message });
  if (!parsed.success) {
    const details: RuleSetProblem[] = parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
    throw badRequest('bad_rule_set', `规则集有 ${details.length} 处错误 (the rule set has ${details.length} problems)`, details);
  }
  return parsed.data;
}
