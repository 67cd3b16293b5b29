// Runs the migrations on either engine and reports what it applied.
import { Migrator, type MigrationResult } from 'kysely';
import type { Database } from './connect.js';
import { migrations } from './migrations/index.js';

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}

export async function migrateToLatest(database: Database): Promise<MigrationResult[]> {
  return check(await migrator(database).migrateToLatest());
}

/** Applies migrations up to and including `name` (restoring an older backup starts there). */
export async function migrateUpTo(database: Database, name: string): Promise<MigrationResult[]> {
  if (!(name in migrations)) throw new Error(`unknown schema version ${name}: this build knows ${Object.keys(migrations).join(', ')}`);
  const applied = (await migrator(database).getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
  if (applied.some((m) => m > name))
    throw new Error(`the database is already at a newer schema than ${name}: restore into a new, empty database`);
  return check(await migrator(database).migrateTo(name));
}

function check({ error, results }: { error?: unknown; results?: MigrationResult[] }): MigrationResult[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return results ?? [];
}

/** The newest migration applied to the database, or null for a database never migrated. */
export async function currentSchema(database: Database): Promise<string | null> {
  const applied = (await migrator(database).getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
  return applied.sort().at(-1) ?? null;
}
