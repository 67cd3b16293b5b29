// The thematic-library editor's form values and the definition the server takes
// (src/governance/thematic.ts thematicDefinitionSchema). The form holds resources by id (what the
// selects list); the definition names them by code, which reads better in the audit log and survives a
// restore into another database. An `in` filter's values are typed as one line, split on commas.
import type { TableResource } from './use-table-resources';
import type { ThematicDefinition, ThematicFilterOp } from './types';
import { BASE_ALIAS } from './thematic-names';

export interface ThematicForm {
  resourceId?: string;
  baseKind: 'resource' | 'library';
  baseResource?: string;
  baseLibrary?: 'population' | 'legal_entity';
  joins: { alias?: string; resource?: string; onBase?: string; onElement?: string; required?: boolean }[];
  columns: { from?: string; element?: string; as?: string }[];
  filters: { from?: string; element?: string; op?: ThematicFilterOp; value?: string }[];
  refreshHours: number;
}

export const VALUELESS_OPS: readonly ThematicFilterOp[] = ['not_null', 'is_null'];

export function emptyForm(): ThematicForm {
  return { baseKind: 'resource', joins: [], columns: [], filters: [], refreshHours: 24 };
}

function byRef(resources: TableResource[]): Map<string, TableResource> {
  const m = new Map<string, TableResource>();
  for (const r of resources) {
    m.set(r.id, r);
    m.set(r.code, r);
  }
  return m;
}

export function formFromDefinition(
  resourceId: string,
  d: ThematicDefinition,
  refreshHours: number,
  resources: TableResource[],
): ThematicForm {
  const refs = byRef(resources);
  const idOf = (ref: string) => refs.get(ref)?.id ?? ref;
  return {
    resourceId,
    baseKind: 'library' in d.base ? 'library' : 'resource',
    baseResource: 'resource' in d.base ? idOf(d.base.resource) : undefined,
    baseLibrary: 'library' in d.base ? d.base.library : undefined,
    joins: d.joins.map((j) => ({
      alias: j.alias,
      resource: idOf(j.resource),
      onBase: j.on.base,
      onElement: j.on.element,
      required: j.required,
    })),
    columns: d.columns.map((c) => ({ from: c.from, element: c.element, as: c.as ?? c.element })),
    filters: d.filters.map((f) => ({
      from: f.from,
      element: f.element,
      op: f.op,
      value: Array.isArray(f.value) ? f.value.join(', ') : f.value,
    })),
    refreshHours,
  };
}

/** The definition to send; fields the form left empty stay empty, and the server names what is missing. */
export function definitionFromForm(f: ThematicForm, resources: TableResource[]): ThematicDefinition {
  const refs = byRef(resources);
  const codeOf = (id: string | undefined) => (id ? (refs.get(id)?.code ?? id) : '');
  return {
    base: f.baseKind === 'library' ? { library: f.baseLibrary ?? 'population' } : { resource: codeOf(f.baseResource) },
    joins: (f.joins ?? []).map((j) => ({
      alias: j.alias?.trim() ?? '',
      resource: codeOf(j.resource),
      on: { base: j.onBase ?? '', element: j.onElement ?? '' },
      required: j.required ?? false,
    })),
    columns: (f.columns ?? []).map((c) => ({
      from: c.from ?? BASE_ALIAS,
      element: c.element ?? '',
      ...(c.as && c.as !== c.element ? { as: c.as } : {}),
    })),
    filters: (f.filters ?? []).map((x) => {
      const op = x.op ?? 'eq';
      const filter = { from: x.from ?? BASE_ALIAS, element: x.element ?? '', op };
      if (VALUELESS_OPS.includes(op)) return filter;
      const text = x.value?.trim() ?? '';
      const value =
        op === 'in'
          ? text
              .split(/[,，、]/)
              .map((v) => v.trim())
              .filter(Boolean)
          : text;
      return { ...filter, value };
    }),
  };
}

/**
 * The elements each source of the definition offers, by alias. A base library's elements are those of
 * the base resource that defines it, the first catalogued of its category (as the server decides).
 */
export function sourceElements(f: ThematicForm, resources: TableResource[]): Map<string, TableResource['elements']> {
  const refs = byRef(resources);
  const out = new Map<string, TableResource['elements']>();
  const base =
    f.baseKind === 'library'
      ? resources.filter((r) => r.kind === 'base' && r.baseCategory === f.baseLibrary).sort((a, b) => a.code.localeCompare(b.code))[0]
      : f.baseResource
        ? refs.get(f.baseResource)
        : undefined;
  out.set(BASE_ALIAS, base?.elements ?? []);
  for (const j of f.joins ?? []) if (j.alias && j.resource) out.set(j.alias.trim(), refs.get(j.resource)?.elements ?? []);
  return out;
}
