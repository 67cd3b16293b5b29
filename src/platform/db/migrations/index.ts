// Every migration, in order. Names start with a UTC timestamp so that they sort as they were written.
import type { Migration } from 'kysely';
import * as foundation from './20261127T0130-foundation.js';
import * as auditAppendOnly from './20261127T0200-audit-append-only.js';
import * as previousLogin from './20261127T0250-previous-login.js';
import * as catalog from './20261127T0300-catalog.js';
import * as catalogSearch from './20261127T0330-catalog-search.js';
import * as aggregation from './20261127T0500-aggregation.js';
import * as auditHardening from './20261127T0600-audit-hardening.js';
import * as catalogFacets from './20261127T0610-catalog-facets.js';
import * as passwordLifecycle from './20261127T0700-password-lifecycle.js';

export const migrations: Record<string, Migration> = {
  '20261127T0130-foundation': foundation,
  '20261127T0200-audit-append-only': auditAppendOnly,
  '20261127T0250-previous-login': previousLogin,
  '20261127T0300-catalog': catalog,
  '20261127T0330-catalog-search': catalogSearch,
  '20261127T0500-aggregation': aggregation,
  '20261127T0600-audit-hardening': auditHardening,
  '20261127T0610-catalog-facets': catalogFacets,
  '20261127T0700-password-lifecycle': passwordLifecycle,
};
