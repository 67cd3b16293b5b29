export { openDatabase, parseDbUrl } from './connect.js';
export type { Database } from './connect.js';
export type { DbAdapter, Engine } from './adapter.js';
export { migrateToLatest } from './migrate.js';
export { nowIso, addMinutes, shanghaiTime } from './time.js';
export type * from './schema.js';
export { backup, restore, BACKUP_FORMAT } from './backup.js';
export { withSnapshot } from './snapshot.js';
export { TABLES } from './tables.js';
