// Resource codes after GB/T 21063.4: a front part from the classification (kind, item, subject, provider)
// and a six-digit sequence. Sequences only grow, so a code is never issued twice, even after deletion.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { BASE_CATEGORIES, type ResourceContent } from './model.js';

const KIND_DIGIT = { base: '1', thematic: '2', departmental: '3' } as const;

export function codePrefix(c: Pick<ResourceContent, 'kind' | 'baseCategory' | 'subject'>, providerCode: string): string {
  const item = c.kind === 'base' && c.baseCategory ? String(BASE_CATEGORIES.indexOf(c.baseCategory) + 1).padStart(2, '0') : '00';
  return `${KIND_DIGIT[c.kind]}${item}${c.subject}-${providerCode.toUpperCase()}`;
}

/**
 * The next code of a prefix. One statement increments the sequence and returns the new value, so two
 * transactions creating resources of the same prefix at once (on PostgreSQL, where they run side by
 * side) never read the same number: the second waits for the first's row lock and increments after it.
 */
export async function nextCode(trx: Transaction<DB>, prefix: string): Promise<string> {
  const row = await trx
    .insertInto('catalog_code_sequences')
    .values({ prefix, last_seq: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet({ last_seq: sql<number>`catalog_code_sequences.last_seq + 1` }))
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last_seq).padStart(6, '0')}`;
}
