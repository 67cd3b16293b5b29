// Resource codes after GB/T 21063.4: a front part from the classification (kind, item, subject, provider)
// and a six-digit sequence. Sequences only grow, so a code is never issued twice, even after deletion.
import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/index.js';
import { BASE_CATEGORIES, type ResourceContent } from './model.js';

const KIND_DIGIT = { base: '1', thematic: '2', departmental: '3' } as const;

export function codePrefix(c: Pick<ResourceContent, 'kind' | 'baseCategory' | 'subject'>, providerCode: string): string {
  const item = c.kind === 'base' && c.baseCategory ? String(BASE_CATEGORIES.indexOf(c.baseCategory) + 1).padStart(2, '0') : '00';
  return `${KIND_DIGIT[c.kind]}${item}${c.subject}-${providerCode.toUpperCase()}`;
}

export async function nextCode(trx: Transaction<DB>, prefix: string): Promise<string> {
  const row = await trx.selectFrom('catalog_code_sequences').select('last_seq').where('prefix', '=', prefix).executeTakeFirst();
  const seq = (row?.last_seq ?? 0) + 1;
  if (row) await trx.updateTable('catalog_code_sequences').set({ last_seq: seq }).where('prefix', '=', prefix).execute();
  else await trx.insertInto('catalog_code_sequences').values({ prefix, last_seq: seq }).execute();
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}
