// The server's refusals of a resource, field by field. Two shapes arrive:
//  - `catalog_inconsistent`: the consistency rules, details `[{ rule, field: 'elements[2].maskingRule', message }]`;
//  - `validation_failed`: the schema, details `[{ path: 'body/elements/1/code' | 'elements.1.code', message }]`.
// Both become form paths (`['elements', 2, 'maskingRule']`) so each message can sit beside its field.
import { ApiError } from '../api';

export type FieldPath = (string | number)[];

export interface FieldProblem {
  path: FieldPath;
  message: string;
  /** The consistency rule's id, when the problem is one. */
  rule?: string;
}

export interface ResourceProblems {
  kind: 'inconsistent' | 'invalid';
  problems: FieldProblem[];
}

/** `elements[2].maskingRule`, `elements.2.code`, `body/elements/2/code` → `['elements', 2, 'code']`. */
export function toFieldPath(field: string): FieldPath {
  const parts = field
    .replace(/^body[/.]?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

interface RuleDetail {
  rule?: unknown;
  field?: unknown;
  path?: unknown;
  message?: unknown;
}

/** The field problems of a failed save or submit, or null when the error is of another kind. */
export function resourceProblems(err: unknown): ResourceProblems | null {
  if (!(err instanceof ApiError) || err.status !== 400 || !Array.isArray(err.details)) return null;
  if (err.code !== 'catalog_inconsistent' && err.code !== 'validation_failed') return null;
  const problems = (err.details as RuleDetail[]).map((d) => ({
    path: toFieldPath(String(d.field ?? d.path ?? '')),
    message: String(d.message ?? ''),
    ...(typeof d.rule === 'string' ? { rule: d.rule } : {}),
  }));
  return { kind: err.code === 'catalog_inconsistent' ? 'inconsistent' : 'invalid', problems };
}

export function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The paths of the leaves in a form's `changedValues` (`{ elements: [, { maskingRule }] }` → `elements.1.maskingRule`). */
export function changedPaths(changed: unknown, prefix: FieldPath = []): FieldPath[] {
  if (Array.isArray(changed)) {
    const out: FieldPath[] = [];
    changed.forEach((v, i) => out.push(...changedPaths(v, [...prefix, i])));
    return out.length ? out : [prefix];
  }
  if (changed && typeof changed === 'object' && !('$d' in changed)) {
    const out = Object.entries(changed).flatMap(([k, v]) => changedPaths(v, [...prefix, k]));
    return out.length ? out : [prefix];
  }
  return [prefix];
}

/**
 * Which shown problems a change answers: an element row's problems go when anything in that row
 * changes (its rules tie the row's fields together), any other field's when that field changes.
 */
export function answeredBy(shown: FieldPath[], changed: FieldPath[]): FieldPath[] {
  return shown.filter((s) =>
    changed.some((c) =>
      s[0] === 'elements' && typeof s[1] === 'number' && c[0] === 'elements' && typeof c[1] === 'number'
        ? s[1] === c[1]
        : samePath(s.slice(0, c.length), c),
    ),
  );
}
