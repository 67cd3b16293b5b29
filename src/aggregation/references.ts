// Reference rules (引用一致性): a value must exist in a base library or in another resource's live
// records. They need the store, so the batch checks them a chunk at a time, with one query per rule.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { publishedResource, type Element } from '../catalog/index.js';
import { badRequest } from '../platform/errors.js';
import { DEFAULT_DIMENSION, ruleIdOf, type Dimension, type QualityRule, type RuleSet, type Severity } from '../governance/index.js';
import { LIBRARIES } from '../governance/index.js';
import { datasetTable } from './dataset-store.js';

export interface ReferenceCheck {
  id: string;
  elementIndex: number;
  severity: Severity;
  dimension: Dimension;
  message: (value: string) => string;
  /** The values among `values` that exist in the target. */
  existing(trx: Transaction<DB>, values: string[]): Promise<Set<string>>;
  checked: number;
  failed: number;
}

/** Resolves the rule set's reference rules to their targets (before the batch's transaction opens). */
export async function compileReferences(db: Kysely<DB>, ruleSet: RuleSet, elements: Element[]): Promise<ReferenceCheck[]> {
  const out: ReferenceCheck[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.kind !== 'reference') continue;
    const r = rule as Extract<QualityRule, { kind: 'reference' }>;
    const elementIndex = elements.findIndex((e) => e.code === r.element);
    const el = elements[elementIndex]!;
    const key = elements[elementIndex]!.key;
    const base = {
      id: ruleIdOf(rule),
      elementIndex,
      severity: key ? ('error' as const) : (r.severity ?? 'warning'),
      dimension: r.dimension ?? DEFAULT_DIMENSION.reference,
      checked: 0,
      failed: 0,
    };
    if (r.library) {
      const library = r.library;
      out.push({
        ...base,
        message: (v) => r.message ?? `「${el.name}」的值 ${v} 不在${LIBRARIES[library].zh}中 (not found in the ${library} library)`,
        async existing(trx, values) {
          const rows = await trx
            .selectFrom('library_values')
            .select('key')
            .distinct()
            .where('library', '=', library)
            .where('key', 'in', values)
            .execute();
          return new Set(rows.map((x) => x.key));
        },
      });
      continue;
    }
    const target = await publishedResource(db, r.resource!);
    if (!target)
      throw badRequest(
        'bad_rule_set',
        `引用规则 ${base.id} 的资源 ${r.resource} 不存在或未发布 (the referenced resource is not published)`,
      );
    const targetElement = r.target ?? target.elements.find((e) => e.key)?.code;
    if (!targetElement || !target.elements.some((e) => e.code === targetElement))
      throw badRequest('bad_rule_set', `引用规则 ${base.id} 的目标信息项 ${targetElement ?? ''} 不存在 (no such target element)`);
    const table = await datasetTable(db, target.id);
    out.push({
      ...base,
      message: (v) => r.message ?? `「${el.name}」的值 ${v} 在资源「${target.name}」中不存在 (not found in ${target.code})`,
      async existing(trx, values) {
        if (!table) return new Set();
        const rows = await sql<{
          v: unknown;
        }>`select distinct ${sql.id(targetElement)} as v from ${sql.id(table.tableName)} where _deleted = 0 and ${sql.id(targetElement)} in (${sql.join(values)})`.execute(
          trx,
        );
        return new Set(rows.rows.map((x) => String(x.v)));
      },
    });
  }
  return out;
}
