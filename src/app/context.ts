// What every service needs, built once at start (composition root): config, database, audit log, clock.
import type { AuditLog } from '../audit/index.js';
import type { Config } from '../platform/config/index.js';
import type { Database } from '../platform/db/index.js';

export interface AppContext {
  config: Config;
  database: Database;
  audit: AuditLog;
  clock: () => number;
  /** Set where a job runner works in this process: asks it to look for queued work now. */
  kickJobs?: () => void;
}
