// Every migration, in order. Names start with a UTC timestamp so that they sort as they were written.
import type { Migration } from 'kysely';
import * as foundation from './20261127T0130-foundation.js';
import * as auditAppendOnly from './20261127T0200-audit-append-only.js';

export const migrations: Record<string, Migration> = {
  '20261127T0130-foundation': foundation,
  '20261127T0200-audit-append-only': auditAppendOnly,
};
