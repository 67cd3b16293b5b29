// Rule sets are versioned per resource: saving makes a new version, old ones stay readable, and each
// batch records the version it was checked with. A resource without a saved set uses the default
// derived from its catalog metadata.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { nowIso } from '../platform/db/index.js';
import { badRequest } from '../platform/errors.js';
import type { Element } from '../catalog/index.js';
import { checkRuleSet, defaultRuleSet, ruleSetSchema, type RuleSet } from './rules/index.js';

export interface StoredRuleSet {
  /** null: the default derived from the catalog, never saved. */
  version: number | null;
  ruleSet: RuleSet;
  comment: string;
  createdBy: string | null;
  createdAt: string | null;
}

export async function activeRuleSet(db: Kysely<DB> | Transaction<DB>, resourceId: string, elements: Element[]): Promise<StoredRuleSet> {
  const row = await db
    .selectFrom('rule_sets')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { version: null, ruleSet: defaultRuleSet(elements), comment: '', createdBy: null, createdAt: null };
  return {
    version: row.version,
    ruleSet: ruleSetSchema.parse(JSON.parse(row.definition)),
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function ruleSetHistory(
  db: Kysely<DB>,
  resourceId: string,
): Promise<{ version: number; comment: string; createdBy: string; createdAt: string }[]> {
  const rows = await db
    .selectFrom('rule_sets')
    .select(['version', 'comment', 'created_by', 'created_at'])
    .where('resource_id', '=', resourceId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, comment: r.comment, createdBy: r.created_by, createdAt: r.created_at }));
}

/** Validates a rule set against the resource's elements and stores it as the next version. */
export async function insertRuleSet(
  trx: Transaction<DB>,
  r: { resourceId: string; elements: Element[]; ruleSet: RuleSet; comment: string; userId: string; clock: () => number },
): Promise<number> {
  const problems = checkRuleSet(r.ruleSet, r.elements);
  if (problems.length > 0) throw badRequest('bad_rule_set', `规则集有 ${problems.length} 处错误 (the rule set has errors)`, { problems });
  const last = await trx
    .selectFrom('rule_sets')
    .select('version')
    .where('resource_id', '=', r.resourceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  const version = (last?.version ?? 0) + 1;
  await trx
    .insertInto('rule_sets')
    .values({
      resource_id: r.resourceId,
      version,
      definition: JSON.stringify(r.ruleSet),
      comment: r.comment,
      created_by: r.userId,
      created_at: nowIso(r.clock),
    })
    .execute();
  return version;
}
