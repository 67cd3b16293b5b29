// Forced password change (等保 2.0 identity): an account whose password someone else chose (created or
// reset by an administrator, or past its maximum age) must set its own before it can do anything else.
// An integer 0/1 rather than a boolean, so that both engines read the same value back.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // existing accounts (the demo city, installations already in use) keep working as they are
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
