// Field-level differences between two versions of a resource, elements matched by code.
import { resourceContentSchema, type ResourceContent } from './model.js';

/** Only the content's own fields: a view's ids and review dates are not part of what a version says. */
const CONTENT_FIELDS = Object.keys(resourceContentSchema.shape)
  .filter((k) => k !== 'elements')
  .sort();

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffContent(before: ResourceContent | null, after: ResourceContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of CONTENT_FIELDS) {
    const b = before ? (before as Record<string, unknown>)[key] : undefined;
    const a = (after as Record<string, unknown>)[key];
    if (!same(b, a)) changes.push({ field: key, before: b ?? null, after: a ?? null });
  }
  const old = new Map((before?.elements ?? []).map((e) => [e.code, e]));
  const now = new Map(after.elements.map((e) => [e.code, e]));
  for (const [code, e] of now) {
    const o = old.get(code);
    if (!o) {
      changes.push({ field: `elements.${code}`, before: null, after: e });
      continue;
    }
    for (const k of Object.keys({ ...o, ...e }).sort()) {
      const b = (o as Record<string, unknown>)[k];
      const a = (e as Record<string, unknown>)[k];
      if (!same(b, a)) changes.push({ field: `elements.${code}.${k}`, before: b ?? null, after: a ?? null });
    }
  }
  for (const [code, o] of old) if (!now.has(code)) changes.push({ field: `elements.${code}`, before: o, after: null });
  return changes;
}
