// How a thematic library's definition reads for people: its sources by their catalog names rather than
// codes, each alias's elements by name, and filters as sentences. The definition names resources by id
// or code (the server accepts either) and elements by code; names come from the published table
// resources, and for a base library (whose defining resource is not named in the definition) from the
// thematic resource itself, whose elements the output columns are. An unknown name shows as its code.
import type { TableResource } from './use-table-resources';
import type { ThematicDefinition } from './types';
import { govLabel } from './vocab';
import type { Translate } from '../i18n';

/** The definition's name for its base source; joins have aliases of their own. */
export const BASE_ALIAS = 'base';

export interface ThematicNames {
  /** A resource named by id or code, when it is a published table resource. */
  resource(ref: string): TableResource | undefined;
  /** The base source or a join, as the definition's lines read: 基础来源, or the join's alias. */
  source(alias: string): string;
  element(alias: string, code: string): string;
  /** `source · element`, the way rule labels pair an element with what it belongs to. */
  ref(alias: string, code: string): string;
}

export function thematicNames(
  t: Translate,
  d: ThematicDefinition,
  resources: TableResource[] | undefined,
  thematic: TableResource | undefined,
): ThematicNames {
  const byRef = new Map<string, TableResource>();
  for (const r of resources ?? []) {
    byRef.set(r.id, r);
    byRef.set(r.code, r);
  }
  const ofAlias = new Map<string, TableResource | undefined>([
    [BASE_ALIAS, 'resource' in d.base ? byRef.get(d.base.resource) : undefined],
    ...d.joins.map((j) => [j.alias, byRef.get(j.resource)] as const),
  ]);
  const element = (alias: string, code: string) =>
    ofAlias.get(alias)?.elements.find((e) => e.code === code)?.name ?? thematic?.elements.find((e) => e.code === code)?.name ?? code;
  const source = (alias: string) => (alias === BASE_ALIAS ? t('gov.thematic.base') : alias);
  return {
    resource: (ref) => byRef.get(ref),
    source,
    element,
    ref: (alias, code) => `${source(alias)} · ${element(alias, code)}`,
  };
}

/** A resource or a base library as the definition names it: `name（code）`, or the library's name. */
export function baseLabel(t: Translate, d: ThematicDefinition, names: ThematicNames): string {
  if ('library' in d.base) return govLabel(t, 'library', d.base.library);
  return resourceLabel(d.base.resource, names);
}

export function resourceLabel(ref: string, names: ThematicNames): string {
  const r = names.resource(ref);
  return r ? `${r.name}（${r.code}）` : ref;
}

/** `基础来源 · 月保障金额（元） 不为空`, `pop · 性别 属于 1、2`. */
export function filterText(t: Translate, f: ThematicDefinition['filters'][number], names: ThematicNames): string {
  const op = govLabel(t, 'filterOp', f.op);
  const value = Array.isArray(f.value) ? f.value.join(t('common.listSep')) : f.value;
  const unary = f.op === 'not_null' || f.op === 'is_null';
  return [names.ref(f.from, f.element), op, unary ? undefined : (value ?? '')].filter((x) => x !== undefined).join(' ');
}

/** 每 24 小时 reads better as 每 1 天. */
export function intervalText(t: Translate, hours: number): string {
  return hours % 24 === 0 ? t('gov.thematic.everyDays', { n: hours / 24 }) : t('gov.thematic.everyHours', { n: hours });
}
